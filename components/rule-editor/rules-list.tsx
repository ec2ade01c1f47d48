"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState, type DragEvent } from "react";
import { ConfirmButton } from "@/components/orders/dialog";
import { useTRPC } from "@/components/providers/app-providers";
import { useStoreId } from "@/components/stores/use-store-id";
import { Button } from "@/components/ui/button";
import { formError } from "@/components/ui/errors";
import { Notice } from "@/components/ui/notice";
import { TRIGGERS, type TriggerKind } from "@/rules";
import { EnabledSwitch } from "./enabled-switch";
import { LibraryBadge, LibrarySection, SaveToLibraryButton, useLibrary } from "./rule-library";
import type { RuleListRow } from "./types";

const triggerLabel = (kind: string) => TRIGGERS[kind as TriggerKind]?.label ?? kind;

/** The store's rules in the order they run: on/off, reorder (drag or buttons), duplicate, delete; then the user's rule library. */
export function RulesList() {
  const trpc = useTRPC();
  const storeId = useStoreId();
  const queryClient = useQueryClient();
  const listKey = trpc.rule.list.queryKey({ storeId });
  const rules = useQuery(trpc.rule.list.queryOptions({ storeId }));
  const library = useLibrary();
  const ownLibraryIds = new Set((library.data ?? []).map((entry) => entry.id));
  const [flash, setFlash] = useState<string>();
  const [failure, setFailure] = useState<unknown>();
  const [dragging, setDragging] = useState<number | null>(null);
  const [dropAt, setDropAt] = useState<number | null>(null);

  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.rule.pathKey() });
  const done = (message?: string) => {
    setFailure(undefined);
    setFlash(message);
    return refresh();
  };
  const fail = (error: unknown) => {
    setFlash(undefined);
    setFailure(error);
    void refresh();
  };
  const setEnabled = useMutation(
    trpc.rule.setEnabled.mutationOptions({
      onMutate: ({ ruleId, enabled }) => queryClient.setQueryData(listKey, (rows) => rows?.map((r) => (r.id === ruleId ? { ...r, enabled } : r))),
      onSuccess: (result) => done(`${result.enabled ? "Enabled" : "Disabled"} “${rules.data?.find((r) => r.id === result.id)?.name ?? "the rule"}”.`),
      onError: fail,
    }),
  );
  const reorder = useMutation(
    trpc.rule.reorder.mutationOptions({
      onMutate: ({ ruleIds }) =>
        queryClient.setQueryData(listKey, (rows) => (rows ? ruleIds.map((id) => rows.find((r) => r.id === id)).filter((r): r is RuleListRow => r !== undefined) : rows)),
      onSuccess: () => done(),
      onError: fail,
    }),
  );
  const duplicate = useMutation(
    trpc.rule.duplicate.mutationOptions({
      onSuccess: (_result, { ruleId }) => done(`Duplicated “${rules.data?.find((r) => r.id === ruleId)?.name ?? "the rule"}”. The copy is off until you enable it.`),
      onError: fail,
    }),
  );
  const remove = useMutation(trpc.rule.delete.mutationOptions({ onError: fail }));

  const list = rules.data ?? [];
  const moveTo = (from: number, to: number) => {
    if (from === to || to < 0 || to >= list.length) return;
    const ids = list.map((r) => r.id);
    const [moved] = ids.splice(from, 1);
    ids.splice(to, 0, moved!);
    setFlash(undefined);
    reorder.mutate({ storeId, ruleIds: ids });
  };

  function onDragOver(event: DragEvent<HTMLLIElement>, index: number) {
    if (dragging === null) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
    const box = event.currentTarget.getBoundingClientRect();
    // Above the middle of a row drops before it, below drops after it.
    setDropAt(event.clientY < box.top + box.height / 2 ? index : index + 1);
  }
  function onDrop(event: DragEvent) {
    event.preventDefault();
    const from = list.findIndex((r) => r.id === dragging);
    if (from >= 0 && dropAt !== null) moveTo(from, dropAt > from ? dropAt - 1 : dropAt);
    setDragging(null);
    setDropAt(null);
  }

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">
          Rules
          {list.length ? <span className="ml-2 text-base font-normal text-slate-500">{list.length} {list.length === 1 ? "rule" : "rules"}</span> : null}
        </h1>
        <Link href={`/s/${storeId}/rules/new`} className="inline-flex items-center rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white hover:bg-brand-700">
          New rule
        </Link>
      </div>
      {flash ? <Notice tone="success">{flash}</Notice> : null}
      {failure ? <Notice tone="error">{formError(failure)}</Notice> : null}
      {rules.isError ? <Notice tone="error">{formError(rules.error)}</Notice> : null}

      {rules.isPending ? (
        <p className="rounded-lg border border-slate-200 bg-white px-4 py-10 text-center text-sm text-slate-500" role="status">
          Loading rules…
        </p>
      ) : list.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-10 text-center" data-testid="rules-empty">
          <h2 className="text-base font-semibold text-slate-900">No rules yet</h2>
          <p className="mx-auto mt-1 max-w-lg text-sm text-slate-500">
            Rules do the routine work on orders for you. Each one waits for an event (an order arrives, changes folder, gets a shipment, or a
            schedule), checks conditions such as the country or the SKUs, and then acts: moves the order to a folder, tags it, sets fields,
            splits it, sends an email or calls a webhook. Build one on a canvas and test it on a real order before you switch it on.
          </p>
          <Link href={`/s/${storeId}/rules/new`} className="mt-4 inline-flex items-center rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white hover:bg-brand-700">
            Create your first rule
          </Link>
        </div>
      ) : (
        <>
          <p className="text-sm text-slate-600" id="rules-order-note">
            Rules run from top to bottom, in this order, for every event; a rule that is off is skipped, and the “Stop processing rules”
            action ends the run. Drag a row, or use its arrows, to change the order.
          </p>
          <ol
            aria-label="Rules, in the order they run"
            aria-describedby="rules-order-note"
            className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white shadow-sm"
            onDragLeave={(event) => {
              if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDropAt(null);
            }}
          >
            {list.map((rule, index) => (
              <li
                key={rule.id}
                data-testid="rule-row"
                draggable
                onDragStart={(event) => {
                  event.dataTransfer.effectAllowed = "move";
                  event.dataTransfer.setData("text/plain", String(rule.id));
                  setDragging(rule.id);
                }}
                onDragEnd={() => (setDragging(null), setDropAt(null))}
                onDragOver={(event) => onDragOver(event, index)}
                onDrop={onDrop}
                className={`relative flex flex-wrap items-center gap-3 px-3 py-3 ${dragging === rule.id ? "opacity-50" : ""} ${
                  dropAt === index ? "before:absolute before:inset-x-0 before:-top-px before:h-0.5 before:bg-brand-500" : ""
                } ${dropAt === index + 1 && index === list.length - 1 ? "after:absolute after:inset-x-0 after:-bottom-px after:h-0.5 after:bg-brand-500" : ""}`}
              >
                <span className="cursor-grab select-none text-slate-400" aria-hidden="true" title="Drag to reorder">
                  ⋮⋮
                </span>
                <span className="w-6 text-right text-xs tabular-nums text-slate-400" aria-label={`Runs ${ordinal(index + 1)}`}>
                  {index + 1}
                </span>
                <div className="min-w-0 flex-1">
                  <Link href={`/s/${storeId}/rules/${rule.id}`} className="block truncate font-medium text-slate-900 hover:text-brand-700 hover:underline">
                    {rule.name}
                  </Link>
                  <p className="text-xs text-slate-500">
                    When: <span data-testid="rule-trigger">{triggerLabel(rule.triggerKind)}</span> · version {rule.version}
                  </p>
                </div>
                <LibraryBadge storeId={storeId} rule={rule} ownLibraryIds={ownLibraryIds} onDone={(message) => void done(message)} onError={fail} />
                <EnabledSwitch
                  checked={rule.enabled}
                  label={`Enabled: ${rule.name}`}
                  disabled={setEnabled.isPending && setEnabled.variables?.ruleId === rule.id}
                  onChange={(enabled) => setEnabled.mutate({ storeId, ruleId: rule.id, enabled })}
                />
                <span className="flex items-center gap-1">
                  <Button variant="ghost" aria-label={`Move ${rule.name} up`} disabled={index === 0 || reorder.isPending} onClick={() => moveTo(index, index - 1)}>
                    ↑
                  </Button>
                  <Button
                    variant="ghost"
                   
                    aria-label={`Move ${rule.name} down`}
                    disabled={index === list.length - 1 || reorder.isPending}
                    onClick={() => moveTo(index, index + 1)}
                  >
                    ↓
                  </Button>
                  <Button variant="secondary" aria-label={`Duplicate ${rule.name}`} disabled={duplicate.isPending} onClick={() => duplicate.mutate({ storeId, ruleId: rule.id })}>
                    Duplicate
                  </Button>
                  <SaveToLibraryButton storeId={storeId} rule={rule} ownLibraryIds={ownLibraryIds} onDone={(message) => void done(message)} onError={fail} />
                  <ConfirmButton
                    label="Delete"
                    ariaLabel={`Delete ${rule.name}`}
                    title={`Delete “${rule.name}”?`}
                    message="The rule and its saved versions are deleted. Orders it already changed stay as they are."
                    confirmLabel="Delete rule"
                    pending={remove.isPending}
                    className="rounded-md border border-red-200 bg-white px-3 py-2 text-sm font-medium text-red-700 hover:bg-red-50"
                    onConfirm={(close) =>
                      remove.mutate(
                        { storeId, ruleId: rule.id },
                        {
                          onSuccess: () => {
                            close();
                            void done(`Deleted “${rule.name}”.`);
                          },
                        },
                      )
                    }
                  />
                </span>
              </li>
            ))}
          </ol>
        </>
      )}
      <LibrarySection />
    </div>
  );
}

function ordinal(n: number) {
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? "th" : (["th", "st", "nd", "rd"][n % 10] ?? "th");
  return `${n}${suffix}`;
}
