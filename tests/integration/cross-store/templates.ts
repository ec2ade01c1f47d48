import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { expect } from "vitest";
import { emailTemplates, exportRuns, exportTemplates, folders, importRuns, importTemplates, orders } from "@/db/schema";
import { ingestOrder } from "@/server/orders/ingest";
import { ALL_PERMISSIONS } from "@/server/permissions";
import { createImportUpload } from "@/server/imports/service";
import { saveImportTemplate } from "@/server/imports/templates";
import { startExport } from "@/server/exports/runs";
import type { StoreScope } from "@/server/scope";
import type { CrossStoreCases, CrossStoreContext } from "./types";

let counter = 0;
const scopeB = (ctx: CrossStoreContext): StoreScope => ({ db: ctx.db, storeId: ctx.storeB, actor: { kind: "system", name: "test", permissions: ALL_PERMISSIONS } });

/** Store B's export template (download kind, over its first folder) and a run of it over one order. */
async function exportOfB(ctx: CrossStoreContext) {
  counter += 1;
  const template = await ctx.ownerB.caller.export.create({
    storeId: ctx.storeB,
    name: `B export ${counter}`,
    format: "text",
    mode: "batch",
    body: "{% for order in orders %}{{ order.id }}\n{% endfor %}",
    filenamePattern: "b.txt",
    destination: { kind: "download" },
  });
  const { orderId } = await ingestOrder(scopeB(ctx), { email: "b@example.test", source_id: `b-export-${counter}` }, { via: "test" });
  const run = await startExport(scopeB(ctx), { templateId: template.id, orderIds: [orderId], includeExported: false }, "manual", { queue: false });
  const snapshot = async () => ({
    template: (await ctx.db.select().from(exportTemplates).where(eq(exportTemplates.id, template.id)))[0],
    run: (await ctx.db.select().from(exportRuns).where(eq(exportRuns.id, run.runId!)))[0],
    order: (await ctx.db.select().from(orders).where(eq(orders.id, orderId)))[0],
  });
  const before = await snapshot();
  return { templateId: template.id, runId: run.runId!, orderId, unchanged: async () => expect(await snapshot()).toEqual(before) };
}

async function importOfB(ctx: CrossStoreContext) {
  counter += 1;
  const dir = mkdtempSync(join(tmpdir(), "cross-store-import-"));
  const path = join(dir, "b.csv");
  writeFileSync(path, "Order Number,Email\nB-1,b@example.test\n");
  const upload = await createImportUpload(scopeB(ctx), { path, fileName: "b.csv", target: "orders", maxBytes: 1024 * 1024 });
  const template = await saveImportTemplate(scopeB(ctx), { name: `B mapping ${counter}`, mapping: upload.mapping });
  const snapshot = async () => ({
    run: (await ctx.db.select().from(importRuns).where(eq(importRuns.id, upload.run.id)))[0],
    template: (await ctx.db.select().from(importTemplates).where(eq(importTemplates.id, template.id)))[0],
  });
  const before = await snapshot();
  return { runId: upload.run.id, templateId: template.id, mapping: upload.mapping, unchanged: async () => expect(await snapshot()).toEqual(before) };
}

async function emailOfB(ctx: CrossStoreContext) {
  counter += 1;
  const template = await ctx.ownerB.caller.emailTemplate.create({ storeId: ctx.storeB, name: `B email ${counter}`, subject: "Hi", text: "Hello", html: "", notifyOnShipment: false });
  const before = (await ctx.db.select().from(emailTemplates).where(eq(emailTemplates.id, template.id)))[0];
  return { templateId: template.id, unchanged: async () => expect((await ctx.db.select().from(emailTemplates).where(eq(emailTemplates.id, template.id)))[0]).toEqual(before) };
}

const exportFields = { name: "Hijack", format: "text", mode: "batch", body: "x", filenamePattern: "x.txt", destination: { kind: "download" } };

export const cases: CrossStoreCases = {
  "export.byId": async (ctx) => {
    const b = await exportOfB(ctx);
    return { input: { templateId: b.templateId }, unchanged: b.unchanged };
  },
  "export.update": async (ctx) => {
    const b = await exportOfB(ctx);
    return { input: { templateId: b.templateId, ...exportFields }, unchanged: b.unchanged };
  },
  "export.create": async (ctx) => {
    const [folderOfB] = await ctx.db.select().from(folders).where(eq(folders.storeId, ctx.storeB)).limit(1);
    return {
      input: { ...exportFields, name: `Uses B's folder ${++counter}`, sourceFolderId: folderOfB!.id, moveToFolderId: folderOfB!.id },
      unchanged: async () => expect(await ctx.db.select().from(exportTemplates).where(eq(exportTemplates.storeId, ctx.storeA))).toEqual([]),
    };
  },
  "export.delete": async (ctx) => {
    const b = await exportOfB(ctx);
    return { input: { templateId: b.templateId }, unchanged: b.unchanged };
  },
  "export.sendTest": async (ctx) => {
    const b = await exportOfB(ctx);
    return { input: { templateId: b.templateId }, unchanged: b.unchanged };
  },
  "export.start": async (ctx) => {
    const b = await exportOfB(ctx);
    return { input: { templateId: b.templateId, orderIds: [b.orderId] }, unchanged: b.unchanged };
  },
  "export.download": async (ctx) => {
    const b = await exportOfB(ctx);
    return { input: { templateId: b.templateId, orderIds: [b.orderId] }, unchanged: b.unchanged };
  },
  "export.preview": async (ctx) => {
    const b = await exportOfB(ctx);
    return {
      input: { body: "{{ orders.size }}", filenamePattern: "x", format: "text", mode: "batch", orderIds: [b.orderId] },
      unchanged: b.unchanged,
      succeedsWith: (result) => expect(result).toMatchObject({ ok: true, orderCount: 0 }),
    };
  },
  "export.runs": async (ctx) => {
    const b = await exportOfB(ctx);
    return { input: { templateId: b.templateId }, unchanged: b.unchanged, succeedsWith: (result) => expect(result).toEqual([]) };
  },
  "export.runById": async (ctx) => {
    const b = await exportOfB(ctx);
    return { input: { runId: b.runId }, unchanged: b.unchanged };
  },
  "export.retry": async (ctx) => {
    const b = await exportOfB(ctx);
    return { input: { runId: b.runId }, unchanged: b.unchanged };
  },
  "import.deleteTemplate": async (ctx) => {
    const b = await importOfB(ctx);
    return { input: { templateId: b.templateId }, unchanged: b.unchanged };
  },
  "import.setSource": async (ctx) => {
    const b = await importOfB(ctx);
    return { input: { templateId: b.templateId, source: null, schedule: null, mode: "all_or_nothing" }, unchanged: b.unchanged };
  },
  "import.checkNow": async (ctx) => {
    const b = await importOfB(ctx);
    return { input: { templateId: b.templateId }, unchanged: b.unchanged };
  },
  "import.run": async (ctx) => {
    const b = await importOfB(ctx);
    return { input: { runId: b.runId }, unchanged: b.unchanged };
  },
  "import.preview": async (ctx) => {
    const b = await importOfB(ctx);
    return { input: { runId: b.runId, mapping: b.mapping }, unchanged: b.unchanged };
  },
  "import.start": async (ctx) => {
    const b = await importOfB(ctx);
    return { input: { runId: b.runId, mapping: b.mapping }, unchanged: b.unchanged };
  },
  "import.report": async (ctx) => {
    const b = await importOfB(ctx);
    return { input: { runId: b.runId }, unchanged: b.unchanged };
  },
  "emailTemplate.byId": async (ctx) => {
    const b = await emailOfB(ctx);
    return { input: { templateId: b.templateId }, unchanged: b.unchanged };
  },
  "emailTemplate.update": async (ctx) => {
    const b = await emailOfB(ctx);
    return { input: { templateId: b.templateId, name: "Hijack", subject: "x", text: "x", html: "", notifyOnShipment: false }, unchanged: b.unchanged };
  },
  "emailTemplate.delete": async (ctx) => {
    const b = await emailOfB(ctx);
    return { input: { templateId: b.templateId }, unchanged: b.unchanged };
  },
  "emailTemplate.sendTest": async (ctx) => {
    const b = await emailOfB(ctx);
    return { input: { templateId: b.templateId, to: "x@example.test" }, unchanged: b.unchanged };
  },
  "emailTemplate.preview": async (ctx) => {
    const { orderId } = await ingestOrder(scopeB(ctx), { email: "b@example.test", source_id: `b-preview-${++counter}` }, { via: "test" });
    const before = (await ctx.db.select().from(orders).where(eq(orders.id, orderId)))[0];
    return {
      input: { subject: "{{ order.email }}", html: "", text: "x", orderId },
      unchanged: async () => expect((await ctx.db.select().from(orders).where(eq(orders.id, orderId)))[0]).toEqual(before),
    };
  },
};
