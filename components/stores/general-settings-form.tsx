"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { useTRPC } from "@/components/providers/app-providers";
import { Button } from "@/components/ui/button";
import { fieldErrors, formError } from "@/components/ui/errors";
import { SelectField, TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { CurrencyOptions, TimezoneOptions } from "./locale-options";
import { useStoreId } from "./use-store-id";

export function GeneralSettingsForm() {
  const trpc = useTRPC();
  const storeId = useStoreId();
  const router = useRouter();
  const queryClient = useQueryClient();
  const current = useQuery(trpc.store.byId.queryOptions({ storeId }));
  const save = useMutation(
    trpc.store.updateSettings.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.store.pathKey() });
        router.refresh(); // the switcher shows the new name
      },
    }),
  );
  const errors = fieldErrors(save.error);

  if (!current.data) return <p className="text-sm text-slate-500">Loading…</p>;
  const { store } = current.data;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    save.mutate({
      storeId,
      name: String(form.get("name") ?? ""),
      timezone: String(form.get("timezone") ?? ""),
      currency: String(form.get("currency") ?? ""),
      decrementStockOnOrder: form.get("decrementStockOnOrder") === "on",
    });
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" aria-label="Store settings" key={store.id}>
      {formError(save.error) ? <Notice tone="error">{formError(save.error)}</Notice> : null}
      {save.isSuccess ? <Notice tone="success">{save.data.changed ? "Settings saved." : "Nothing to change."}</Notice> : null}
      <TextField label="Store name" name="name" defaultValue={store.name} required maxLength={80} error={errors.name} />
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField label="Timezone" name="timezone" defaultValue={store.timezone} error={errors.timezone} hint="Used for schedules and dates in exports.">
          <TimezoneOptions current={store.timezone} />
        </SelectField>
        <SelectField label="Currency" name="currency" defaultValue={store.currency} error={errors.currency}>
          <CurrencyOptions />
        </SelectField>
      </div>
      <div className="flex items-start gap-2 text-sm">
        <input
          id="decrement-stock"
          type="checkbox"
          name="decrementStockOnOrder"
          defaultChecked={store.decrementStockOnOrder}
          aria-describedby="decrement-stock-hint"
          className="mt-0.5 h-4 w-4 rounded border-slate-300"
        />
        <div>
          <label htmlFor="decrement-stock" className="font-medium text-slate-700">
            Take stock off inventory when an order is created
          </label>
          <p id="decrement-stock-hint" className="text-xs text-slate-500">
            Each item&apos;s quantity comes off the inventory item with the same SKU. Orders that stock cannot cover are still created, tagged “stock-short”.
          </p>
        </div>
      </div>
      <Button type="submit" disabled={save.isPending}>
        {save.isPending ? "Saving…" : "Save settings"}
      </Button>
    </form>
  );
}
