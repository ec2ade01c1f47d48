"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useTRPC } from "@/components/providers/app-providers";
import { Button } from "@/components/ui/button";
import { formError } from "@/components/ui/errors";
import { Notice } from "@/components/ui/notice";
import { ConfirmButton } from "./dialog";
import { formatDateTime, parseUtc } from "./format";
import { OrderTags } from "./order-tags";
import { SplitDialog } from "./split-dialog";
import { TransferDialog } from "./transfer-dialog";
import type { Order } from "./types";
import { useOrderListRefresh, useOrderRefresh } from "./use-order-refresh";

/** Copies carry the origin as their source id ("<store>-<order>", see server/orders/transfer.ts). */
const COPY_SOURCE = /^(\d+)-(\d+)$/;

/** The order's title bar: folder, dates, source, links, tags and the order-wide actions. */
export function OrderHeader({
  order,
  storeId,
  timezone,
  canWrite,
  canDelete,
  onMessage,
}: {
  order: Order;
  storeId: number;
  timezone: string;
  canWrite: boolean;
  canDelete: boolean;
  onMessage: (message: string) => void;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const refresh = useOrderRefresh();
  const refreshLists = useOrderListRefresh();
  const orderId = Number(order.id);
  const folders = useQuery(trpc.folder.list.queryOptions({ storeId }));
  const stores = useQuery(trpc.store.list.queryOptions(undefined, { enabled: Boolean(order.copied_from_order_id) }));
  const splitParts = useQuery(trpc.order.splitParts.queryOptions({ storeId, orderId: Number(order.id) }));
  const move = useMutation(trpc.order.move.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(trpc.order.delete.mutationOptions({ onSuccess: refreshLists }));
  const [folderId, setFolderId] = useState(order.folder_id);

  const origin = COPY_SOURCE.exec(order.source_id);
  const originStore = origin && Number(origin[2]) === Number(order.copied_from_order_id) ? stores.data?.find((s) => s.id === Number(origin[1])) : undefined;
  const listHref = `/s/${storeId}/orders?folder=${order.folder_id}`;

  function onMove(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const name = folders.data?.find((f) => f.id === folderId)?.name;
    move.mutate({ storeId, orderIds: [orderId], folderId }, { onSuccess: () => onMessage(`Moved to ${name}.`) });
  }

  return (
    <div className="space-y-3">
      <Link href={listHref} className="text-sm text-brand-700 hover:underline">
        ← {order.folder_name || "Orders"}
      </Link>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="space-y-1">
          <h1 className="text-2xl font-semibold">
            Order #{order.id}{" "}
            <span className="ml-1 rounded-full bg-slate-100 px-2.5 py-0.5 align-middle text-sm font-medium text-slate-600" data-testid="order-folder">
              {order.folder_name}
            </span>
          </h1>
          <p className="text-sm text-slate-500">
            Added {formatDateTime(parseUtc(order.date_added), timezone)} · updated {formatDateTime(parseUtc(order.date_updated), timezone)} · {order.source_name}
            {order.source_id ? ` ${order.source_id}` : ""}
          </p>
          {splitParts.data?.length ? (
            <p className="text-sm text-slate-600" data-testid="order-split-parts">
              Split into{" "}
              {splitParts.data.map((part, i) => (
                <span key={part.id}>
                  {i > 0 ? ", " : ""}
                  <Link href={`/s/${storeId}/orders/${part.id}`} className="font-medium text-brand-700 hover:underline">
                    order #{part.id}
                  </Link>
                </span>
              ))}
            </p>
          ) : null}
          {order.parent_order_id || order.copied_from_order_id ? (
            <p className="text-sm text-slate-600" data-testid="order-links">
              {order.parent_order_id ? (
                <>
                  Split from{" "}
                  <Link href={`/s/${storeId}/orders/${order.parent_order_id}`} className="font-medium text-brand-700 hover:underline">
                    order #{order.parent_order_id}
                  </Link>
                  {order.copied_from_order_id ? " · " : ""}
                </>
              ) : null}
              {order.copied_from_order_id ? (
                <>
                  Copy of{" "}
                  {originStore ? (
                    <Link href={`/s/${originStore.id}/orders/${order.copied_from_order_id}`} className="font-medium text-brand-700 hover:underline">
                      order #{order.copied_from_order_id} in {originStore.name}
                    </Link>
                  ) : (
                    <span className="font-medium">order #{order.copied_from_order_id} (another store)</span>
                  )}
                  ; shipments added here are added there too.
                </>
              ) : null}
            </p>
          ) : null}
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {canWrite && folders.data ? (
            <form onSubmit={onMove} className="flex items-center gap-2" aria-label="Move to folder">
              <label htmlFor="order-folder" className="text-sm text-slate-600">
                Folder
              </label>
              <select
                id="order-folder"
                value={folderId}
                onChange={(e) => setFolderId(Number(e.target.value))}
                className="rounded-md border border-slate-300 bg-white px-2.5 py-2 text-sm shadow-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-100"
              >
                {folders.data.map((f) => (
                  <option key={f.id} value={f.id}>
                    {f.name}
                  </option>
                ))}
              </select>
              <Button type="submit" variant="secondary" disabled={folderId === order.folder_id || move.isPending}>
                Move
              </Button>
            </form>
          ) : null}
          {canWrite ? <SplitDialog order={order} storeId={storeId} /> : null}
          {canWrite ? <TransferDialog mode="copy" storeId={storeId} orderIds={[orderId]} onDone={onMessage} /> : null}
          {canWrite ? (
            <TransferDialog
              mode="move"
              storeId={storeId}
              orderIds={[orderId]}
              // The order keeps its number in its new store.
              onDone={(_message, target) => router.push(`/s/${target.storeId}/orders/${orderId}`)}
            />
          ) : null}
          {canDelete ? (
            <ConfirmButton
              label="Delete…"
              title={`Delete order #${order.id}?`}
              message="The order, its items, shipments, notes and history are deleted for good. This cannot be undone."
              confirmLabel="Delete order"
              pending={remove.isPending}
              error={remove.error ? <Notice tone="error">{formError(remove.error)}</Notice> : null}
              className="inline-flex items-center rounded-md border border-red-200 bg-white px-3 py-2 text-sm font-medium text-red-700 hover:bg-red-50"
              onConfirm={() => remove.mutate({ storeId, orderIds: [orderId] }, { onSuccess: () => router.push(`${listHref}&deleted=${orderId}`) })}
            />
          ) : null}
        </div>
      </div>
      {move.error ? <Notice tone="error">{formError(move.error)}</Notice> : null}
      <OrderTags order={order} storeId={storeId} canEdit={canWrite} />
    </div>
  );
}
