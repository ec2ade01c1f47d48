// Email templates: the messages rules send and the shipment notification, in Liquid.
import { EmailTemplatesList } from "@/components/emails/email-templates-list";
import { RequirePermission } from "@/components/stores/require-permission";

export const metadata = { title: "Email templates" };

export default function EmailTemplatesPage() {
  return (
    <RequirePermission permission="templates.manage">
      <EmailTemplatesList />
    </RequirePermission>
  );
}
