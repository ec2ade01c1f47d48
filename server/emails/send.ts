import type { EmailTemplate } from "@/db/schema";
import { sendMail } from "@/server/delivery/smtp";
import { DomainError } from "@/server/errors";
import { recordHistory } from "@/server/orders/history";
import { getOrderRecord, serializeOrder } from "@/server/orders/read";
import type { StoreScope } from "@/server/scope";
import { getStore } from "@/server/stores/service";
import { renderTemplate } from "@/server/templates/liquid";
import { orderVariables, storeVariables } from "@/server/templates/variables";

export interface RenderedEmail {
  subject: string;
  html?: string;
  text?: string;
}

type EmailSource = Pick<EmailTemplate, "subject" | "html" | "text">;

/** Renders an email template (subject, HTML, text) over an order and any extra variables. */
export async function renderEmail(scope: StoreScope, source: EmailSource, orderId: number | null, extra: Record<string, unknown> = {}): Promise<RenderedEmail> {
  const store = await getStore(scope);
  const order = orderId === null ? undefined : orderVariables(serializeOrder(await getOrderRecord(scope, orderId)));
  const variables = { ...storeVariables({ id: scope.storeId, name: store.name, timezone: store.timezone, currency: store.currency }), order, ...extra };
  const options = { timezone: store.timezone, currency: store.currency };
  const [subject, html, text] = await Promise.all([
    renderTemplate(source.subject, variables, options),
    source.html.trim() ? renderTemplate(source.html, variables, options) : Promise.resolve(""),
    source.text.trim() ? renderTemplate(source.text, variables, options) : Promise.resolve(""),
  ]);
  return { subject: subject.replace(/\s+/g, " ").trim(), ...(html ? { html } : {}), ...(text ? { text } : {}) };
}

/** "customer" means the order's email; anything else is an address already validated by the rule. */
export async function recipientOf(scope: StoreScope, to: string, orderId: number): Promise<string> {
  if (to !== "customer") return to;
  const { order } = await getOrderRecord(scope, orderId);
  if (!order.email) throw new DomainError("BAD_REQUEST", `Order ${orderId} has no customer email, so the email was not sent.`);
  return order.email;
}

/** Sends a rendered email about an order and writes it into the order's history. */
export async function sendOrderEmail(scope: StoreScope, orderId: number, to: string, email: RenderedEmail, why: string) {
  const { messageId } = await sendMail({ to: [to], subject: email.subject, html: email.html, text: email.text });
  await recordHistory(scope.db, scope, orderId, `${why} sent to ${to}: ${email.subject}`, { messageId });
  return { to, subject: email.subject, messageId };
}
