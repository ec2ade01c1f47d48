import { fieldErrors, formError } from "@/components/ui/errors";
import type { ImportRunStatus, ImportTarget, ReportStatus, Transform } from "./types";

export const TARGETS: { value: ImportTarget; label: string; description: string }[] = [
  { value: "orders", label: "Orders", description: "New orders: one row per line item; rows with the same order number are one order." },
  { value: "inventory", label: "Inventory", description: "Items by SKU: names, prices and stock levels (set or adjusted)." },
  { value: "shipments", label: "Shipments", description: "Tracking numbers for orders already in the store." },
];
export const TARGET_LABEL: Record<ImportTarget, string> = { orders: "Orders", inventory: "Inventory", shipments: "Shipments" };

export const TRANSFORM_LABELS: Record<Transform, string> = {
  trim: "Squeeze spaces",
  upper: "UPPER CASE",
  lower: "lower case",
  number: "Number",
  date: "Date (month first)",
  date_dmy: "Date (day first)",
  split_name: "First + last name",
};

/** Shown as the transform picker's title, so the short labels stay explained. */
export const TRANSFORM_HINTS: Record<Transform, string> = {
  trim: "Line breaks and repeated spaces become single spaces.",
  upper: "e.g. country and state codes.",
  lower: "e.g. email addresses.",
  number: "Reads $1,234.50, 1.234,50 € or (12.50) as a plain decimal.",
  date: "YYYY-MM-DD (time and offset optional), MM/DD/YYYY or DD.MM.YYYY; stored in UTC.",
  date_dmy: "Like Date, but DD/MM/YYYY (day first, as in Europe).",
  split_name: "Splits a full name into first name (the first word) and last name (the rest).",
};

export const RUN_STATUS: Record<ImportRunStatus, { label: string; className: string }> = {
  uploaded: { label: "Waiting for mapping", className: "bg-slate-100 text-slate-700 ring-slate-200" },
  validating: { label: "Checking rows", className: "bg-sky-50 text-sky-800 ring-sky-200" },
  importing: { label: "Importing", className: "bg-sky-50 text-sky-800 ring-sky-200" },
  done: { label: "Done", className: "bg-emerald-50 text-emerald-800 ring-emerald-200" },
  failed: { label: "Failed", className: "bg-red-50 text-red-800 ring-red-200" },
  interrupted: { label: "Interrupted", className: "bg-amber-50 text-amber-800 ring-amber-200" },
};

export const REPORT_STATUS: Record<ReportStatus, { label: string; className: string }> = {
  created: { label: "Created", className: "text-emerald-700" },
  updated: { label: "Updated", className: "text-sky-700" },
  skipped: { label: "Skipped", className: "text-slate-600" },
  failed: { label: "Failed", className: "text-red-700" },
};

export const plural = (n: number, word: string) => `${n.toLocaleString()} ${word}${n === 1 ? "" : "s"}`;

export function fileSize(bytes: number) {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export const lineRange = (first: number, last: number) => (first === last ? `${first}` : `${first}–${last}`);

/** One sentence for any tRPC error, field messages included (the mapping's problems come as one). */
export function messageOf(error: unknown): string | undefined {
  if (!error) return undefined;
  return formError(error) ?? Object.values(fieldErrors(error)).filter(Boolean).join(" ");
}
