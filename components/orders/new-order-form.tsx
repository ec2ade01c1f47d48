"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useRef, useState, type FormEvent } from "react";
import { useTRPC } from "@/components/providers/app-providers";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { SelectField, TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { DECIMAL_PATTERN, fromUnits, lineTotal, orderTotal } from "./decimal";
import { formatMoney } from "./format";
import { formErrors } from "./order-errors";
import { inputProps } from "./patch-form";
import type { Address, NewOrder } from "./types";
import { useCurrentStore } from "./use-current-store";
import { useRestoreFocus } from "./use-restore-focus";
import { useOrderListRefresh } from "./use-order-refresh";

interface Line {
  key: number;
  name: string;
  code: string;
  price: string;
  quantity: string;
}

const ADDRESS: [keyof Address & string, string, string?][] = [
  ["address1", "Address line 1", "sm:col-span-2"],
  ["address2", "Address line 2", "sm:col-span-2"],
  ["city", "City"],
  ["state", "State / region"],
  ["postal_code", "Postal code"],
  ["country", "Country"],
];
const PERSON: [keyof Address & string, string][] = [
  ["first_name", "First name"],
  ["last_name", "Last name"],
  ["company", "Company"],
  ["phone", "Phone"],
];
const TOTALS = [
  ["shipping_total", "Shipping"],
  ["handling_total", "Handling"],
  ["tax_total", "Tax"],
  ["discount_total", "Discount"],
] as const;

const cell =
  "block w-full rounded-md border bg-white px-2.5 py-1.5 text-sm shadow-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-100";

/** Manual order entry: goes through the same ingest door as carts and the API, then opens the order. */
export function NewOrderForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const id = useId();
  const { storeId, currency } = useCurrentStore();
  const refreshLists = useOrderListRefresh();
  const folders = useQuery(trpc.folder.list.queryOptions({ storeId }));
  const nextKey = useRef(1);
  const [lines, setLines] = useState<Line[]>([{ key: 0, name: "", code: "", price: "", quantity: "1" }]);
  const [totals, setTotals] = useState<Record<(typeof TOTALS)[number][0], string>>({ shipping_total: "", handling_total: "", tax_total: "", discount_total: "" });
  const [sameBilling, setSameBilling] = useState(true);
  const create = useMutation(trpc.order.create.mutationOptions({ onSuccess: refreshLists }));
  const [existing, setExisting] = useState<number>();
  const submitRow = useRef<HTMLDivElement>(null);
  useRestoreFocus(create.isPending, submitRow);

  const itemFields = lines.flatMap((_, i) => ["name", "code", "price", "quantity"].map((f) => `order_items.${i}.${f}`));
  const addressFields = [...PERSON, ...ADDRESS].flatMap(([k]) => [`shipping.${k}`, `customer.${k}`]);
  const errors = formErrors(create.error, "order", ["email", "shipping_method", "source_id", "tag_name", "folder_id", ...TOTALS.map(([k]) => k), ...itemFields, ...addressFields]);
  const product = lineTotal(lines);
  const total = product === undefined ? undefined : orderTotal({ product: fromUnits(product), shipping: totals.shipping_total, handling: totals.handling_total, tax: totals.tax_total, discount: totals.discount_total });

  const setLine = (key: number, change: Partial<Line>) => setLines((all) => all.map((l) => (l.key === key ? { ...l, ...change } : l)));
  function addLine() {
    const key = nextKey.current++;
    setLines((all) => [...all, { key, name: "", code: "", price: "", quantity: "1" }]);
    requestAnimationFrame(() => document.getElementById(`${id}-name-${key}`)?.focus());
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = (name: string) => String(form.get(name) ?? "").trim();
    const address = (prefix: string, keys: (keyof Address & string)[]) => {
      const out: Address = {};
      for (const key of keys) if (value(`${prefix}.${key}`)) out[key] = value(`${prefix}.${key}`);
      return out;
    };
    const person = address("person", PERSON.map(([k]) => k));
    const shipping = { ...person, ...address("shipping", ADDRESS.map(([k]) => k)) };
    const customer = sameBilling ? shipping : { ...person, ...address("customer", ADDRESS.map(([k]) => k)) };
    const note = value("note");
    const order: NewOrder = {
      email: value("email"),
      shipping_method: value("shipping_method"),
      source_id: value("source_id") || undefined,
      tag_name: value("tag_name") || undefined,
      folder_id: Number(value("folder_id")) || undefined,
      payment_status: value("payment_status") || undefined,
      shipping,
      customer,
      order_items: lines
        .filter((l) => l.name.trim() || l.code.trim() || l.price.trim())
        .map((l) => ({ name: l.name.trim(), code: l.code.trim(), price: l.price.trim() || "0", quantity: l.quantity.trim() || "1" })),
      ...Object.fromEntries(TOTALS.map(([k]) => [k, totals[k].trim() || "0"])),
      ...(note ? { order_notes: [{ content: note }] } : {}),
    };
    setExisting(undefined);
    create.mutate(
      { storeId, order },
      {
        onSuccess: (result) => {
          if (result.created) router.push(`/s/${storeId}/orders/${result.orderId}`);
          else setExisting(result.orderId);
        },
      },
    );
  }

  return (
    <form onSubmit={onSubmit} aria-label="New order" className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <Link href={`/s/${storeId}/orders`} className="text-sm text-brand-700 hover:underline">
            ← Orders
          </Link>
          <h1 className="text-2xl font-semibold">New order</h1>
        </div>
      </div>
      {errors.form ? <Notice tone="error">{errors.form}</Notice> : null}
      {existing ? (
        <Notice tone="info">
          An order with this reference already exists:{" "}
          <Link href={`/s/${storeId}/orders/${existing}`} className="font-medium underline">
            order #{existing}
          </Link>
          . Nothing new was created.
        </Notice>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="Customer">
          <div className="grid gap-3 sm:grid-cols-2">
            {PERSON.slice(0, 2).map(([key, label], i) => (
              <TextField key={key} label={label} name={`person.${key}`} autoFocus={i === 0} error={errors.field(`shipping.${key}`)} />
            ))}
            <div className="sm:col-span-2">
              <TextField label="Email" name="email" type="email" autoComplete="off" error={errors.field("email")} />
            </div>
            {PERSON.slice(2).map(([key, label]) => (
              <TextField key={key} label={label} name={`person.${key}`} error={errors.field(`shipping.${key}`)} />
            ))}
          </div>
        </Card>
        <Card title="Shipping address">
          <div className="grid gap-3 sm:grid-cols-2">
            {ADDRESS.map(([key, label, span]) => (
              <div key={key} className={span}>
                <TextField label={label} name={`shipping.${key}`} error={errors.field(`shipping.${key}`)} />
              </div>
            ))}
            <div className="sm:col-span-2">
              <TextField label="Shipping method" name="shipping_method" placeholder="e.g. Ground" error={errors.field("shipping_method")} />
            </div>
            <label className="flex items-center gap-2 text-sm text-slate-700 sm:col-span-2">
              <input type="checkbox" checked={sameBilling} onChange={(e) => setSameBilling(e.target.checked)} className="h-4 w-4" />
              Billing address is the same
            </label>
          </div>
        </Card>
        {!sameBilling ? (
          <Card title="Billing address">
            <div className="grid gap-3 sm:grid-cols-2">
              {ADDRESS.map(([key, label, span]) => (
                <div key={key} className={span}>
                  <TextField label={`Billing ${label.toLowerCase()}`} name={`customer.${key}`} error={errors.field(`customer.${key}`)} />
                </div>
              ))}
            </div>
          </Card>
        ) : null}
      </div>

      <Card title="Items" actions={<Button type="button" variant="secondary" className="px-2 py-1" onClick={addLine}>Add item row</Button>}>
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm" aria-label="New order items">
            <thead className="text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="pb-2 pr-2 font-medium">Name</th>
                <th scope="col" className="pb-2 pr-2 font-medium">SKU</th>
                <th scope="col" className="w-32 pb-2 pr-2 font-medium">Price</th>
                <th scope="col" className="w-24 pb-2 pr-2 font-medium">Qty</th>
                <th scope="col" className="w-28 pb-2 pr-2 text-right font-medium">Total</th>
                <th scope="col" className="w-10 pb-2"><span className="sr-only">Remove</span></th>
              </tr>
            </thead>
            <tbody>
              {lines.map((line, index) => {
                const lineSum = lineTotal([line]);
                const err = (f: string) => errors.field(`order_items.${index}.${f}`);
                const input = (f: "name" | "code" | "price" | "quantity", label: string, extra: object = {}) => (
                  <td className="pb-2 pr-2 align-top">
                    <label htmlFor={`${id}-${f}-${line.key}`} className="sr-only">
                      Item {index + 1} {label}
                    </label>
                    <input
                      id={`${id}-${f}-${line.key}`}
                      value={line[f]}
                      onChange={(e) => setLine(line.key, { [f]: e.target.value })}
                      aria-invalid={err(f) ? true : undefined}
                      className={`${cell} ${err(f) ? "border-red-400" : "border-slate-300"}`}
                      {...extra}
                    />
                    {err(f) ? <p role="alert" className="mt-1 text-xs text-red-700">{err(f)}</p> : null}
                  </td>
                );
                return (
                  <tr key={line.key} data-testid="new-item-row">
                    {input("name", "name", { placeholder: "e.g. T-shirt" })}
                    {input("code", "SKU")}
                    {input("price", "price", { ...inputProps("decimal"), placeholder: "0.00", required: Boolean(line.name || line.code) })}
                    {input("quantity", "quantity", { ...inputProps("integer") })}
                    <td className="whitespace-nowrap pb-2 pr-2 pt-2 text-right align-top tabular-nums text-slate-600">
                      {lineSum === undefined ? "—" : formatMoney(fromUnits(lineSum), currency)}
                    </td>
                    <td className="pb-2 align-top">
                      <Button
                        type="button"
                        variant="ghost"
                        className="px-2 py-1.5"
                        aria-label={`Remove item row ${index + 1}`}
                        disabled={lines.length === 1}
                        onClick={() => setLines((all) => all.filter((l) => l.key !== line.key))}
                      >
                        ✕
                      </Button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </Card>

      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="Totals">
          <div className="grid gap-3 sm:grid-cols-2">
            {TOTALS.map(([key, label]) => (
              <TextField
                key={key}
                label={label}
                name={key}
                value={totals[key]}
                onChange={(e) => setTotals((t) => ({ ...t, [key]: e.target.value }))}
                inputMode="decimal"
                pattern={DECIMAL_PATTERN}
                title="An amount such as 4.95"
                placeholder="0.00"
                error={errors.field(key)}
              />
            ))}
          </div>
          <dl className="mt-4 space-y-1 border-t border-slate-100 pt-3 text-sm">
            <div className="flex justify-between">
              <dt className="text-slate-500">Products</dt>
              <dd className="tabular-nums">{product === undefined ? "—" : formatMoney(fromUnits(product), currency)}</dd>
            </div>
            <div className="flex justify-between font-semibold">
              <dt>Order total</dt>
              <dd className="tabular-nums" data-testid="new-order-total">
                {total === undefined ? "—" : formatMoney(total, currency)}
              </dd>
            </div>
          </dl>
        </Card>
        <Card title="Filing">
          <div className="grid gap-3 sm:grid-cols-2">
            <SelectField label="Folder" name="folder_id" defaultValue="" error={errors.field("folder_id")}>
              {(folders.data ?? []).map((f, i) => (
                <option key={f.id} value={i === 0 ? "" : f.id}>
                  {f.name}
                </option>
              ))}
            </SelectField>
            <SelectField label="Payment status" name="payment_status" defaultValue="">
              {["", "Approved", "Authorized", "Captured", "Pending"].map((s) => (
                <option key={s} value={s}>
                  {s || "—"}
                </option>
              ))}
            </SelectField>
            <TextField label="Reference" name="source_id" hint="Optional: a PO or order number. The same reference is never entered twice." error={errors.field("source_id")} />
            <TextField label="Tag" name="tag_name" placeholder="e.g. Rush" error={errors.field("tag_name")} />
            <div className="space-y-1 sm:col-span-2">
              <label htmlFor={`${id}-note`} className="block text-sm font-medium text-slate-700">
                Note
              </label>
              <textarea id={`${id}-note`} name="note" rows={2} maxLength={5000} className={`${cell} border-slate-300`} />
            </div>
          </div>
        </Card>
      </div>

      <div ref={submitRow} className="flex gap-2">
        <Button type="submit" disabled={create.isPending}>
          {create.isPending ? "Creating…" : "Create order"}
        </Button>
        <Link href={`/s/${storeId}/orders`} className="inline-flex items-center rounded-md px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100">
          Cancel
        </Link>
      </div>
    </form>
  );
}
