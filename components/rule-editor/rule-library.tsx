"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { useState } from "react";
import { ConfirmButton, Dialog } from "@/components/orders/dialog";
import { useTRPC } from "@/components/providers/app-providers";
import { Button } from "@/components/ui/button";
import { formError } from "@/components/ui/errors";
import { Notice } from "@/components/ui/notice";
import type { AppRouter } from "@/server/trpc/root";
import type { RuleListRow } from "./types";

type Outputs = inferRouterOutputs<AppRouter>;
export type LibraryEntry = Outputs["library"]["list"][number];
type ApplyResult = Outputs["library"]["applyToStores"][number];

const STATUS_LABELS: Record<ApplyResult["status"], string> = {
  created: "Created (off until you enable it)",
  updated: "Updated to the library version",
  skipped_overridden: "Skipped: edited in that store (overridden)",
};

/** The signed-in user's library, shared by the rules list and the library section. */
export function useLibrary() {
  const trpc = useTRPC();
  return useQuery(trpc.library.list.queryOptions());
}

function useRefreshAll() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => Promise.all([queryClient.invalidateQueries({ queryKey: trpc.library.pathKey() }), queryClient.invalidateQueries({ queryKey: trpc.rule.pathKey() })]);
}

/**
 * "Save to library" on a rule row: a new library rule named like the rule, or (when the rule came
 * from one of the user's library rules) a new version of that library rule.
 */
export function SaveToLibraryButton({ storeId, rule, ownLibraryIds, onDone, onError }: { storeId: number; rule: RuleListRow; ownLibraryIds: ReadonlySet<number>; onDone: (message: string) => void; onError: (error: unknown) => void }) {
  const trpc = useTRPC();
  const refresh = useRefreshAll();
  const libraryRuleId = rule.libraryRuleId !== null && ownLibraryIds.has(rule.libraryRuleId) ? rule.libraryRuleId : undefined;
  const save = useMutation(
    trpc.library.saveToLibrary.mutationOptions({
      onSuccess: (saved) => {
        onDone(libraryRuleId ? `Saved “${rule.name}” to the library as version ${saved.version}. Apply it to your stores to update them.` : `Saved “${rule.name}” to your library.`);
        void refresh();
      },
      onError,
    }),
  );
  return (
    <Button
      variant="secondary"
      aria-label={libraryRuleId ? `Update the library rule from ${rule.name}` : `Save ${rule.name} to library`}
      disabled={save.isPending}
      onClick={() => save.mutate({ storeId, ruleId: rule.id, name: rule.name, libraryRuleId })}
    >
      {libraryRuleId ? "Update library" : "Save to library"}
    </Button>
  );
}

/** The link state of a rule row: "From library" (· overridden), with "Reset to library" for the library's owner. */
export function LibraryBadge({ storeId, rule, ownLibraryIds, onDone, onError }: { storeId: number; rule: RuleListRow; ownLibraryIds: ReadonlySet<number>; onDone: (message: string) => void; onError: (error: unknown) => void }) {
  const trpc = useTRPC();
  const refresh = useRefreshAll();
  const reset = useMutation(
    trpc.rule.resetToLibrary.mutationOptions({
      onSuccess: (result) => {
        onDone(`Reset “${rule.name}” to library version ${result.libraryVersion}.`);
        void refresh();
      },
      onError,
    }),
  );
  if (rule.libraryRuleId === null) return null;
  return (
    <span className="flex items-center gap-2">
      <span data-testid="rule-library-state" className={`rounded-full px-2 py-0.5 text-xs font-medium ${rule.overridden ? "bg-amber-50 text-amber-800" : "bg-brand-50 text-brand-700"}`}>
        {rule.overridden ? "From library · overridden" : "From library"}
      </span>
      {rule.overridden && ownLibraryIds.has(rule.libraryRuleId) ? (
        <Button variant="ghost" aria-label={`Reset ${rule.name} to library`} disabled={reset.isPending} onClick={() => reset.mutate({ storeId, ruleId: rule.id })}>
          Reset to library
        </Button>
      ) : null}
    </span>
  );
}

/** The user's library rules: where each is applied, "Apply to stores…" and delete. */
export function LibrarySection() {
  const library = useLibrary();
  const trpc = useTRPC();
  const refresh = useRefreshAll();
  const [flash, setFlash] = useState<string>();
  const [failure, setFailure] = useState<unknown>();
  const remove = useMutation(trpc.library.delete.mutationOptions({ onError: setFailure }));
  const entries = library.data ?? [];

  return (
    <section aria-labelledby="rule-library-heading" className="space-y-3">
      <div>
        <h2 id="rule-library-heading" className="text-lg font-semibold">
          Your rule library
        </h2>
        <p className="text-sm text-slate-600">
          Rules saved to your account, to apply to any store where you manage rules. Folders are matched by name in each store. A rule edited in a
          store is marked overridden and is left alone when you apply the library again, until you reset it.
        </p>
      </div>
      {flash ? <Notice tone="success">{flash}</Notice> : null}
      {failure ? <Notice tone="error">{formError(failure)}</Notice> : null}
      {library.isError ? <Notice tone="error">{formError(library.error)}</Notice> : null}
      {library.isPending ? (
        <p className="text-sm text-slate-500" role="status">
          Loading your library…
        </p>
      ) : entries.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-6 text-center text-sm text-slate-500" data-testid="library-empty">
          Your library is empty. Use “Save to library” on a rule to keep it on your account.
        </p>
      ) : (
        <ul aria-label="Library rules" className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white shadow-sm">
          {entries.map((entry) => (
            <li key={entry.id} data-testid="library-row" className="flex flex-wrap items-center gap-3 px-3 py-3">
              <div className="min-w-0 flex-1">
                <p className="truncate font-medium text-slate-900">{entry.name}</p>
                <p className="text-xs text-slate-500">
                  version {entry.version} ·{" "}
                  {entry.stores.length === 0
                    ? "not applied to any store"
                    : `applied in ${entry.stores.map((s) => `${s.storeName}${s.overridden ? " (overridden)" : s.libraryVersion !== entry.version ? ` (version ${s.libraryVersion ?? "?"})` : ""}`).join(", ")}`}
                </p>
              </div>
              <ApplyDialog entry={entry} onApplied={() => void refresh()} />
              <ConfirmButton
                label="Delete"
                ariaLabel={`Delete ${entry.name} from the library`}
                title={`Delete “${entry.name}” from your library?`}
                message="The rules already applied in stores stay as they are; they are no longer linked to the library."
                confirmLabel="Delete from library"
                pending={remove.isPending}
                className="rounded-md border border-red-200 bg-white px-3 py-2 text-sm font-medium text-red-700 hover:bg-red-50"
                onConfirm={(close) =>
                  remove.mutate(
                    { libraryRuleId: entry.id },
                    {
                      onSuccess: () => {
                        close();
                        setFailure(undefined);
                        setFlash(`Deleted “${entry.name}” from your library.`);
                        void refresh();
                      },
                    },
                  )
                }
              />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** "Apply to stores…": a checkbox per store the user reaches, then the outcome per store. */
function ApplyDialog({ entry, onApplied }: { entry: LibraryEntry; onApplied: () => void }) {
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const stores = useQuery({ ...trpc.store.list.queryOptions({ includeArchived: false }), enabled: open });
  const [chosen, setChosen] = useState<ReadonlySet<number>>(new Set());
  const apply = useMutation(trpc.library.applyToStores.mutationOptions({ onSuccess: onApplied }));
  const close = () => {
    setOpen(false);
    apply.reset();
  };
  const toggle = (id: number, on: boolean) =>
    setChosen((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  return (
    <>
      <Button variant="secondary" aria-label={`Apply ${entry.name} to stores`} onClick={() => setOpen(true)}>
        Apply to stores…
      </Button>
      <Dialog open={open} onClose={close} title={`Apply “${entry.name}” to stores`}>
        <form
          className="space-y-4"
          onSubmit={(event) => {
            event.preventDefault();
            apply.mutate({ libraryRuleId: entry.id, storeIds: [...chosen] });
          }}
        >
          <fieldset className="space-y-2">
            <legend className="text-sm font-medium text-slate-700">Stores</legend>
            {stores.isPending ? (
              <p className="text-sm text-slate-500" role="status">
                Loading your stores…
              </p>
            ) : stores.isError ? (
              <Notice tone="error">{formError(stores.error)}</Notice>
            ) : (
              <div className="max-h-64 space-y-1 overflow-y-auto">
                {stores.data.map((store) => {
                  const applied = entry.stores.find((s) => s.storeId === store.id);
                  return (
                    <label key={store.id} className="flex items-center gap-2 text-sm">
                      <input
                        type="checkbox"
                        checked={chosen.has(store.id)}
                        onChange={(event) => toggle(store.id, event.target.checked)}
                        className="h-4 w-4 rounded border-slate-300 text-brand-600"
                      />
                      <span>
                        {store.name}
                        {applied ? <span className="ml-1 text-xs text-slate-500">{applied.overridden ? "(applied, overridden)" : "(applied)"}</span> : null}
                      </span>
                    </label>
                  );
                })}
              </div>
            )}
          </fieldset>
          {apply.isError ? <Notice tone="error">{formError(apply.error)}</Notice> : null}
          {apply.data ? (
            <div role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
              <ul aria-label="Results per store" className="space-y-1">
                {apply.data.map((result) => (
                  <li key={`${result.storeId}-${result.ruleId}`} data-testid="library-apply-result">
                    <span className="font-medium">{result.storeName}</span>: {STATUS_LABELS[result.status]}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          <div className="flex justify-end gap-2">
            <Button type="button" variant="secondary" onClick={close}>
              Close
            </Button>
            <Button type="submit" disabled={chosen.size === 0 || apply.isPending}>
              {apply.isPending ? "Applying…" : `Apply to ${chosen.size} ${chosen.size === 1 ? "store" : "stores"}`}
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
