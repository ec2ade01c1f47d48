import { z } from "zod";
import { sendMail } from "@/server/delivery/smtp";
import { renderEmail } from "@/server/emails/send";
import { createEmailTemplate, deleteEmailTemplate, emailTemplateFields, emailTemplateInput, getEmailTemplate, listEmailTemplates, updateEmailTemplate } from "@/server/emails/templates";
import { EMAIL_PRESETS } from "@/server/templates/presets";
import { DomainError } from "@/server/errors";
import { requirePermission, router } from "../init";

/** Email templates (Liquid subject, HTML and text) for rules and shipment notifications. */
const manage = requirePermission("templates.manage");
const templateId = z.number().int().positive();
const sample = { shipment: { tracking_number: "1Z999AA10123456784", carrier_code: "UPS", shipment_method: "UPS Ground", tracking_url: "https://www.ups.com/track?tracknum=1Z999AA10123456784" } };

export const emailTemplateRouter = router({
  list: manage.query(({ ctx }) => listEmailTemplates(ctx.scope)),
  /** Names only, for the rule editor's "send email" picker. */
  options: requirePermission("rules.manage").query(async ({ ctx }) => (await listEmailTemplates(ctx.scope)).map((t) => ({ id: t.id, name: t.name }))),
  presets: manage.query(() => EMAIL_PRESETS),
  byId: manage.input(z.object({ templateId })).query(({ ctx, input }) => getEmailTemplate(ctx.scope, input.templateId)),
  create: manage.input(z.object(emailTemplateFields)).mutation(({ ctx, input: { storeId: _s, ...template } }) => createEmailTemplate(ctx.scope, emailTemplateInput.parse(template))),
  update: manage
    .input(z.object({ templateId, ...emailTemplateFields }))
    .mutation(({ ctx, input: { storeId: _s, templateId: id, ...template } }) => updateEmailTemplate(ctx.scope, id, emailTemplateInput.parse(template))),
  delete: manage.input(z.object({ templateId })).mutation(({ ctx, input }) => deleteEmailTemplate(ctx.scope, input.templateId)),
  /** Live preview over one of the store's orders (with a sample shipment), nothing sent. */
  preview: manage
    .input(z.object({ subject: z.string().max(500), html: z.string().max(200_000), text: z.string().max(100_000), orderId: z.number().int().positive().optional() }))
    .mutation(async ({ ctx, input }) => {
      try {
        return { ok: true as const, email: await renderEmail(ctx.scope, input, input.orderId ?? null, sample) };
      } catch (error) {
        if (error instanceof DomainError && error.code === "BAD_REQUEST") return { ok: false as const, error: error.message };
        throw error;
      }
    }),
  /** "Send test": the template over an order (or none), to the address given. */
  sendTest: manage
    .input(z.object({ templateId, to: z.email("Enter an email address."), orderId: z.number().int().positive().optional() }))
    .mutation(async ({ ctx, input }) => {
      const template = await getEmailTemplate(ctx.scope, input.templateId);
      const email = await renderEmail(ctx.scope, template, input.orderId ?? null, sample);
      const { messageId } = await sendMail({ to: [input.to], subject: `[Test] ${email.subject}`, html: email.html, text: email.text });
      return { messageId };
    }),
});
