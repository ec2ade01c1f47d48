import { and, asc, eq, sql } from "drizzle-orm";
import { importTemplates, type ImportTemplate } from "@/db/schema";
import { DomainError, isUniqueViolation, notFound } from "@/server/errors";
import type { StoreScope } from "@/server/scope";
import { importMapping, type ImportMapping } from "./mapping";
import { redactSource } from "./sources";

const inStore = (scope: StoreScope) => eq(importTemplates.storeId, scope.storeId);

/** A template as callers outside the fetch job see it: the source's secrets replaced by whether one is stored. */
export const serializeImportTemplate = (row: ImportTemplate) => ({ ...row, mapping: row.mapping as ImportMapping, ...redactSource(row.source) });

/** The stored row, secrets still sealed: for the scheduled import only. */
export async function getImportTemplateRow(scope: StoreScope, templateId: number): Promise<ImportTemplate> {
  const [row] = await scope.db.select().from(importTemplates).where(and(inStore(scope), eq(importTemplates.id, templateId)));
  if (!row) throw notFound("Import template");
  return row;
}

export async function listImportTemplates(scope: StoreScope, target?: ImportTemplate["target"]) {
  const rows = await scope.db
    .select()
    .from(importTemplates)
    .where(and(inStore(scope), target ? eq(importTemplates.target, target) : undefined))
    .orderBy(asc(importTemplates.name));
  return rows.map(serializeImportTemplate);
}

export async function getImportTemplate(scope: StoreScope, templateId: number) {
  return serializeImportTemplate(await getImportTemplateRow(scope, templateId));
}

/** By id or name (case-insensitive), for the CLI. */
export async function findImportTemplate(scope: StoreScope, idOrName: string) {
  const rows = await scope.db.select().from(importTemplates).where(inStore(scope));
  const match = rows.find((r) => String(r.id) === idOrName) ?? rows.find((r) => r.name.toLowerCase() === idOrName.toLowerCase());
  if (!match) {
    const names = rows.map((r) => `"${r.name}"`).join(", ") || "none yet";
    throw new DomainError("NOT_FOUND", `No import template "${idOrName}" in this store (templates: ${names}).`, { field: "template" });
  }
  return serializeImportTemplate(match);
}

/** Saves a mapping under a name: a template of that name is replaced, so "save" is repeatable. */
export async function saveImportTemplate(scope: StoreScope, input: { name: string; mapping: unknown }) {
  const mapping = importMapping.parse(input.mapping);
  const name = input.name.trim();
  if (!name) throw new DomainError("BAD_REQUEST", "Give the template a name.", { field: "name" });
  const sameName = sql`lower(${importTemplates.name}) = lower(${name})`;
  const [updated] = await scope.db
    .update(importTemplates)
    .set({ mapping, target: mapping.target, updatedAt: new Date() })
    .where(and(inStore(scope), sameName))
    .returning();
  const row =
    updated ??
    (await scope.db
      .insert(importTemplates)
      .values({ storeId: scope.storeId, name, target: mapping.target, mapping })
      .returning()
      .catch((error: unknown) => {
        if (isUniqueViolation(error)) throw new DomainError("CONFLICT", "Another import template was just saved with this name; save again.", { field: "name", cause: error });
        throw error;
      }))[0];
  return serializeImportTemplate(row!);
}

export async function deleteImportTemplate(scope: StoreScope, templateId: number) {
  const [row] = await scope.db.delete(importTemplates).where(and(inStore(scope), eq(importTemplates.id, templateId))).returning({ id: importTemplates.id });
  if (!row) throw notFound("Import template");
  return row;
}
