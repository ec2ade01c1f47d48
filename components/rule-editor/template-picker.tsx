"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/providers/app-providers";
import { useStoreId } from "@/components/stores/use-store-id";
import { SelectField } from "@/components/ui/field";

/**
 * Picks one of the store's export or email templates for a rule action. Email templates are
 * optional (the action's own subject and body are used without one); export templates are not.
 */
export function TemplatePicker({ kind, value, onChange, hint }: { kind: "email" | "export"; value: unknown; onChange: (id: number | undefined) => void; hint?: string }) {
  const trpc = useTRPC();
  const storeId = useStoreId();
  const options = useQuery(kind === "email" ? trpc.emailTemplate.options.queryOptions({ storeId }) : trpc.export.options.queryOptions({ storeId }));
  const list = options.data ?? [];
  const empty = options.isSuccess && list.length === 0;
  return (
    <SelectField
      label={kind === "email" ? "Email template" : "Export template"}
      value={typeof value === "number" ? String(value) : ""}
      hint={empty ? `This store has no ${kind} templates yet (${kind === "email" ? "Emails" : "Exports"} page).` : hint}
      onChange={(e) => onChange(e.target.value ? Number(e.target.value) : undefined)}
    >
      <option value="">{kind === "email" ? "No template: write it below" : "Choose a template…"}</option>
      {list.map((t) => (
        <option key={t.id} value={t.id}>
          {t.name}
        </option>
      ))}
    </SelectField>
  );
}
