"use client";

import Link from "next/link";
import { useEffect, useRef } from "react";
import { formatDateTime, formatMoney, personName } from "./format";
import type { SortKey } from "./list-params";
import { TagChip } from "./tag-chip";
import type { OrderListRow } from "./types";

/** One page of orders, with a checkbox per row and one for the whole page. */
export function OrdersTable({
  rows,
  storeId,
  timezone,
  currency,
  sort,
  selectable,
  locked = false,
  selected,
  onSelect,
  onTag,
}: {
  rows: OrderListRow[];
  storeId: number;
  timezone: string;
  currency: string;
  sort: SortKey;
  selectable: boolean;
  locked?: boolean;
  selected: ReadonlySet<number>;
  onSelect: (ids: number[], on: boolean) => void;
  onTag: (tag: string) => void;
}) {
  const all = rows.length > 0 && rows.every((r) => selected.has(r.id));
  const some = !all && rows.some((r) => selected.has(r.id));
  const allBox = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (allBox.current) allBox.current.indeterminate = some;
  }, [some]);

  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="w-full text-left text-sm" aria-label="Orders">
        <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            {selectable ? (
              <th scope="col" className="w-10 py-2 pl-4">
                <input
                  ref={allBox}
                  type="checkbox"
                  aria-label="Select all orders on this page"
                  checked={all}
                  disabled={locked}
                  onChange={(e) => onSelect(rows.map((r) => r.id), e.target.checked)}
                  className="h-4 w-4 rounded border-slate-300"
                />
              </th>
            ) : null}
            <th scope="col" className="py-2 pl-4 pr-3 font-medium">Order</th>
            <th scope="col" className="px-3 py-2 font-medium">{sort === "date_updated" ? "Updated" : "Added"}</th>
            <th scope="col" className="px-3 py-2 font-medium">Source</th>
            <th scope="col" className="px-3 py-2 font-medium">Customer</th>
            <th scope="col" className="px-3 py-2 text-right font-medium">Qty</th>
            <th scope="col" className="px-3 py-2 text-right font-medium">Total</th>
            <th scope="col" className="px-3 py-2 pr-4 font-medium">Tags</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => {
            const name = personName(row.shipping);
            const checked = selected.has(row.id);
            return (
              <tr key={row.id} data-testid="order-row" className={checked ? "bg-brand-50/60" : "hover:bg-slate-50"}>
                {selectable ? (
                  <td className="py-2 pl-4">
                    <input
                      type="checkbox"
                      aria-label={`Select order ${row.id}`}
                      checked={checked}
                      disabled={locked}
                      onChange={(e) => onSelect([row.id], e.target.checked)}
                      className="h-4 w-4 rounded border-slate-300"
                    />
                  </td>
                ) : null}
                <td className="whitespace-nowrap py-2 pl-4 pr-3">
                  <Link href={`/s/${storeId}/orders/${row.id}`} className="font-medium text-brand-700 hover:underline">
                    #{row.id}
                  </Link>
                  {row.parentOrderId ? <span className="ml-1 text-xs text-slate-400">split</span> : null}
                  {row.copiedFromOrderId ? <span className="ml-1 text-xs text-slate-400">copy</span> : null}
                </td>
                <td className="whitespace-nowrap px-3 py-2 text-slate-600">
                  {formatDateTime(sort === "date_updated" ? row.dateUpdated : row.dateAdded, timezone)}
                </td>
                <td className="max-w-40 px-3 py-2">
                  <div className="truncate">{row.sourceName}</div>
                  {row.sourceId ? <div className="truncate text-xs text-slate-500">{row.sourceId}</div> : null}
                </td>
                <td className="max-w-56 px-3 py-2">
                  <div className="truncate">{name || <span className="text-slate-400">—</span>}</div>
                  {row.email ? <div className="truncate text-xs text-slate-500">{row.email}</div> : null}
                </td>
                <td className="px-3 py-2 text-right tabular-nums">{row.quantityTotal}</td>
                <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums">{formatMoney(row.orderTotal, currency)}</td>
                <td className="px-3 py-2 pr-4">
                  <div className="flex flex-wrap gap-1">
                    {row.tags.map((tag) => (
                      <button key={tag} type="button" title={`Show orders tagged ${tag}`} onClick={() => onTag(tag)} className="rounded-full">
                        <TagChip name={tag} />
                      </button>
                    ))}
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
