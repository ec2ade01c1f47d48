"use client";

import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTRPC } from "@/components/providers/app-providers";
import { Button } from "@/components/ui/button";
import { formError } from "@/components/ui/errors";
import { TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { ConfirmButton } from "./dialog";
import { FormButtons } from "./editable-card";
import { formatDateTime, formatMoney } from "./format";
import { formErrors } from "./order-errors";
import { inputProps } from "./patch-form";
import type { Order, Shipment, ShipmentInput } from "./types";
import { useOrderRefresh } from "./use-order-refresh";

/** Carrier codes the server turns into tracking links (server/orders/tracking.ts). */
const CARRIERS = ["UPS", "USPS", "FedEx", "DHL", "DHLExpress", "RoyalMail", "CanadaPost", "AusPost", "DPD"];

export function OrderShipments({ order, storeId, canEdit, timezone, currency }: { order: Order; storeId: number; canEdit: boolean; timezone: string; currency: string }) {
  const trpc = useTRPC();
  const refresh = useOrderRefresh();
  const [editing, setEditing] = useState<string | "new" | null>(null);
  const remove = useMutation(trpc.order.removeShipment.mutationOptions({ onSuccess: refresh }));
  const orderId = Number(order.id);
  const shipments = order.order_shipments;

  return (
    <section className="rounded-lg border border-slate-200 bg-white shadow-sm" aria-label="Shipments" data-testid="shipments-card">
      <header className="flex items-center justify-between border-b border-slate-100 px-5 py-3">
        <h2 className="text-base font-semibold text-slate-900">
          Shipments <span className="font-normal text-slate-400">({shipments.length})</span>
        </h2>
        {canEdit && editing !== "new" ? (
          <Button variant="secondary" className="-my-1 px-2 py-1" onClick={() => setEditing("new")}>
            Add shipment
          </Button>
        ) : null}
      </header>
      <ul className="divide-y divide-slate-100">
        {shipments.length === 0 && editing !== "new" ? <li className="px-5 py-6 text-center text-sm text-slate-400">Not shipped yet.</li> : null}
        {shipments.map((s) =>
          editing === s.id ? (
            <li key={s.id} className="bg-slate-50 px-5 py-4">
              <ShipmentForm storeId={storeId} orderId={orderId} shipment={s} onDone={() => setEditing(null)} />
            </li>
          ) : (
            <li key={s.id} className="flex flex-wrap items-start justify-between gap-3 px-5 py-3" data-testid="shipment-row">
              <div className="min-w-0 space-y-0.5 text-sm">
                <p className="font-medium">
                  {s.tracking_url ? (
                    <a href={s.tracking_url} target="_blank" rel="noreferrer noopener" className="text-brand-700 hover:underline">
                      {s.tracking_number || "Track shipment"}
                    </a>
                  ) : (
                    s.tracking_number || <span className="text-slate-400">No tracking number</span>
                  )}
                  {s.carrier_code ? <span className="ml-2 font-normal text-slate-500">{s.carrier_code}</span> : null}
                  {s.shipment_method ? <span className="font-normal text-slate-500"> · {s.shipment_method}</span> : null}
                </p>
                <p className="text-xs text-slate-500">
                  {s.date_shipped ? `Shipped ${s.date_shipped}` : `Added ${formatDateTime(s.date_added, timezone)}`}
                  {Number(s.weight) ? ` · ${s.weight} weight` : ""}
                  {Number(s.cost) ? ` · cost ${formatMoney(s.cost, currency)}` : ""}
                  {s.source ? ` · ${s.source}` : ""}
                </p>
              </div>
              {canEdit ? (
                <div className="flex shrink-0">
                  <button
                    type="button"
                    onClick={() => setEditing(s.id)}
                    aria-label={`Edit shipment ${s.tracking_number}`}
                    className="rounded-md px-2 py-1 text-sm font-medium text-brand-700 hover:bg-brand-50"
                  >
                    Edit
                  </button>
                  <ConfirmButton
                    label="Remove"
                    ariaLabel={`Remove shipment ${s.tracking_number}`}
                    title="Remove this shipment?"
                    message={`Shipment ${s.tracking_number || "without tracking number"} is removed from the order.`}
                    confirmLabel="Remove shipment"
                    pending={remove.isPending}
                    error={remove.error ? <Notice tone="error">{formError(remove.error)}</Notice> : null}
                    onConfirm={(close) => remove.mutate({ storeId, orderId, shipmentId: Number(s.id) }, { onSuccess: close })}
                  />
                </div>
              ) : null}
            </li>
          ),
        )}
        {editing === "new" ? (
          <li className="bg-slate-50 px-5 py-4">
            <ShipmentForm storeId={storeId} orderId={orderId} onDone={() => setEditing(null)} />
          </li>
        ) : null}
      </ul>
    </section>
  );
}

const FIELDS = ["tracking_number", "carrier_code", "shipment_method", "date_shipped", "weight", "cost", "tracking_url"] as const;

function ShipmentForm({ storeId, orderId, shipment, onDone }: { storeId: number; orderId: number; shipment?: Shipment; onDone: () => void }) {
  const trpc = useTRPC();
  const refresh = useOrderRefresh();
  const add = useMutation(trpc.order.addShipment.mutationOptions({ onSuccess: refresh }));
  const update = useMutation(trpc.order.updateShipment.mutationOptions({ onSuccess: refresh }));
  const mutation = shipment ? update : add;
  const errors = formErrors(mutation.error, "shipment", FIELDS);
  // A link derived from the old number would go stale: unless typed by hand, it is derived again.
  const [urlTouched, setUrlTouched] = useState(false);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = (name: string) => String(form.get(name) ?? "").trim();
    const numberChanged = shipment && (value("tracking_number") !== shipment.tracking_number || value("carrier_code") !== shipment.carrier_code);
    const input: ShipmentInput = {
      ...(shipment
        ? {
            status: shipment.status,
            label_format: shipment.label_format,
            label_image: shipment.label_image,
            print_status: shipment.print_status,
            source: shipment.source,
            cart_shipment_id: shipment.cart_shipment_id,
          }
        : {}),
      tracking_number: value("tracking_number"),
      carrier_code: value("carrier_code"),
      shipment_method: value("shipment_method"),
      date_shipped: value("date_shipped"),
      weight: value("weight") || "0",
      cost: value("cost") || "0",
      tracking_url: numberChanged && !urlTouched ? "" : value("tracking_url"),
    };
    if (shipment) update.mutate({ storeId, orderId, shipmentId: Number(shipment.id), shipment: input }, { onSuccess: onDone });
    else add.mutate({ storeId, orderId, shipment: input }, { onSuccess: onDone });
  }

  const today = new Date().toISOString().slice(0, 10);
  return (
    <form onSubmit={onSubmit} aria-label={shipment ? "Edit shipment" : "Add a shipment"} className="space-y-3">
      {errors.form ? <Notice tone="error">{errors.form}</Notice> : null}
      <div className="grid gap-3 sm:grid-cols-3">
        <TextField label="Tracking number" name="tracking_number" defaultValue={shipment?.tracking_number ?? ""} error={errors.field("tracking_number")} autoFocus />
        <TextField label="Carrier" name="carrier_code" list="carrier-codes" defaultValue={shipment?.carrier_code ?? ""} error={errors.field("carrier_code")} />
        <TextField label="Method" name="shipment_method" defaultValue={shipment?.shipment_method ?? ""} placeholder="e.g. Ground" error={errors.field("shipment_method")} />
        <TextField label="Date shipped" name="date_shipped" type={!shipment?.date_shipped || /^\d{4}-\d{2}-\d{2}$/.test(shipment.date_shipped) ? "date" : "text"} defaultValue={shipment ? shipment.date_shipped : today} error={errors.field("date_shipped")} />
        <TextField label="Weight" name="weight" defaultValue={shipment ? shipment.weight : ""} error={errors.field("weight")} {...inputProps("unsigned")} />
        <TextField label="Cost" name="cost" defaultValue={shipment ? shipment.cost : ""} error={errors.field("cost")} {...inputProps("decimal")} />
        <div className="sm:col-span-3">
          <TextField
            label="Tracking link"
            name="tracking_url"
            type="url"
            defaultValue={shipment?.tracking_url ?? ""}
            onChange={() => setUrlTouched(true)}
            hint="Leave blank to link to the carrier's tracking page."
            error={errors.field("tracking_url")}
          />
        </div>
      </div>
      <datalist id="carrier-codes">
        {CARRIERS.map((c) => (
          <option key={c} value={c} />
        ))}
      </datalist>
      <FormButtons pending={mutation.isPending} onCancel={onDone} label={shipment ? "Save shipment" : "Add shipment"} />
    </form>
  );
}
