// One export template in the editor, with its live preview, send test and export now.
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { ExportEditor } from "@/components/exports/export-editor";
import { RequirePermission } from "@/components/stores/require-permission";

export const metadata = { title: "Export template" };

export default async function ExportTemplatePage({ params }: { params: Promise<{ templateId: string }> }) {
  const templateId = Number((await params).templateId);
  if (!Number.isSafeInteger(templateId) || templateId <= 0) notFound();
  return (
    <RequirePermission permission="templates.manage">
      <Suspense fallback={<p className="text-sm text-slate-500">Loading…</p>}>
        <ExportEditor templateId={templateId} />
      </Suspense>
    </RequirePermission>
  );
}
