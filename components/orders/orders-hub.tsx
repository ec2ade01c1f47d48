"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useMemo, useState } from "react";
import { useTRPC } from "@/components/providers/app-providers";
import { Button } from "@/components/ui/button";
import { formError } from "@/components/ui/errors";
import { Notice } from "@/components/ui/notice";
import { BulkActions } from "./bulk-actions";
import { FolderSidebar } from "./folder-sidebar";
import { hasFilters, nextDay, parseListParams, startOfDayIn, toSearch, withChanges, type Cursor, type ListParams } from "./list-params";
import { OrderFilters } from "./order-filters";
import { OrdersTable } from "./orders-table";
import { TransferDialog } from "./transfer-dialog";
import { useCurrentStore } from "./use-current-store";
import type { OrderListRow } from "./types";

/** The order hub: folders on the left, the selected folder's orders on the right. */
export function OrdersHub() {
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const search = useSearchParams();
  const { storeId, timezone, currency, can } = useCurrentStore();
  const params = useMemo(() => parseListParams(new URLSearchParams(search.toString())), [search]);
  const folders = useQuery(trpc.folder.list.queryOptions({ storeId }));
  // Orders arrive from carts and the API at any time: counts refresh on focus and every half minute.
  const counts = useQuery(trpc.order.folderCounts.queryOptions({ storeId }, { refetchInterval: 30_000 }));
  const [flash, setFlash] = useState<string>();
  // Set by the order page after deleting an order; shown until the next navigation.
  const deleted = search.get("deleted");

  const folder = params.folder ?? folders.data?.[0]?.id;
  const go = (next: ListParams) => {
    setFlash(undefined);
    router.push(`${pathname}${toSearch({ ...next, folder: next.folder ?? folder })}`);
  };
  const countMap = useMemo(() => (counts.data ? new Map(counts.data.map((c) => [c.folderId, c.count])) : undefined), [counts.data]);

  const folderName = folder === "all" ? "All orders" : (folders.data?.find((f) => f.id === folder)?.name ?? "");
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">
          Orders{folderName ? <span className="text-slate-400"> · {folderName}</span> : null}
        </h1>
        {can("orders.write") ? (
          <Link
            href={`/s/${storeId}/orders/new`}
            className="inline-flex items-center rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white hover:bg-brand-700"
          >
            New order
          </Link>
        ) : null}
      </div>
      {folders.isError ? <Notice tone="error">{formError(folders.error)}</Notice> : null}
      <div className="flex flex-col gap-6 md:flex-row">
        {folders.data ? (
          <FolderSidebar
            folders={folders.data}
            counts={countMap}
            selected={folder ?? "all"}
            hrefFor={(f) => `${pathname}${toSearch(withChanges(params, { folder: f }))}`}
          />
        ) : (
          <p className="text-sm text-slate-500 md:w-48">Loading folders…</p>
        )}
        <div className="min-w-0 flex-1 space-y-4">
          <OrderFilters params={params} onChange={go} timezone={timezone} />
          {flash ? <Notice tone="success">{flash}</Notice> : deleted && /^\d+$/.test(deleted) ? <Notice tone="success">Order #{deleted} was deleted.</Notice> : null}
          {folder !== undefined ? (
            <OrderResults
              // A new page, folder or query starts with nothing selected.
              key={toSearch({ ...params, folder })}
              storeId={storeId}
              params={{ ...params, folder }}
              folders={folders.data ?? []}
              folderName={folderName}
              folderCount={!countMap ? undefined : typeof folder === "number" ? (countMap.get(folder) ?? 0) : [...countMap.values()].reduce((a, b) => a + b, 0)}
              timezone={timezone}
              currency={currency}
              can={can}
              go={go}
              onDone={setFlash}
            />
          ) : null}
        </div>
      </div>
    </div>
  );
}

const cursorOf = (row: OrderListRow, params: ListParams): Cursor => ({
  at: params.sort === "date_updated" ? row.dateUpdated : row.dateAdded,
  id: row.id,
});

function OrderResults({
  storeId,
  params,
  folders,
  folderName,
  folderCount,
  timezone,
  currency,
  can,
  go,
  onDone,
}: {
  storeId: number;
  params: ListParams & { folder: number | "all" };
  folders: { id: number; name: string }[];
  folderName: string;
  folderCount: number | undefined;
  timezone: string;
  currency: string;
  can: ReturnType<typeof useCurrentStore>["can"];
  go: (next: ListParams) => void;
  onDone: (message: string) => void;
}) {
  const trpc = useTRPC();
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  // "Previous" reads the other way from the first row shown, then flips the rows back.
  const backwards = Boolean(params.before);
  const direction = backwards ? (params.dir === "desc" ? "asc" : "desc") : params.dir;
  const list = useQuery(
    trpc.order.list.queryOptions(
      {
        storeId,
        folderIds: params.folder === "all" ? undefined : [params.folder],
        search: params.q || undefined,
        sourceName: params.source || undefined,
        tag: params.tag || undefined,
        addedFrom: params.from ? startOfDayIn(params.from, timezone) : undefined,
        addedTo: params.to ? new Date(startOfDayIn(nextDay(params.to), timezone).getTime() - 1) : undefined,
        sort: params.sort,
        direction,
        limit: params.size,
        cursor: params.after ?? params.before,
      },
      { placeholderData: keepPreviousData },
    ),
  );

  if (list.isPending) {
    return (
      <p className="rounded-lg border border-slate-200 bg-white px-4 py-10 text-center text-sm text-slate-500" role="status">
        Loading orders…
      </p>
    );
  }
  if (list.isError) {
    return (
      <div className="space-y-2">
        <Notice tone="error">Could not load the orders. {formError(list.error)}</Notice>
        <Button variant="secondary" onClick={() => list.refetch()}>
          Try again
        </Button>
      </div>
    );
  }

  const rows = backwards ? [...list.data.orders].reverse() : list.data.orders;
  const hasPrevious = backwards ? Boolean(list.data.nextCursor) : Boolean(params.after);
  const hasNext = backwards ? true : Boolean(list.data.nextCursor);
  const canWrite = can("orders.write");
  const canDelete = can("orders.delete");
  const selectable = canWrite || canDelete;
  const filtered = hasFilters(params);

  if (rows.length === 0) {
    return (
      <div className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-12 text-center" data-testid="orders-empty">
        {params.after || params.before ? (
          <>
            <p className="text-sm text-slate-600">No more orders this way.</p>
            <Button variant="secondary" className="mt-3" onClick={() => go(withChanges(params, {}))}>
              Back to the first page
            </Button>
          </>
        ) : filtered ? (
          <>
            <p className="text-sm font-medium text-slate-700">No orders match {params.q ? `“${params.q}”` : "these filters"}{params.folder === "all" ? "" : ` in ${folderName}`}.</p>
            <div className="mt-3 flex justify-center gap-2">
              {params.folder !== "all" ? (
                <Button variant="secondary" onClick={() => go(withChanges(params, { folder: "all" }))}>
                  Search all folders
                </Button>
              ) : null}
              <Button variant="ghost" onClick={() => go(withChanges(params, { q: "", source: "", tag: "", from: "", to: "" }))}>
                Clear search and filters
              </Button>
            </div>
          </>
        ) : (
          <>
            <p className="text-sm font-medium text-slate-700">
              {params.folder === "all" ? "No orders in this store yet" : `No orders in ${folderName} yet`}
              {canWrite ? " — create one or connect a cart." : "."}
            </p>
            {canWrite ? (
              <Link href={`/s/${storeId}/orders/new`} className="mt-3 inline-block text-sm font-medium text-brand-700 hover:underline">
                Create an order
              </Link>
            ) : null}
          </>
        )}
      </div>
    );
  }

  const first = (params.page - 1) * params.size + 1;
  const last = first + rows.length - 1;
  const select = (ids: number[], on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      for (const id of ids) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });
  const selectedIds = rows.filter((r) => selected.has(r.id)).map((r) => r.id);

  return (
    <div className="space-y-3">
      {selectedIds.length > 0 ? (
        <BulkActions
          storeId={storeId}
          orderIds={selectedIds}
          folders={folders}
          currentFolder={params.folder}
          canWrite={canWrite}
          canDelete={canDelete}
          onDone={(message) => (setSelected(new Set()), onDone(message))}
          onClear={() => setSelected(new Set())}
          extra={
            canWrite ? (
              <div className="flex gap-2">
                {(["copy", "move"] as const).map((mode) => (
                  <TransferDialog
                    key={mode}
                    mode={mode}
                    storeId={storeId}
                    orderIds={selectedIds}
                    buttonVariant="ghost"
                    onDone={(message) => (setSelected(new Set()), onDone(message))}
                  />
                ))}
              </div>
            ) : null
          }
        />
      ) : null}
      <div className={list.isPlaceholderData ? "opacity-60 transition-opacity" : undefined} aria-busy={list.isFetching}>
        <OrdersTable
          rows={rows}
          storeId={storeId}
          timezone={timezone}
          currency={currency}
          sort={params.sort}
          selectable={selectable}
          // Rows of the previous query stay visible (dimmed) while the next loads; they cannot be selected.
          locked={list.isPlaceholderData}
          selected={selected}
          onSelect={select}
          onTag={(tag) => go(withChanges(params, { tag }))}
        />
      </div>
      <nav aria-label="Pages" className="flex items-center justify-between gap-3 text-sm text-slate-600">
        <p data-testid="page-range">
          Orders {first}–{last}
          {/* Counts refresh on their own schedule; a count the page already exceeds is stale, so it is left out. */}
          {!filtered && folderCount !== undefined && folderCount >= last ? ` of ${folderCount}` : ""}
        </p>
        <div className="flex gap-2">
          <Button
            variant="secondary"
            disabled={!hasPrevious}
            onClick={() =>
              go(params.page <= 2 ? withChanges(params, {}) : { ...params, after: undefined, before: cursorOf(rows[0]!, params), page: params.page - 1 })
            }
          >
            ← Previous
          </Button>
          <Button
            variant="secondary"
            disabled={!hasNext}
            onClick={() => go({ ...params, before: undefined, after: cursorOf(rows[rows.length - 1]!, params), page: params.page + 1 })}
          >
            Next →
          </Button>
        </div>
      </nav>
    </div>
  );
}
