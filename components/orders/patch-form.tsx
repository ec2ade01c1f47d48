"use client";

import { useMutation } from "@tanstack/react-query";
import type { FormEvent, ReactNode } from "react";
import { useTRPC } from "@/components/providers/app-providers";
import { SelectField, TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { DECIMAL_PATTERN, UNSIGNED_DECIMAL_PATTERN } from "./decimal";
import { FormButtons } from "./editable-card";
import { formErrors } from "./order-errors";
import type { OrderPatch } from "./types";
import { useOrderRefresh } from "./use-order-refresh";

export interface FieldSpec {
  name: keyof OrderPatch & string;
  label: string;
  kind?: "text" | "email" | "decimal" | "unsigned" | "integer";
  options?: readonly string[];
  hint?: string;
  maxLength?: number;
}

/** Input attributes per kind, so the browser refuses what the server would (a bad amount) before sending. */
export function inputProps(kind: FieldSpec["kind"]) {
  switch (kind) {
    case "email":
      return { inputMode: "email" as const, autoComplete: "off" };
    case "decimal":
      return { inputMode: "decimal" as const, pattern: DECIMAL_PATTERN, title: "An amount such as 12.50" };
    case "unsigned":
      return { inputMode: "decimal" as const, pattern: UNSIGNED_DECIMAL_PATTERN, title: "A non-negative amount such as 12.50" };
    case "integer":
      return { inputMode: "numeric" as const, pattern: "\\d{1,9}", title: "A whole number" };
    default:
      return {};
  }
}

/** The update call shared by the section forms: order.update with one section's fields. */
export function useOrderUpdate() {
  const trpc = useTRPC();
  const refresh = useOrderRefresh();
  return useMutation(trpc.order.update.mutationOptions({ onSuccess: refresh }));
}

/** A section form of plain order fields (details, payment): one input per field, errors next to each. */
export function PatchForm({
  storeId,
  orderId,
  fields,
  values,
  onDone,
  label,
  children,
}: {
  storeId: number;
  orderId: number;
  fields: FieldSpec[];
  values: Record<string, unknown>;
  onDone: () => void;
  label: string;
  children?: ReactNode;
}) {
  const update = useOrderUpdate();
  const errors = formErrors(update.error, "patch", fields.map((f) => f.name));

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const patch: Record<string, string> = {};
    for (const field of fields) {
      const value = String(form.get(field.name) ?? "").trim();
      patch[field.name] = field.kind === "decimal" || field.kind === "unsigned" || field.kind === "integer" ? value || "0" : value;
    }
    update.mutate({ storeId, orderId, patch: patch as OrderPatch }, { onSuccess: onDone });
  }

  return (
    <form onSubmit={onSubmit} aria-label={label} className="space-y-3">
      {errors.form ? <Notice tone="error">{errors.form}</Notice> : null}
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-1">
        {fields.map((field, index) =>
          field.options ? (
            <SelectField key={field.name} label={field.label} name={field.name} defaultValue={String(values[field.name] ?? "")} error={errors.field(field.name)}>
              {[...new Set(["", ...field.options, String(values[field.name] ?? "")])].map((option) => (
                <option key={option} value={option}>
                  {option || "—"}
                </option>
              ))}
            </SelectField>
          ) : (
            <TextField
              key={field.name}
              label={field.label}
              name={field.name}
              defaultValue={String(values[field.name] ?? "")}
              maxLength={field.maxLength}
              hint={field.hint}
              error={errors.field(field.name)}
              autoFocus={index === 0}
              {...inputProps(field.kind)}
            />
          ),
        )}
      </div>
      {children}
      <FormButtons pending={update.isPending} onCancel={onDone} />
    </form>
  );
}
