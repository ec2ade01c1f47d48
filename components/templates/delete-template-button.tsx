"use client";

import type { ReactNode } from "react";
import { ConfirmButton } from "@/components/orders/dialog";
import { formError } from "@/components/ui/errors";
import { Notice } from "@/components/ui/notice";

/** "Delete" on a template list row, confirmed in a dialog that says what deleting it stops. */
export function DeleteTemplateButton({
  name,
  consequence,
  pending,
  error,
  onDelete,
}: {
  name: string;
  consequence: ReactNode;
  pending: boolean;
  error: unknown;
  onDelete: (done: () => void) => void;
}) {
  return (
    <ConfirmButton
      label="Delete"
      ariaLabel={`Delete ${name}`}
      title={`Delete “${name}”?`}
      message={consequence}
      confirmLabel="Delete template"
      pending={pending}
      error={error ? <Notice tone="error">{formError(error)}</Notice> : undefined}
      className="rounded-md border border-red-200 bg-white px-3 py-2 text-sm font-medium text-red-700 hover:bg-red-50"
      onConfirm={onDelete}
    />
  );
}
