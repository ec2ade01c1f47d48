"use client";

import { addDecimals, isDecimal, multiplyDecimal } from "@/server/orders/money";
import { formatMoney } from "@/components/orders/format";
import { lineRange } from "./labels";
import type { ImportTarget, PreviewRecord } from "./types";

type Of<K extends PreviewRecord["kind"]> = Extract<PreviewRecord, { kind: K }>;

const linesOf = (r: PreviewRecord) => ("lines" in r ? r.lines : [r.line]);
const linesLabel = (r: PreviewRecord) => {
  const lines = linesOf(r);
  return lines.length ? lineRange(lines[0]!, lines.at(-1)!) : "";
};

function orderTotal(order: Of<"order">): string | undefined {
  const input = order.input;
  if (input.order_total !== undefined) return input.order_total;
  const items = input.order_items ?? [];
  const amounts = items.map((i) => (i.price && isDecimal(i.price) ? multiplyDecimal(i.price, i.quantity ?? 1) : "0"));
  const extra = [input.shipping_total, input.handling_total, input.tax_total].filter((v): v is string => !!v && isDecimal(v));
  return amounts.length || extra.length ? addDecimals(...amounts, ...extra) : undefined;
}

function customerOf(order: Of<"order">) {
  const s = order.input.shipping ?? order.input.customer;
  const name = [s?.first_name, s?.last_name].filter(Boolean).join(" ") || s?.name || "";
  return [name, order.input.email].filter(Boolean).join(" · ");
}

/** The file's first records as they would be imported; rows that would fail are red, with why. */
export function ImportPreview({ target, records, currency }: { target: ImportTarget; records: PreviewRecord[]; currency: string }) {
  if (records.length === 0) return <p className="text-sm text-slate-500">The file has a header but no rows to import.</p>;
  const failures = records.filter((r) => r.kind === "failure").length;
  const heads =
    target === "orders" ? ["Lines", "Order", "Customer", "Items", "Total"] : target === "inventory" ? ["Line", "SKU", "Name", "Stock", "Price"] : ["Line", "Order", "Tracking", "Carrier", "Service"];
  return (
    <div className="space-y-2">
      <p className="text-sm text-slate-600">
        The first {records.length} {target === "orders" ? "orders" : target === "inventory" ? "items" : "shipments"} of the file
        {failures ? <span className="font-medium text-red-700"> · {failures} would fail</span> : " · all valid"}.
      </p>
      <div className="overflow-x-auto rounded-lg border border-slate-200">
        <table className="w-full text-left text-sm" aria-label="Import preview">
          <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
            <tr>
              {heads.map((h, i) => (
                <th key={h} scope="col" className={`px-3 py-2 font-medium ${i >= 3 ? "text-right" : ""}`}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {records.map((record, index) => (
              <tr key={index} data-testid="preview-row" data-kind={record.kind} className={record.kind === "failure" ? "bg-red-50" : ""}>
                <td className="whitespace-nowrap px-3 py-2 tabular-nums text-slate-500">{linesLabel(record)}</td>
                {record.kind === "failure" ? (
                  <td colSpan={4} className="px-3 py-2 text-red-700">
                    {record.key ? <span className="mr-2 font-medium">{record.key}</span> : null}
                    {record.reason}
                  </td>
                ) : record.kind === "order" ? (
                  <>
                    <td className="px-3 py-2 font-medium text-slate-900">{record.key}</td>
                    <td className="px-3 py-2 text-slate-700">{customerOf(record) || <span className="text-slate-400">—</span>}</td>
                    <td className="px-3 py-2 text-right tabular-nums">{record.input.order_items?.length ?? 0}</td>
                    <td className="px-3 py-2 text-right tabular-nums">{orderTotal(record) !== undefined ? formatMoney(orderTotal(record)!, currency) : "—"}</td>
                  </>
                ) : record.kind === "inventory" ? (
                  <>
                    <td className="px-3 py-2 font-mono text-xs text-slate-900">{record.item.code}</td>
                    <td className="px-3 py-2 text-slate-700">{record.item.name || <span className="text-slate-400">—</span>}</td>
                    <td className="px-3 py-2 text-right tabular-nums">
                      {record.item.stock === undefined ? "—" : record.stockMode === "adjust" ? `${record.item.stock >= 0 ? "+" : ""}${record.item.stock}` : record.item.stock}
                    </td>
                    <td className="px-3 py-2 text-right tabular-nums">{record.item.price ? formatMoney(record.item.price, currency) : "—"}</td>
                  </>
                ) : (
                  <>
                    <td className="px-3 py-2 text-slate-900">{"id" in record.order ? `#${record.order.id}` : record.order.source_id}</td>
                    <td className="px-3 py-2 font-mono text-xs">{record.shipment.tracking_number}</td>
                    <td className="px-3 py-2 text-right">{record.shipment.carrier_code || "—"}</td>
                    <td className="px-3 py-2 text-right">{record.shipment.shipment_method || "—"}</td>
                  </>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
