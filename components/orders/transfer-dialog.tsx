"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTRPC } from "@/components/providers/app-providers";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { Dialog } from "./dialog";
import { formErrors } from "./order-errors";
import { useOrderListRefresh, useOrderRefresh } from "./use-order-refresh";

const plural = (n: number) => `${n} order${n === 1 ? "" : "s"}`;

/**
 * Copy (linked to the original) or move orders to another store the user reaches. The server
 * checks the user's access to the target; the list here only saves typing.
 */
export function TransferDialog({
  mode,
  storeId,
  orderIds,
  onDone,
  buttonVariant = "secondary",
}: {
  mode: "copy" | "move";
  storeId: number;
  orderIds: number[];
  onDone: (message: string, target: { storeId: number; name: string }) => void;
  buttonVariant?: "secondary" | "ghost";
}) {
  const trpc = useTRPC();
  const refresh = useOrderRefresh();
  const refreshLists = useOrderListRefresh();
  const [open, setOpen] = useState(false);
  const stores = useQuery(trpc.store.list.queryOptions(undefined, { enabled: open }));
  const others = (stores.data ?? []).filter((s) => s.id !== storeId && !s.archivedAt);
  const [target, setTarget] = useState<number>();
  const targetId = target ?? others[0]?.id;
  const folders = useQuery(trpc.folder.list.queryOptions({ storeId: targetId ?? 0 }, { enabled: open && targetId !== undefined }));
  const copy = useMutation(trpc.order.copyToStore.mutationOptions({ onSuccess: refresh }));
  const move = useMutation(trpc.order.moveToStore.mutationOptions({ onSuccess: refreshLists }));
  const mutation = mode === "copy" ? copy : move;
  const errors = formErrors(mutation.error, "", ["targetStoreId", "folderId"]);
  const verb = mode === "copy" ? "Copy" : "Move";
  const close = () => (setOpen(false), copy.reset(), move.reset());

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const targetStoreId = Number(form.get("targetStoreId"));
    const folderValue = String(form.get("folderId") ?? "");
    const folderId = folderValue ? Number(folderValue) : undefined;
    const name = others.find((s) => s.id === targetStoreId)?.name ?? "the store";
    const input = { storeId, orderIds, targetStoreId, folderId };
    if (mode === "copy") {
      copy.mutate(input, {
        onSuccess: (result) => {
          const made = result.copies.filter((c) => c.created).length;
          const existing = result.copies.length - made;
          close();
          onDone(
            `Copied ${plural(made)} to ${name}${existing ? ` (${plural(existing)} had been copied there before)` : ""}.`,
            { storeId: targetStoreId, name },
          );
        },
      });
    } else {
      move.mutate(input, {
        onSuccess: (result) => {
          close();
          onDone(`Moved ${plural(result.moved.length)} to ${name}.`, { storeId: targetStoreId, name });
        },
      });
    }
  }

  return (
    <>
      <Button type="button" variant={buttonVariant} onClick={() => setOpen(true)}>
        {verb} to store…
      </Button>
      <Dialog open={open} onClose={close} title={`${verb} ${plural(orderIds.length)} to another store`}>
        <p className="text-sm text-slate-600">
          {mode === "copy"
            ? "Each copy is a new order in the other store, linked to its original: shipments added to the copy are added to the original too."
            : "The orders leave this store with their items, shipments, notes and history."}
        </p>
        {stores.isPending ? (
          <p className="text-sm text-slate-500">Loading stores…</p>
        ) : others.length === 0 ? (
          <Notice tone="info">You have no other store to {mode} orders to.</Notice>
        ) : (
          <form onSubmit={onSubmit} className="space-y-4" aria-label={`${verb} to store`}>
            {errors.form ? <Notice tone="error">{errors.form}</Notice> : null}
            <SelectField label="Store" name="targetStoreId" value={targetId} onChange={(e) => setTarget(Number(e.target.value))} error={errors.field("targetStoreId")} autoFocus>
              {others.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </SelectField>
            <SelectField label="Folder" name="folderId" defaultValue="" key={targetId} error={errors.field("folderId")} hint="In the other store.">
              <option value="">{folders.data?.[0] ? `${folders.data[0].name} (where new orders land)` : "Where new orders land"}</option>
              {(folders.data ?? []).slice(1).map((f) => (
                <option key={f.id} value={f.id}>
                  {f.name}
                </option>
              ))}
            </SelectField>
            <div className="flex justify-end gap-2">
              <Button type="button" variant="secondary" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" disabled={mutation.isPending}>
                {mutation.isPending ? `${verb === "Copy" ? "Copying" : "Moving"}…` : `${verb} ${plural(orderIds.length)}`}
              </Button>
            </div>
          </form>
        )}
      </Dialog>
    </>
  );
}
