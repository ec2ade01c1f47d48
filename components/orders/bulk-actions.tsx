"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent, type ReactNode } from "react";
import { BulkExportControl } from "@/components/exports/bulk-export-control";
import { useTRPC } from "@/components/providers/app-providers";
import { Button } from "@/components/ui/button";
import { formError } from "@/components/ui/errors";
import { Notice } from "@/components/ui/notice";
import { Dialog } from "./dialog";
import { compactControl as control } from "./compact-control";
import { RunRuleControl } from "./run-rule-control";

interface Folder {
  id: number;
  name: string;
}

const plural = (n: number) => `${n} order${n === 1 ? "" : "s"}`;

/** What can be done to the selected orders; each control shows only with its permission. */
export function BulkActions({
  storeId,
  orderIds,
  folders,
  currentFolder,
  canWrite,
  canDelete,
  onDone,
  onClear,
  extra,
}: {
  storeId: number;
  orderIds: number[];
  folders: Folder[];
  currentFolder: number | "all";
  canWrite: boolean;
  canDelete: boolean;
  onDone: (message: string) => void;
  onClear: () => void;
  extra?: ReactNode;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.order.pathKey() });
  const move = useMutation(trpc.order.move.mutationOptions({ onSuccess: refresh }));
  const tag = useMutation(trpc.order.tag.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(trpc.order.delete.mutationOptions({ onSuccess: refresh }));
  const failure = [move.error, tag.error].find(Boolean);
  const count = orderIds.length;
  const targets = folders.filter((f) => f.id !== currentFolder);

  function onMove(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const folderId = Number(new FormData(event.currentTarget).get("folderId"));
    const name = folders.find((f) => f.id === folderId)?.name ?? "the folder";
    move.mutate({ storeId, orderIds, folderId }, { onSuccess: () => onDone(`Moved ${plural(count)} to ${name}.`) });
  }

  function onTag(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const name = String(new FormData(event.currentTarget).get("tag") ?? "").trim();
    if (!name) return;
    const removing = submitter?.value === "remove";
    tag.mutate(
      { storeId, orderIds, add: removing ? [] : [name], remove: removing ? [name] : [] },
      { onSuccess: () => onDone(removing ? `Removed the tag "${name}" from ${plural(count)}.` : `Tagged ${plural(count)} "${name}".`) },
    );
  }

  return (
    <div role="region" aria-label="Bulk actions" className="space-y-2 rounded-lg border border-brand-100 bg-brand-50 px-4 py-3">
      <div className="flex items-center justify-between gap-3">
        <p className="text-sm font-semibold text-brand-700" data-testid="selected-count">
          {plural(count)} selected
        </p>
        <button type="button" onClick={onClear} className="rounded px-1 text-sm text-brand-700 hover:underline">
          Clear selection
        </button>
      </div>
      <div className="flex flex-wrap items-center gap-x-5 gap-y-2">
        {canWrite && targets.length > 0 ? (
          <form onSubmit={onMove} className="flex items-center gap-2" aria-label="Move selected orders">
            <label htmlFor="bulk-folder" className="text-sm text-slate-700">
              Move to
            </label>
            <select id="bulk-folder" name="folderId" className={control}>
              {targets.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.name}
                </option>
              ))}
            </select>
            <Button type="submit" variant="secondary" disabled={move.isPending}>
              {move.isPending ? "Moving…" : "Move"}
            </Button>
          </form>
        ) : null}
        {canWrite ? (
          <form onSubmit={onTag} className="flex items-center gap-2" aria-label="Tag selected orders">
            <label htmlFor="bulk-tag" className="text-sm text-slate-700">
              Tag
            </label>
            <input id="bulk-tag" name="tag" required maxLength={100} placeholder="e.g. Rush" className={`${control} w-32`} />
            <Button type="submit" variant="secondary" value="add" disabled={tag.isPending}>
              Add tag
            </Button>
            <Button type="submit" variant="ghost" value="remove" disabled={tag.isPending}>
              Remove tag
            </Button>
          </form>
        ) : null}
        {canWrite ? <RunRuleControl storeId={storeId} orderIds={orderIds} onDone={onDone} /> : null}
        {canWrite ? <BulkExportControl storeId={storeId} orderIds={orderIds} onDone={onDone} /> : null}
        {extra}
        {canDelete ? (
          <Button type="button" variant="danger" onClick={() => (remove.reset(), setConfirmDelete(true))}>
            Delete…
          </Button>
        ) : null}
      </div>
      {failure ? <Notice tone="error">{formError(failure)}</Notice> : null}
      <Dialog open={confirmDelete} onClose={() => setConfirmDelete(false)} title={`Delete ${plural(count)}?`}>
        <p className="text-sm text-slate-600">
          The {count === 1 ? "order, its items, shipments, notes and history are" : "orders, their items, shipments, notes and history are"} deleted for good.
          This cannot be undone.
        </p>
        {remove.error ? <Notice tone="error">{formError(remove.error)}</Notice> : null}
        <form
          method="dialog"
          className="flex justify-end gap-2"
          onSubmit={(event) => {
            event.preventDefault();
            remove.mutate(
              { storeId, orderIds },
              { onSuccess: (result) => (setConfirmDelete(false), onDone(`Deleted ${plural(result.deleted)}.`)) },
            );
          }}
        >
          <Button type="button" variant="secondary" onClick={() => setConfirmDelete(false)} autoFocus>
            Cancel
          </Button>
          <Button type="submit" variant="danger" disabled={remove.isPending}>
            {remove.isPending ? "Deleting…" : `Delete ${plural(count)}`}
          </Button>
        </form>
      </Dialog>
    </div>
  );
}
