"use client";

import { useState, type FormEvent } from "react";
import { TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { DECIMAL_PATTERN, orderTotal, toUnits } from "./decimal";
import { EditableCard, Fields, FormButtons } from "./editable-card";
import { formatMoney } from "./format";
import { formErrors } from "./order-errors";
import { PatchForm, useOrderUpdate, type FieldSpec } from "./patch-form";
import type { Order } from "./types";

interface CardProps {
  order: Order;
  storeId: number;
  canEdit: boolean;
  currency: string;
}

const DETAIL_FIELDS: FieldSpec[] = [
  { name: "email", label: "Email", kind: "email", maxLength: 254 },
  { name: "shipping_method", label: "Shipping method", maxLength: 200 },
  { name: "source_name", label: "Source name", maxLength: 100 },
  { name: "source_id", label: "Source id", maxLength: 200, hint: "The order's id at its source." },
  { name: "customer_id", label: "Customer id", maxLength: 200 },
  { name: "ip_address", label: "IP address", maxLength: 100 },
  { name: "fulfillment_name", label: "Fulfillment name", maxLength: 200 },
  { name: "fulfillment_id", label: "Fulfillment id", maxLength: 200 },
  { name: "email_count", label: "Emails sent", kind: "integer" },
];

export function DetailsCard({ order, storeId, canEdit }: CardProps) {
  return (
    <EditableCard
      title="Details"
      testId="details-card"
      canEdit={canEdit}
      view={<Fields rows={DETAIL_FIELDS.map((f) => [f.label, String(order[f.name as keyof Order] ?? "")])} />}
      form={(close) => <PatchForm label="Order details" storeId={storeId} orderId={Number(order.id)} fields={DETAIL_FIELDS} values={order} onDone={close} />}
    />
  );
}

const PAYMENT_STATUSES = ["Approved", "Authorized", "Captured", "Fully Refunded", "Partially Refunded", "Pending", "Rejected", "Voided"] as const;

const PAYMENT_FIELDS: FieldSpec[] = [
  { name: "payment_type", label: "Payment type", maxLength: 100 },
  { name: "payment_status", label: "Payment status", options: PAYMENT_STATUSES },
  { name: "cc_number_masked", label: "Card number (masked)", maxLength: 40 },
  { name: "cc_exp", label: "Card expiry", maxLength: 20 },
  { name: "processor_response", label: "Processor response", maxLength: 1000 },
  { name: "processor_balance", label: "Processor balance", kind: "decimal" },
  { name: "refund_total", label: "Refunded", kind: "decimal" },
];

export function PaymentCard({ order, storeId, canEdit, currency }: CardProps) {
  const money = new Set(["processor_balance", "refund_total"]);
  return (
    <EditableCard
      title="Payment"
      canEdit={canEdit}
      view={
        <Fields
          rows={PAYMENT_FIELDS.map((f) => {
            const value = order[f.name as keyof Order];
            return [f.label, money.has(f.name) ? formatMoney(String(value), currency) : String(value ?? "")];
          })}
        />
      }
      form={(close) => <PatchForm label="Payment" storeId={storeId} orderId={Number(order.id)} fields={PAYMENT_FIELDS} values={order} onDone={close} />}
    />
  );
}

const TOTALS = [
  ["product_total", "Products"],
  ["shipping_total", "Shipping"],
  ["handling_total", "Handling"],
  ["tax_total", "Tax"],
  ["discount_total", "Discount"],
] as const;
type TotalKey = (typeof TOTALS)[number][0] | "order_total";

export function TotalsCard({ order, storeId, canEdit, currency }: CardProps) {
  return (
    <EditableCard
      title="Totals"
      testId="totals-card"
      canEdit={canEdit}
      view={
        <dl className="space-y-1 text-sm">
          {TOTALS.map(([key, label]) => (
            <div key={key} className="flex justify-between gap-4">
              <dt className="text-slate-500">{label}</dt>
              <dd className="tabular-nums">{key === "discount_total" && order[key] ? `−${formatMoney(String(order[key]), currency)}` : formatMoney(String(order[key]), currency)}</dd>
            </div>
          ))}
          <div className="flex justify-between gap-4 border-t border-slate-100 pt-1 font-semibold">
            <dt>Order total</dt>
            <dd className="tabular-nums" data-testid="order-total">
              {formatMoney(String(order.order_total), currency)}
            </dd>
          </div>
          <div className="flex justify-between gap-4 text-xs text-slate-500">
            <dt>Quantity · weight</dt>
            <dd className="tabular-nums">
              {order.quantity_total} · {order.weight_total}
            </dd>
          </div>
        </dl>
      }
      form={(close) => <TotalsForm order={order} storeId={storeId} onDone={close} />}
    />
  );
}

/** The order total follows the other totals as they are typed, until it is edited by hand. */
function TotalsForm({ order, storeId, onDone }: { order: Order; storeId: number; onDone: () => void }) {
  const update = useOrderUpdate();
  const [values, setValues] = useState<Record<TotalKey, string>>(() => ({
    product_total: String(order.product_total),
    shipping_total: String(order.shipping_total),
    handling_total: String(order.handling_total),
    tax_total: String(order.tax_total),
    discount_total: String(order.discount_total),
    order_total: String(order.order_total),
  }));
  const [manualTotal, setManualTotal] = useState(false);
  const errors = formErrors(update.error, "patch", [...TOTALS.map(([key]) => key), "order_total"]);
  const computed = orderTotal({
    product: values.product_total,
    shipping: values.shipping_total,
    handling: values.handling_total,
    tax: values.tax_total,
    discount: values.discount_total,
  });

  function set(key: TotalKey, value: string) {
    setValues((current) => {
      const next = { ...current, [key]: value };
      if (key !== "order_total" && !manualTotal) {
        const total = orderTotal({ product: next.product_total, shipping: next.shipping_total, handling: next.handling_total, tax: next.tax_total, discount: next.discount_total });
        if (total !== undefined) next.order_total = total;
      }
      return next;
    });
    if (key === "order_total") setManualTotal(true);
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const patch = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v.trim() || "0"]));
    update.mutate({ storeId, orderId: Number(order.id), patch }, { onSuccess: onDone });
  }

  return (
    <form onSubmit={onSubmit} aria-label="Totals" className="space-y-3">
      {errors.form ? <Notice tone="error">{errors.form}</Notice> : null}
      <div className="grid grid-cols-2 gap-3">
        {TOTALS.map(([key, label], index) => (
          <TextField
            key={key}
            label={label}
            name={key}
            value={values[key]}
            onChange={(e) => set(key, e.target.value)}
            inputMode="decimal"
            pattern={DECIMAL_PATTERN}
            title="An amount such as 12.50"
            error={errors.field(key)}
            autoFocus={index === 1}
          />
        ))}
        <TextField
          label="Order total"
          name="order_total"
          value={values.order_total}
          onChange={(e) => set("order_total", e.target.value)}
          inputMode="decimal"
          pattern={DECIMAL_PATTERN}
          title="An amount such as 12.50"
          error={errors.field("order_total")}
          hint={computed !== undefined && toUnits(computed) !== toUnits(values.order_total) ? `Computed: ${computed}` : "Products + shipping + handling + tax − discount"}
        />
      </div>
      <FormButtons pending={update.isPending} onCancel={onDone} />
    </form>
  );
}
