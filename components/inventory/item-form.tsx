"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { FormEvent, KeyboardEvent } from "react";
import { useTRPC } from "@/components/providers/app-providers";
import { Button } from "@/components/ui/button";
import { fieldErrors, formError } from "@/components/ui/errors";
import { TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import type { SerializedInventoryItem } from "@/server/inventory/schemas";

const FIELDS = ["name", "code", "price", "cost", "weight", "stock", "location"] as const;
type Field = (typeof FIELDS)[number];
type Values = Record<Field, string>;

const valuesOf = (item: SerializedInventoryItem | undefined): Values => ({
  name: item?.name ?? "",
  code: item?.code ?? "",
  price: item?.price ?? "",
  cost: item?.cost ?? "",
  weight: item ? String(item.weight) : "",
  stock: item ? String(item.stock) : "",
  location: item?.location ?? "",
});

/**
 * Create or edit one item. Enter saves, Escape cancels. An edit sends only the fields that were
 * changed, so stock an order took while the form was open is not written back over.
 */
export function ItemForm({
  storeId,
  item,
  onDone,
  onCancel,
}: {
  storeId: number;
  item?: SerializedInventoryItem;
  onDone: (saved: SerializedInventoryItem) => void;
  onCancel: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = async (saved: SerializedInventoryItem) => {
    await queryClient.invalidateQueries({ queryKey: trpc.inventory.pathKey() });
    onDone(saved);
  };
  const create = useMutation(trpc.inventory.create.mutationOptions({ onSuccess: refresh }));
  const update = useMutation(trpc.inventory.update.mutationOptions({ onSuccess: refresh }));
  const save = item ? update : create;
  const errors = fieldErrors(save.error);
  const original = valuesOf(item);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const values = Object.fromEntries(FIELDS.map((f) => [f, String(form.get(f) ?? "").trim()])) as Values;
    // Empty numbers mean zero, as in the REST API's defaults.
    const numbers = { price: values.price || "0", cost: values.cost || "0", weight: values.weight || "0", stock: values.stock || "0" };
    const next: Values = { ...values, ...numbers };
    if (item) {
      const changed: Partial<Values> = Object.fromEntries(FIELDS.filter((f) => next[f] !== original[f]).map((f) => [f, next[f]]));
      if (Object.keys(changed).length === 0) return onCancel();
      update.mutate({ storeId, itemId: Number(item.id), ...changed });
    } else {
      create.mutate({ storeId, ...next });
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLFormElement>) {
    if (event.key === "Escape") {
      event.preventDefault();
      onCancel();
    }
  }

  return (
    <form onSubmit={onSubmit} onKeyDown={onKeyDown} className="space-y-4" aria-label={item ? `Edit ${item.code}` : "New inventory item"} noValidate>
      {formError(save.error) ? <Notice tone="error">{formError(save.error)}</Notice> : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="Name" name="name" defaultValue={original.name} maxLength={500} autoFocus error={errors.name} />
        <TextField label="SKU" name="code" defaultValue={original.code} maxLength={200} required error={errors.code} hint="Unique in this store; matched against order items, ignoring case." />
      </div>
      <div className="grid gap-4 sm:grid-cols-4">
        <TextField label="Stock" name="stock" defaultValue={original.stock} inputMode="numeric" placeholder="0" error={errors.stock} />
        <TextField label="Price" name="price" defaultValue={original.price} inputMode="decimal" placeholder="0.00" error={errors.price} />
        <TextField label="Cost" name="cost" defaultValue={original.cost} inputMode="decimal" placeholder="0.00" error={errors.cost} />
        <TextField label="Weight" name="weight" defaultValue={original.weight} inputMode="decimal" placeholder="0" error={errors.weight} />
      </div>
      <TextField label="Location" name="location" defaultValue={original.location} maxLength={200} placeholder="Shelf, bin or warehouse" error={errors.location} />
      <div className="flex gap-2">
        <Button type="submit" disabled={save.isPending}>
          {save.isPending ? "Saving…" : item ? "Save changes" : "Add item"}
        </Button>
        <Button type="button" variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
