import { isPermanentFailure } from "@/server/delivery/errors";
import { getEmailTemplate } from "@/server/emails/templates";
import { recipientOf, renderEmail, sendOrderEmail } from "@/server/emails/send";
import { recordHistory } from "@/server/orders/history";
import { ALL_PERMISSIONS } from "@/server/permissions";
import type { StoreScope } from "@/server/scope";
import type { JobDefinition, JobDeps } from "../types";

const RETRIES = 5;

/**
 * A rule's "send email": rendered from the rule's template (or its subject and body, which are
 * Liquid too) over the order, and sent over SMTP. A refused address or a broken template is
 * written into the order's history and not retried; a mail server that is down is retried.
 */
export const sendEmail = (deps: JobDeps): JobDefinition => ({
  id: "send-email",
  name: "Send rule email",
  triggers: [{ event: "email/requested" }],
  retries: RETRIES,
  async handler({ event, step, attempt }) {
    const data = event.data as { storeId: number; orderId: number; to: string; subject: string; body: string; templateId?: number };
    const scope: StoreScope = { db: await deps.db(), storeId: Number(data.storeId), actor: { kind: "system", name: "Email", permissions: ALL_PERMISSIONS } };
    return step.run("send", async () => {
      try {
        const source = data.templateId ? await getEmailTemplate(scope, data.templateId) : { subject: data.subject, html: "", text: data.body };
        const email = await renderEmail(scope, source, data.orderId);
        return await sendOrderEmail(scope, data.orderId, await recipientOf(scope, data.to, data.orderId), email, "Email");
      } catch (error) {
        const permanent = isPermanentFailure(error) || attempt >= RETRIES;
        if (!permanent) throw error;
        const message = error instanceof Error ? error.message : String(error);
        await recordHistory(scope.db, scope, data.orderId, `Email not sent: ${message}`, { to: data.to }).catch(() => undefined);
        return { failed: message };
      }
    });
  },
});
