import type { DestinationKind, ExportFormat, ExportMode, ExportRunRow } from "./types";

export const FORMAT_LABELS: Record<ExportFormat, string> = { csv: "CSV", tsv: "TSV (tab separated)", xml: "XML", json: "JSON", text: "Plain text" };
export const MODE_LABELS: Record<ExportMode, string> = { batch: "One file for the batch", per_order: "One file per order" };
export const DESTINATION_LABELS: Record<DestinationKind, string> = { download: "Download", email: "Email", ftp: "FTP", sftp: "SFTP" };
export const TRIGGER_LABELS: Record<ExportRunRow["trigger"], string> = { manual: "By hand", schedule: "Schedule", rule: "Rule", cli: "Command line", retry: "Retry" };
export const RUN_STATUS: Record<ExportRunRow["status"], { label: string; className: string }> = {
  pending: { label: "Running", className: "bg-sky-50 text-sky-800 ring-sky-200" },
  retrying: { label: "Retrying", className: "bg-amber-50 text-amber-800 ring-amber-200" },
  delivered: { label: "Delivered", className: "bg-emerald-50 text-emerald-800 ring-emerald-200" },
  failed: { label: "Failed", className: "bg-red-50 text-red-800 ring-red-200" },
};

export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
