"use client";

import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTRPC } from "@/components/providers/app-providers";
import { Button } from "@/components/ui/button";
import { formError } from "@/components/ui/errors";
import { TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { fromUnits, lineTotal } from "./decimal";
import { ConfirmButton } from "./dialog";
import { FormButtons } from "./editable-card";
import { formatMoney } from "./format";
import { KeyValueRows, mapOf, rowsOf, type Row } from "./key-value-editor";
import { formErrors } from "./order-errors";
import { inputProps } from "./patch-form";
import type { ItemInput, Order, OrderItem } from "./types";
import { useOrderRefresh } from "./use-order-refresh";

const ITEM_FIELDS = [
  ["name", "Name", "text"],
  ["code", "SKU", "text"],
  ["price", "Price", "decimal"],
  ["quantity", "Quantity", "integer"],
  ["weight", "Weight (each)", "unsigned"],
  ["delivery_type", "Delivery type", "text"],
  ["category_code", "Category / vendor", "text"],
  ["fulfillment_method", "Fulfillment method", "text"],
] as const;

const lineOf = (item: OrderItem) => fromUnits(lineTotal([{ price: item.price, quantity: String(item.quantity) }]) ?? 0n);

const variationText = (item: OrderItem) =>
  Object.entries(item.variation_list ?? {})
    .map(([k, v]) => `${k}: ${v}`)
    .join(" · ");

/** The order's items: edit or remove each, add new ones; the server recomputes the totals. */
export function OrderItems({ order, storeId, canEdit, currency }: { order: Order; storeId: number; canEdit: boolean; currency: string }) {
  const trpc = useTRPC();
  const refresh = useOrderRefresh();
  const [editing, setEditing] = useState<string | "new" | null>(null);
  const remove = useMutation(trpc.order.removeItem.mutationOptions({ onSuccess: refresh }));
  const orderId = Number(order.id);
  const items = order.order_items;
  const columns = canEdit ? 6 : 5;

  return (
    <section className="rounded-lg border border-slate-200 bg-white shadow-sm" aria-label="Items" data-testid="items-card">
      <header className="flex items-center justify-between border-b border-slate-100 px-5 py-3">
        <h2 className="text-base font-semibold text-slate-900">
          Items <span className="font-normal text-slate-400">({items.length})</span>
        </h2>
        {canEdit && editing !== "new" ? (
          <Button variant="secondary" className="-my-1 px-2 py-1" onClick={() => setEditing("new")}>
            Add item
          </Button>
        ) : null}
      </header>
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm" aria-label="Order items">
          <thead className="text-xs uppercase tracking-wide text-slate-500">
            <tr className="border-b border-slate-100">
              <th scope="col" className="py-2 pl-5 pr-3 font-medium">Item</th>
              <th scope="col" className="px-3 py-2 font-medium">SKU</th>
              <th scope="col" className="px-3 py-2 text-right font-medium">Price</th>
              <th scope="col" className="px-3 py-2 text-right font-medium">Qty</th>
              <th scope="col" className={`py-2 pl-3 text-right font-medium ${canEdit ? "pr-3" : "pr-5"}`}>Total</th>
              {canEdit ? <th scope="col" className="py-2 pr-5"><span className="sr-only">Actions</span></th> : null}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {items.length === 0 && editing !== "new" ? (
              <tr>
                <td colSpan={columns} className="px-5 py-6 text-center text-slate-400">
                  No items on this order.
                </td>
              </tr>
            ) : null}
            {items.map((item) =>
              editing === item.id ? (
                <tr key={item.id}>
                  <td colSpan={columns} className="bg-slate-50 px-5 py-4">
                    <ItemForm storeId={storeId} orderId={orderId} item={item} onDone={() => setEditing(null)} />
                  </td>
                </tr>
              ) : (
                <tr key={item.id} data-testid="item-row">
                  <td className="py-2 pl-5 pr-3">
                    <div className="font-medium text-slate-900">{item.name || <span className="text-slate-400">Unnamed item</span>}</div>
                    {variationText(item) ? <div className="text-xs text-slate-500">{variationText(item)}</div> : null}
                  </td>
                  <td className="px-3 py-2 font-mono text-xs">{item.code}</td>
                  <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums">{formatMoney(item.price, currency)}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{item.quantity}</td>
                  <td className={`whitespace-nowrap py-2 pl-3 text-right tabular-nums ${canEdit ? "pr-3" : "pr-5"}`}>{formatMoney(lineOf(item), currency)}</td>
                  {canEdit ? (
                    <td className="whitespace-nowrap py-2 pr-5 text-right">
                      <button
                        type="button"
                        onClick={() => setEditing(item.id)}
                        aria-label={`Edit ${item.name || item.code || "item"}`}
                        className="rounded-md px-2 py-1 text-sm font-medium text-brand-700 hover:bg-brand-50"
                      >
                        Edit
                      </button>
                      <ConfirmButton
                        label="Remove"
                        ariaLabel={`Remove ${item.name || item.code || "item"}`}
                        title="Remove this item?"
                        message={`“${item.name || item.code}” is taken off the order and the totals are updated.`}
                        confirmLabel="Remove item"
                        pending={remove.isPending}
                        error={remove.error ? <Notice tone="error">{formError(remove.error)}</Notice> : null}
                        onConfirm={(close) => remove.mutate({ storeId, orderId, itemId: Number(item.id) }, { onSuccess: close })}
                      />
                    </td>
                  ) : null}
                </tr>
              ),
            )}
            {editing === "new" ? (
              <tr>
                <td colSpan={columns} className="bg-slate-50 px-5 py-4">
                  <ItemForm storeId={storeId} orderId={orderId} onDone={() => setEditing(null)} />
                </td>
              </tr>
            ) : null}
          </tbody>
          <tfoot className="border-t border-slate-200 text-sm">
            <tr>
              <td colSpan={3} className="py-2 pl-5 text-slate-500">
                Products subtotal
              </td>
              <td className="px-3 py-2 text-right tabular-nums" data-testid="quantity-total">
                {order.quantity_total}
              </td>
              <td className={`whitespace-nowrap py-2 pl-3 text-right font-semibold tabular-nums ${canEdit ? "pr-3" : "pr-5"}`} data-testid="product-total">
                {formatMoney(String(order.product_total), currency)}
              </td>
              {canEdit ? <td /> : null}
            </tr>
          </tfoot>
        </table>
      </div>
    </section>
  );
}

/** Add (no `item`) or change an item; every field is sent, as the server replaces the item. */
function ItemForm({ storeId, orderId, item, onDone }: { storeId: number; orderId: number; item?: OrderItem; onDone: () => void }) {
  const trpc = useTRPC();
  const refresh = useOrderRefresh();
  const add = useMutation(trpc.order.addItem.mutationOptions({ onSuccess: refresh }));
  const update = useMutation(trpc.order.updateItem.mutationOptions({ onSuccess: refresh }));
  const mutation = item ? update : add;
  const [variations, setVariations] = useState<Row[]>(() => rowsOf(item?.variation_list));
  const [metadata, setMetadata] = useState<Row[]>(() => rowsOf(item?.metadata));
  const [local, setLocal] = useState<string>();
  const errors = formErrors(mutation.error, "item", ITEM_FIELDS.map(([name]) => name));

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const variation = mapOf(variations, item?.variation_list);
    const meta = mapOf(metadata, item?.metadata);
    if ("error" in variation || "error" in meta) return setLocal("error" in variation ? variation.error : "error" in meta ? meta.error : undefined);
    setLocal(undefined);
    const value = (name: string) => String(form.get(name) ?? "").trim();
    const input: ItemInput = {
      name: value("name"),
      code: value("code"),
      price: value("price") || "0",
      quantity: value("quantity") || "0",
      weight: value("weight") || "0",
      delivery_type: value("delivery_type") || "ship",
      category_code: value("category_code"),
      fulfillment_method: value("fulfillment_method"),
      variation_list: variation.map,
      metadata: meta.map,
    };
    if (item) update.mutate({ storeId, orderId, itemId: Number(item.id), item: input }, { onSuccess: onDone });
    else add.mutate({ storeId, orderId, item: input }, { onSuccess: onDone });
  }

  const defaults: Record<string, string> = item
    ? {
        name: item.name,
        code: item.code,
        price: item.price,
        quantity: String(item.quantity),
        weight: String(item.weight),
        delivery_type: item.delivery_type,
        category_code: item.category_code,
        fulfillment_method: item.fulfillment_method,
      }
    : { quantity: "1", delivery_type: "ship", price: "", weight: "0" };
  return (
    <form onSubmit={onSubmit} aria-label={item ? `Edit item ${item.name || item.code}` : "Add an item"} className="space-y-3">
      {local || errors.form ? <Notice tone="error">{local ?? errors.form}</Notice> : null}
      <div className="grid gap-3 sm:grid-cols-4">
        {ITEM_FIELDS.map(([name, label, kind], index) => (
          <div key={name} className={name === "name" ? "sm:col-span-2" : undefined}>
            <TextField
              label={label}
              name={name}
              defaultValue={defaults[name] ?? ""}
              required={name === "price" || name === "quantity"}
              error={errors.field(name)}
              autoFocus={index === 0}
              {...inputProps(kind)}
            />
          </div>
        ))}
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <KeyValueRows rows={variations} onChange={setVariations} label="Variations" />
        <KeyValueRows rows={metadata} onChange={setMetadata} label="Item metadata" />
      </div>
      <FormButtons pending={mutation.isPending} onCancel={onDone} label={item ? "Save item" : "Add item"} />
    </form>
  );
}
