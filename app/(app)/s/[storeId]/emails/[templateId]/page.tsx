// One email template in the editor, with its live preview and a test send.
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { EmailEditor } from "@/components/emails/email-editor";
import { RequirePermission } from "@/components/stores/require-permission";

export const metadata = { title: "Email template" };

export default async function EmailTemplatePage({ params }: { params: Promise<{ templateId: string }> }) {
  const templateId = Number((await params).templateId);
  if (!Number.isSafeInteger(templateId) || templateId <= 0) notFound();
  return (
    <RequirePermission permission="templates.manage">
      <Suspense fallback={<p className="text-sm text-slate-500">Loading…</p>}>
        <EmailEditor templateId={templateId} />
      </Suspense>
    </RequirePermission>
  );
}
