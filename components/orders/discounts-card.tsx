"use client";

import { useId, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { DECIMAL_PATTERN } from "./decimal";
import { EditableCard, FormButtons } from "./editable-card";
import { formatMoney } from "./format";
import { formErrors } from "./order-errors";
import { useOrderUpdate } from "./patch-form";
import type { Order } from "./types";

type Discount = { name: string; code: string; amount: string };
const cell =
  "block w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm shadow-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-100";

/** The discounts applied to the order (coupon name, code, amount); the discount total is edited under Totals. */
export function DiscountsCard({ order, storeId, canEdit, currency }: { order: Order; storeId: number; canEdit: boolean; currency: string }) {
  const list = order.discount_list ?? [];
  return (
    <EditableCard
      title="Discounts"
      canEdit={canEdit}
      view={
        list.length ? (
          <ul className="space-y-1 text-sm">
            {list.map((d, i) => (
              <li key={i} className="flex justify-between gap-3">
                <span>
                  {d.name || "Discount"} {d.code ? <span className="text-slate-500">({d.code})</span> : null}
                </span>
                <span className="tabular-nums">{d.amount ? formatMoney(d.amount, currency) : "—"}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-slate-400">No discount codes.</p>
        )
      }
      form={(close) => <DiscountsForm order={order} storeId={storeId} onDone={close} />}
    />
  );
}

function DiscountsForm({ order, storeId, onDone }: { order: Order; storeId: number; onDone: () => void }) {
  const id = useId();
  const update = useOrderUpdate();
  const [rows, setRows] = useState<Discount[]>(() => {
    const list = (order.discount_list ?? []).map((d) => ({ name: d.name ?? "", code: d.code ?? "", amount: d.amount ?? "" }));
    return list.length ? list : [{ name: "", code: "", amount: "" }];
  });
  const errors = formErrors(update.error, "patch", []);
  const set = (index: number, change: Partial<Discount>) => setRows(rows.map((r, i) => (i === index ? { ...r, ...change } : r)));

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const discount_list = rows
      .filter((r) => r.name.trim() || r.code.trim() || r.amount.trim())
      .map((r) => ({ name: r.name.trim(), code: r.code.trim(), amount: r.amount.trim() || "0" }));
    update.mutate({ storeId, orderId: Number(order.id), patch: { discount_list } }, { onSuccess: onDone });
  }

  const fields = [
    ["name", "Name"],
    ["code", "Code"],
    ["amount", "Amount"],
  ] as const;
  return (
    <form onSubmit={onSubmit} aria-label="Discounts" className="space-y-3">
      {errors.form ? <Notice tone="error">{errors.form}</Notice> : null}
      <div className="grid grid-cols-[1.3fr_1fr_0.8fr_auto] items-center gap-2">
        {fields.map(([, label]) => (
          <span key={label} className="text-xs font-medium text-slate-500">
            {label}
          </span>
        ))}
        <span />
        {rows.map((row, index) => (
          <div key={index} className="contents">
            {fields.map(([key, label]) => (
              <div key={key}>
                <label htmlFor={`${id}-${key}${index}`} className="sr-only">
                  Discount {index + 1} {label.toLowerCase()}
                </label>
                <input
                  id={`${id}-${key}${index}`}
                  className={cell}
                  value={row[key]}
                  onChange={(e) => set(index, { [key]: e.target.value })}
                  autoFocus={index === 0 && key === "name"}
                  {...(key === "amount" ? { inputMode: "decimal" as const, pattern: DECIMAL_PATTERN, title: "An amount such as 5.00" } : {})}
                />
              </div>
            ))}
            <Button type="button" variant="ghost" className="px-2 py-1" aria-label={`Remove discount ${index + 1}`} onClick={() => setRows(rows.filter((_, i) => i !== index))}>
              ✕
            </Button>
          </div>
        ))}
      </div>
      <Button type="button" variant="secondary" className="px-2 py-1" onClick={() => setRows([...rows, { name: "", code: "", amount: "" }])}>
        Add discount
      </Button>
      <FormButtons pending={update.isPending} onCancel={onDone} />
    </form>
  );
}
