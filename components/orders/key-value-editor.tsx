"use client";

import { useId, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { EditableCard, FormButtons } from "./editable-card";
import { formErrors } from "./order-errors";
import { useOrderUpdate } from "./patch-form";
import type { KeyValues, Order } from "./types";

export interface Row {
  key: string;
  value: string;
}

export const rowsOf = (map: KeyValues | undefined): Row[] =>
  Object.entries(map ?? {}).map(([key, value]) => ({ key, value: value === null ? "" : String(value) }));

/**
 * Rows back to a map. A value left as it was keeps its original type (a cart's number stays a
 * number); blank rows are dropped. Returns an error message instead when a name is missing or repeated.
 */
export function mapOf(rows: Row[], original: KeyValues | undefined): { map: KeyValues } | { error: string } {
  const map: KeyValues = {};
  for (const row of rows) {
    const key = row.key.trim();
    if (!key && !row.value.trim()) continue;
    if (!key) return { error: `Give the value “${row.value}” a name.` };
    if (key in map) return { error: `The name “${key}” is used twice.` };
    const before = original?.[key];
    map[key] = before !== undefined && before !== null && String(before) === row.value ? before : row.value;
  }
  return { map };
}

const cell =
  "block w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm shadow-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-100";

/** Editable name/value rows (checkout data, metadata, item variations). */
export function KeyValueRows({ rows, onChange, label, autoFocus }: { rows: Row[]; onChange: (rows: Row[]) => void; label: string; autoFocus?: boolean }) {
  const id = useId();
  const set = (index: number, change: Partial<Row>) => onChange(rows.map((r, i) => (i === index ? { ...r, ...change } : r)));
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-slate-700">{label}</legend>
      {rows.length ? (
        <div className="grid grid-cols-[1fr_1.5fr_auto] items-center gap-2" role="group" aria-label={`${label} rows`}>
          {rows.map((row, index) => (
            <div key={index} className="contents">
              <label htmlFor={`${id}-k${index}`} className="sr-only">
                {label} name {index + 1}
              </label>
              <input id={`${id}-k${index}`} className={cell} value={row.key} placeholder="Name" onChange={(e) => set(index, { key: e.target.value })} autoFocus={autoFocus && index === 0} />
              <label htmlFor={`${id}-v${index}`} className="sr-only">
                {label} value {index + 1}
              </label>
              <input id={`${id}-v${index}`} className={cell} value={row.value} placeholder="Value" onChange={(e) => set(index, { value: e.target.value })} />
              <Button type="button" variant="ghost" className="px-2 py-1" aria-label={`Remove ${row.key || `row ${index + 1}`}`} onClick={() => onChange(rows.filter((_, i) => i !== index))}>
                ✕
              </Button>
            </div>
          ))}
        </div>
      ) : (
        <p className="text-sm text-slate-400">Nothing yet.</p>
      )}
      <Button type="button" variant="secondary" className="px-2 py-1" onClick={() => onChange([...rows, { key: "", value: "" }])}>
        Add {label.toLowerCase().replace(/s$/, "")} field
      </Button>
    </fieldset>
  );
}

type MapField = "checkout_data" | "order_metadata";
const TITLES: Record<MapField, string> = { checkout_data: "Checkout data", order_metadata: "Order metadata" };
const HINTS: Record<MapField, string> = {
  checkout_data: "Extra fields from checkout, shown on documents (gift messages, delivery notes).",
  order_metadata: "Hidden fields for integrations and rules.",
};

export function KeyValueCard({ order, field, storeId, canEdit }: { order: Order; field: MapField; storeId: number; canEdit: boolean }) {
  const map = order[field];
  const rows = rowsOf(map);
  return (
    <EditableCard
      title={TITLES[field]}
      testId={`${field}-card`}
      canEdit={canEdit}
      view={
        rows.length ? (
          <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
            {rows.map((row) => (
              <div key={row.key} className="contents">
                <dt className="text-slate-500">{row.key}</dt>
                <dd className="break-words">{row.value}</dd>
              </div>
            ))}
          </dl>
        ) : (
          <p className="text-sm text-slate-400">{HINTS[field]}</p>
        )
      }
      form={(close) => <KeyValueForm order={order} field={field} storeId={storeId} onDone={close} />}
    />
  );
}

function KeyValueForm({ order, field, storeId, onDone }: { order: Order; field: MapField; storeId: number; onDone: () => void }) {
  const update = useOrderUpdate();
  const [rows, setRows] = useState(() => (rowsOf(order[field]).length ? rowsOf(order[field]) : [{ key: "", value: "" }]));
  const [local, setLocal] = useState<string>();
  const errors = formErrors(update.error, "patch", []);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = mapOf(rows, order[field]);
    if ("error" in result) return setLocal(result.error);
    setLocal(undefined);
    update.mutate({ storeId, orderId: Number(order.id), patch: { [field]: result.map } }, { onSuccess: onDone });
  }

  return (
    <form onSubmit={onSubmit} aria-label={TITLES[field]} className="space-y-3">
      {local || errors.form ? <Notice tone="error">{local ?? errors.form}</Notice> : null}
      <KeyValueRows rows={rows} onChange={setRows} label={TITLES[field]} autoFocus />
      <FormButtons pending={update.isPending} onCancel={onDone} />
    </form>
  );
}
