"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { useTRPC } from "@/components/providers/app-providers";
import { Button } from "@/components/ui/button";
import { fieldErrors, formError } from "@/components/ui/errors";
import { TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { CurrencyOptions, TimezoneOptions } from "./locale-options";
import { SelectField } from "@/components/ui/field";

export function CreateStoreForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const create = useMutation(
    trpc.store.create.mutationOptions({
      onSuccess: async (store) => {
        await queryClient.invalidateQueries({ queryKey: trpc.store.list.queryKey() });
        router.push(`/s/${store.id}`);
        router.refresh();
      },
    }),
  );
  const errors = fieldErrors(create.error);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    create.mutate({
      name: String(form.get("name") ?? ""),
      timezone: String(form.get("timezone") ?? "UTC"),
      currency: String(form.get("currency") ?? "USD"),
    });
  }

  return (
    <form onSubmit={onSubmit} className="grid gap-4 sm:grid-cols-3" aria-label="Create a store">
      {formError(create.error) ? (
        <div className="sm:col-span-3">
          <Notice tone="error">{formError(create.error)}</Notice>
        </div>
      ) : null}
      <TextField label="Store name" name="name" required maxLength={80} placeholder="e.g. Acme Prints" error={errors.name} />
      <SelectField label="Timezone" name="timezone" defaultValue="UTC" error={errors.timezone}>
        <TimezoneOptions />
      </SelectField>
      <SelectField label="Currency" name="currency" defaultValue="USD" error={errors.currency}>
        <CurrencyOptions />
      </SelectField>
      <div className="sm:col-span-3">
        <Button type="submit" disabled={create.isPending}>
          {create.isPending ? "Creating…" : "Create store"}
        </Button>
      </div>
    </form>
  );
}
