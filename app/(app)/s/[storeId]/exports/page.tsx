// Exports: the store's Liquid export templates and the log of export runs (with retry).
import { Suspense } from "react";
import { ExportLog } from "@/components/exports/export-log";
import { ExportTemplatesList } from "@/components/exports/export-templates-list";
import { RequirePermission } from "@/components/stores/require-permission";

export const metadata = { title: "Exports" };

export default function ExportsPage() {
  return (
    <RequirePermission permission="templates.manage">
      <ExportTemplatesList />
      <Suspense fallback={<p className="text-sm text-slate-500">Loading…</p>}>
        <ExportLog />
      </Suspense>
    </RequirePermission>
  );
}
