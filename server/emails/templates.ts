import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import { emailTemplates, type EmailTemplate } from "@/db/schema";
import { DomainError, isUniqueViolation, notFound } from "@/server/errors";
import type { StoreScope } from "@/server/scope";
import { checkTemplate } from "@/server/templates/liquid";

export const emailTemplateFields = {
  name: z.string().trim().min(1, "Give the template a name.").max(100),
  subject: z.string().trim().min(1, "Give the email a subject.").max(500),
  html: z.string().max(200_000).default(""),
  text: z.string().max(100_000).default(""),
  notifyOnShipment: z.boolean().default(false),
};
export const emailTemplateInput = z.object(emailTemplateFields).refine((t) => t.html.trim() || t.text.trim(), { message: "Write the email's HTML or text body.", path: ["text"] });
export type EmailTemplateInput = z.infer<typeof emailTemplateInput>;

const inStore = (scope: StoreScope) => eq(emailTemplates.storeId, scope.storeId);

function check(input: EmailTemplateInput) {
  for (const field of ["subject", "html", "text"] as const) {
    try {
      checkTemplate(input[field]);
    } catch (error) {
      if (error instanceof DomainError) throw new DomainError("BAD_REQUEST", error.message, { field, cause: error });
      throw error;
    }
  }
}

const conflict = (error: unknown): never => {
  if (isUniqueViolation(error)) {
    const constraint = String((error as { constraint_name?: string; constraint?: string }).constraint_name ?? (error as { constraint?: string }).constraint ?? "");
    if (constraint.includes("shipment")) throw new DomainError("CONFLICT", "Another template is already the shipment notification; switch that one off first.", { field: "notifyOnShipment", cause: error });
    throw new DomainError("CONFLICT", "Another email template has this name.", { field: "name", cause: error });
  }
  throw error;
};

export async function listEmailTemplates(scope: StoreScope) {
  return scope.db.select().from(emailTemplates).where(inStore(scope)).orderBy(asc(emailTemplates.name));
}

export async function getEmailTemplate(scope: StoreScope, templateId: number): Promise<EmailTemplate> {
  const [row] = await scope.db.select().from(emailTemplates).where(and(inStore(scope), eq(emailTemplates.id, templateId)));
  if (!row) throw notFound("Email template");
  return row;
}

export async function shipmentNotificationTemplate(scope: StoreScope): Promise<EmailTemplate | undefined> {
  const [row] = await scope.db.select().from(emailTemplates).where(and(inStore(scope), eq(emailTemplates.notifyOnShipment, true)));
  return row;
}

export async function createEmailTemplate(scope: StoreScope, input: EmailTemplateInput) {
  check(input);
  const [row] = await scope.db.insert(emailTemplates).values({ ...input, storeId: scope.storeId }).returning().catch(conflict);
  return row!;
}

export async function updateEmailTemplate(scope: StoreScope, templateId: number, input: EmailTemplateInput) {
  check(input);
  const [row] = await scope.db
    .update(emailTemplates)
    .set({ ...input, updatedAt: new Date() })
    .where(and(inStore(scope), eq(emailTemplates.id, templateId)))
    .returning()
    .catch(conflict);
  if (!row) throw notFound("Email template");
  return row;
}

export async function deleteEmailTemplate(scope: StoreScope, templateId: number) {
  const [row] = await scope.db.delete(emailTemplates).where(and(inStore(scope), eq(emailTemplates.id, templateId))).returning({ id: emailTemplates.id });
  if (!row) throw notFound("Email template");
  return row;
}
