// A new email template: subject, HTML and text in Liquid, with a live preview.
import { Suspense } from "react";
import { EmailEditor } from "@/components/emails/email-editor";
import { RequirePermission } from "@/components/stores/require-permission";

export const metadata = { title: "New email template" };

export default function NewEmailTemplatePage() {
  return (
    <RequirePermission permission="templates.manage">
      <Suspense fallback={<p className="text-sm text-slate-500">Loading…</p>}>
        <EmailEditor />
      </Suspense>
    </RequirePermission>
  );
}
