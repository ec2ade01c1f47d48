// A new export template: preset, Liquid body, file name, destination and schedule, with a live preview.
import { Suspense } from "react";
import { ExportEditor } from "@/components/exports/export-editor";
import { RequirePermission } from "@/components/stores/require-permission";

export const metadata = { title: "New export template" };

export default function NewExportTemplatePage() {
  return (
    <RequirePermission permission="templates.manage">
      <Suspense fallback={<p className="text-sm text-slate-500">Loading…</p>}>
        <ExportEditor />
      </Suspense>
    </RequirePermission>
  );
}
