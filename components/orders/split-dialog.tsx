"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { useTRPC } from "@/components/providers/app-providers";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { Dialog } from "./dialog";
import { formErrors } from "./order-errors";
import type { Order } from "./types";
import { useOrderRefresh } from "./use-order-refresh";

const KEYS = [
  ["code", "SKU"],
  ["category_code", "Category / vendor"],
  ["delivery_type", "Delivery type"],
  ["variation", "Variation"],
  ["name", "Item name"],
] as const;
type SplitKey = (typeof KEYS)[number][0];

/**
 * Split the order: selected items go to a new child order, or one child per distinct value of a
 * field. Shipping, handling, tax and discount are shared out by the server, to the cent.
 */
export function SplitDialog({ order, storeId }: { order: Order; storeId: number }) {
  const trpc = useTRPC();
  const refresh = useOrderRefresh();
  const [open, setOpen] = useState(false);
  const [mode, setMode] = useState<"items" | "key">("items");
  const split = useMutation(trpc.order.split.mutationOptions({ onSuccess: refresh }));
  const errors = formErrors(split.error, "", ["itemIds", "key"]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const orderId = Number(order.id);
    if (mode === "items") split.mutate({ storeId, orderId, mode, itemIds: form.getAll("itemIds").map(Number) });
    else split.mutate({ storeId, orderId, mode, key: String(form.get("key")) as SplitKey });
  }

  const close = () => (setOpen(false), split.reset());
  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)} disabled={order.order_items.length < 2} title={order.order_items.length < 2 ? "An order needs two items or more to split." : undefined}>
        Split…
      </Button>
      <Dialog open={open} onClose={close} title={`Split order #${order.id}`}>
        {split.data ? (
          <div className="space-y-3">
            <Notice tone="success">
              Split into{" "}
              {split.data.childOrderIds.map((id, i) => (
                <span key={id}>
                  {i ? ", " : ""}
                  <Link href={`/s/${storeId}/orders/${id}`} className="font-medium underline" onClick={close}>
                    #{id}
                  </Link>
                </span>
              ))}
              . This order keeps the rest.
            </Notice>
            <div className="flex justify-end">
              <Button onClick={close} autoFocus>
                Done
              </Button>
            </div>
          </div>
        ) : (
          <form onSubmit={onSubmit} className="space-y-4" aria-label="Split order">
            {errors.form ? <Notice tone="error">{errors.form}</Notice> : null}
            <fieldset className="flex gap-4 text-sm">
              <legend className="sr-only">How to split</legend>
              <label className="flex items-center gap-2">
                <input type="radio" name="mode" checked={mode === "items"} onChange={() => setMode("items")} /> Selected items
              </label>
              <label className="flex items-center gap-2">
                <input type="radio" name="mode" checked={mode === "key"} onChange={() => setMode("key")} /> By a field
              </label>
            </fieldset>
            {mode === "items" ? (
              <fieldset className="space-y-1">
                <legend className="mb-1 text-sm font-medium text-slate-700">Items to move to a new order</legend>
                {order.order_items.map((item, index) => (
                  <label key={item.id} className="flex items-center gap-2 rounded px-1 py-1 text-sm hover:bg-slate-50">
                    <input type="checkbox" name="itemIds" value={item.id} autoFocus={index === 0} className="h-4 w-4" />
                    <span className="flex-1">{item.name || "Unnamed item"}</span>
                    <span className="font-mono text-xs text-slate-500">{item.code}</span>
                    <span className="text-xs text-slate-500">× {item.quantity}</span>
                  </label>
                ))}
                {errors.field("itemIds") ? <p role="alert" className="text-sm text-red-700">{errors.field("itemIds")}</p> : null}
              </fieldset>
            ) : (
              <SelectField label="One order per distinct" name="key" defaultValue="code" error={errors.field("key")} autoFocus>
                {KEYS.map(([key, label]) => (
                  <option key={key} value={key}>
                    {label}
                  </option>
                ))}
              </SelectField>
            )}
            <p className="text-xs text-slate-500">Shipping, handling, tax and discount are shared out in proportion to the items’ value.</p>
            <div className="flex justify-end gap-2">
              <Button type="button" variant="secondary" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" disabled={split.isPending}>
                {split.isPending ? "Splitting…" : "Split order"}
              </Button>
            </div>
          </form>
        )}
      </Dialog>
    </>
  );
}
