import { and, asc, eq, inArray } from "drizzle-orm";
import { CronExpressionParser } from "cron-parser";
import { exportTemplates, folders, type ExportTemplate } from "@/db/schema";
import { SECRET_FIELDS, deliveryDestination, type DeliveryDestination } from "@/server/delivery/destinations";
import { DomainError, isUniqueViolation, notFound } from "@/server/errors";
import { auditAs, type AuditAction } from "@/server/audit/service";
import { openSecretFields, redactSecretFields, sealSecretFields } from "@/server/secrets/secret-fields";
import type { StoreScope } from "@/server/scope";
import { checkTemplate } from "@/server/templates/liquid";
import type { ExportTemplateInput } from "./schemas";

const inStore = (scope: StoreScope) => eq(exportTemplates.storeId, scope.storeId);

/** What the editor sees: the destination with each secret replaced by whether one is stored. */
export function serializeExportTemplate(row: ExportTemplate) {
  const { settings, storedSecrets } = redactSecretFields(row.destination, SECRET_FIELDS);
  return { ...row, destination: settings as Partial<DeliveryDestination>, storedSecrets };
}

/** The destination with its secrets opened, for the transports only. */
export const openDestination = (row: ExportTemplate): DeliveryDestination => deliveryDestination.parse(openSecretFields(row.destination, SECRET_FIELDS));

/** Seals new secrets; an empty secret field keeps what is stored (when the kind did not change). */
const sealDestination = (next: DeliveryDestination, previous?: Record<string, unknown>) => sealSecretFields(next, SECRET_FIELDS, previous);

async function checkInput(scope: StoreScope, input: ExportTemplateInput) {
  checkTemplate(input.body);
  checkTemplate(input.filenamePattern);
  if (input.destination.kind === "email") checkTemplate(input.destination.subject);
  const folderIds = [input.sourceFolderId, input.moveToFolderId].filter((id): id is number => id !== null);
  if (folderIds.length) {
    const found = await scope.db.select({ id: folders.id }).from(folders).where(and(eq(folders.storeId, scope.storeId), inArray(folders.id, folderIds)));
    for (const [field, id] of [["sourceFolderId", input.sourceFolderId], ["moveToFolderId", input.moveToFolderId]] as const) {
      if (id !== null && !found.some((f) => f.id === id)) throw new DomainError("BAD_REQUEST", "That folder does not exist in this store.", { field });
    }
  }
  if (input.schedule) {
    try {
      CronExpressionParser.parse(input.schedule);
    } catch {
      throw new DomainError("BAD_REQUEST", 'Not a valid schedule; use cron such as "0 9 * * *" (every day at 09:00).', { field: "schedule" });
    }
    if (input.sourceFolderId === null) throw new DomainError("BAD_REQUEST", "A scheduled export needs a folder to take orders from.", { field: "sourceFolderId" });
    if (input.destination.kind === "download") {
      throw new DomainError("BAD_REQUEST", "A scheduled export needs somewhere to deliver to: email, FTP or SFTP.", { field: "schedule" });
    }
  }
}

const nameTaken = (error: unknown) => {
  if (isUniqueViolation(error)) throw new DomainError("CONFLICT", "Another export template has this name.", { field: "name", cause: error });
  throw error;
};

export async function listExportTemplates(scope: StoreScope) {
  const rows = await scope.db.select().from(exportTemplates).where(inStore(scope)).orderBy(asc(exportTemplates.name));
  return rows.map(serializeExportTemplate);
}

export async function getExportTemplate(scope: StoreScope, templateId: number): Promise<ExportTemplate> {
  const [row] = await scope.db.select().from(exportTemplates).where(and(inStore(scope), eq(exportTemplates.id, templateId)));
  if (!row) throw notFound("Export template");
  return row;
}

/** By id, or by its name (case-insensitive), for the CLI and rules. */
export async function findExportTemplate(scope: StoreScope, idOrName: string): Promise<ExportTemplate> {
  if (/^\d+$/.test(idOrName)) {
    const [byId] = await scope.db.select().from(exportTemplates).where(and(inStore(scope), eq(exportTemplates.id, Number(idOrName))));
    if (byId) return byId;
  }
  const rows = await scope.db.select().from(exportTemplates).where(inStore(scope));
  const match = rows.find((r) => r.name.toLowerCase() === idOrName.toLowerCase());
  if (!match) {
    const names = rows.map((r) => `"${r.name}"`).join(", ") || "none yet";
    throw new DomainError("NOT_FOUND", `No export template "${idOrName}" in this store (templates: ${names}).`, { field: "template" });
  }
  return match;
}

export async function createExportTemplate(scope: StoreScope, input: ExportTemplateInput) {
  await checkInput(scope, input);
  const [row] = await scope.db
    .insert(exportTemplates)
    .values({ ...input, storeId: scope.storeId, destination: sealDestination(input.destination) })
    .returning()
    .catch(nameTaken);
  await audit(scope, "export_template.created", row!);
  return serializeExportTemplate(row!);
}

export async function updateExportTemplate(scope: StoreScope, templateId: number, input: ExportTemplateInput) {
  await checkInput(scope, input);
  const previous = await getExportTemplate(scope, templateId);
  const [row] = await scope.db
    .update(exportTemplates)
    .set({ ...input, destination: sealDestination(input.destination, previous.destination), updatedAt: new Date() })
    .where(and(inStore(scope), eq(exportTemplates.id, templateId)))
    .returning()
    .catch(nameTaken);
  if (!row) throw notFound("Export template");
  await audit(scope, "export_template.updated", row);
  return serializeExportTemplate(row);
}

export async function deleteExportTemplate(scope: StoreScope, templateId: number) {
  const [row] = await scope.db.delete(exportTemplates).where(and(inStore(scope), eq(exportTemplates.id, templateId))).returning();
  if (!row) throw notFound("Export template");
  await audit(scope, "export_template.deleted", row);
  return { id: row.id };
}

function audit(scope: StoreScope, action: AuditAction, row: ExportTemplate) {
  return auditAs(scope, scope.db, action, { templateId: row.id, name: row.name, destination: row.destination.kind });
}
