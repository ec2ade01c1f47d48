"use client";

import type { FormEvent } from "react";
import { TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { EditableCard, FormButtons } from "./editable-card";
import { addressLines } from "./format";
import { formErrors } from "./order-errors";
import { useOrderUpdate } from "./patch-form";
import type { Address, Order } from "./types";

type AddressKind = "shipping" | "customer" | "return_address";
type AddressKey = keyof Address & string;

const TITLES: Record<AddressKind, string> = { shipping: "Shipping address", customer: "Customer", return_address: "Return address" };

/** Field layout per address (Order Desk's: return addresses have a title and one name field). */
const PERSON: [AddressKey, string][] = [
  ["first_name", "First name"],
  ["last_name", "Last name"],
];
const POSTAL: [AddressKey, string][] = [
  ["company", "Company"],
  ["address1", "Address line 1"],
  ["address2", "Address line 2"],
  ["address3", "Address line 3"],
  ["address4", "Address line 4"],
  ["city", "City"],
  ["state", "State / region"],
  ["postal_code", "Postal code"],
  ["country", "Country"],
  ["phone", "Phone"],
];
const FIELDS: Record<AddressKind, [AddressKey, string][]> = {
  shipping: [...PERSON, ...POSTAL],
  customer: [...PERSON, ...POSTAL.filter(([k]) => k !== "address3" && k !== "address4")],
  return_address: [["title", "Title"], ["name", "Name"], ...POSTAL.filter(([k]) => k !== "address3" && k !== "address4")],
};
const WIDE = new Set<AddressKey>(["company", "address1", "address2", "address3", "address4", "title"]);

export function AddressCard({ order, kind, storeId, canEdit }: { order: Order; kind: AddressKind; storeId: number; canEdit: boolean }) {
  const address = (order[kind] ?? {}) as Address;
  const lines = addressLines(address);
  return (
    <EditableCard
      title={TITLES[kind]}
      testId={`${kind}-card`}
      canEdit={canEdit}
      view={
        lines.length ? (
          <address className="text-sm not-italic leading-6 text-slate-800">
            {lines.map((line, i) => (
              <div key={i}>{line}</div>
            ))}
          </address>
        ) : (
          <p className="text-sm text-slate-400">No address.</p>
        )
      }
      form={(close) => <AddressForm order={order} kind={kind} storeId={storeId} onDone={close} />}
    />
  );
}

/** Saves the whole address (blank fields are dropped), as the order keeps it. */
export function AddressForm({ order, kind, storeId, onDone }: { order: Order; kind: AddressKind; storeId: number; onDone: () => void }) {
  const update = useOrderUpdate();
  const address = (order[kind] ?? {}) as Address;
  const fields = FIELDS[kind];
  const errors = formErrors(update.error, `patch.${kind}`, fields.map(([key]) => key));

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next: Address = {};
    for (const [key] of fields) {
      const value = String(form.get(key) ?? "").trim();
      if (value) next[key] = value;
    }
    // Fields this form does not show (address3 on a customer address from a cart) are kept.
    for (const [key, value] of Object.entries(address) as [AddressKey, string][]) {
      if (!fields.some(([k]) => k === key) && value) next[key] = value;
    }
    update.mutate({ storeId, orderId: Number(order.id), patch: { [kind]: next } }, { onSuccess: onDone });
  }

  return (
    <form onSubmit={onSubmit} aria-label={TITLES[kind]} className="space-y-3">
      {errors.form ? <Notice tone="error">{errors.form}</Notice> : null}
      <div className="grid grid-cols-2 gap-3">
        {fields.map(([key, label], index) => (
          <div key={key} className={WIDE.has(key) ? "col-span-2" : undefined}>
            <TextField label={label} name={key} defaultValue={address[key] ?? ""} error={errors.field(key)} autoFocus={index === 0} />
          </div>
        ))}
      </div>
      <FormButtons pending={update.isPending} onCancel={onDone} />
    </form>
  );
}
