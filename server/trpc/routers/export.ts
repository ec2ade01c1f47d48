import { z } from "zod";
import { downloadExport, sendTestExport } from "@/server/exports/direct";
import { previewExport } from "@/server/exports/preview";
import { getExportRun, listExportRuns, retryExportRun, startExport } from "@/server/exports/runs";
import { EXPORT_FORMATS, EXPORT_MODES, exportTemplateFields, startExportInput } from "@/server/exports/schemas";
import {
  createExportTemplate,
  deleteExportTemplate,
  getExportTemplate,
  listExportTemplates,
  serializeExportTemplate,
  updateExportTemplate,
} from "@/server/exports/templates";
import { EXPORT_PRESETS } from "@/server/templates/presets";
import { TEMPLATE_FILTERS } from "@/server/templates/liquid";
import { TEMPLATE_VARIABLES } from "@/server/templates/variables";
import { requirePermission, router } from "../init";

/**
 * Export templates (Liquid) and their runs. Editing templates needs "templates.manage"; running
 * an export reads and marks orders, so it needs "orders.write".
 */
const manage = requirePermission("templates.manage");
const run = requirePermission("orders.write");
const templateId = z.number().int().positive();

export const exportRouter = router({
  list: manage.query(({ ctx }) => listExportTemplates(ctx.scope)),
  /** Templates a person may start (names only), for the order list's Export menu. */
  runnable: run.query(async ({ ctx }) => (await listExportTemplates(ctx.scope)).map((t) => ({ id: t.id, name: t.name, destination: t.destination.kind }))),
  /** Names only, for the rule editor's "export with template" picker. */
  options: requirePermission("rules.manage").query(async ({ ctx }) => (await listExportTemplates(ctx.scope)).map((t) => ({ id: t.id, name: t.name }))),
  byId: manage.input(z.object({ templateId })).query(async ({ ctx, input }) => serializeExportTemplate(await getExportTemplate(ctx.scope, input.templateId))),
  help: manage.query(() => ({ presets: EXPORT_PRESETS, filters: TEMPLATE_FILTERS, variables: TEMPLATE_VARIABLES })),
  create: manage.input(z.object(exportTemplateFields)).mutation(({ ctx, input: { storeId: _s, ...template } }) => createExportTemplate(ctx.scope, template)),
  update: manage
    .input(z.object({ templateId, ...exportTemplateFields }))
    .mutation(({ ctx, input: { storeId: _s, templateId: id, ...template } }) => updateExportTemplate(ctx.scope, id, template)),
  delete: manage.input(z.object({ templateId })).mutation(({ ctx, input }) => deleteExportTemplate(ctx.scope, input.templateId)),
  preview: manage
    .input(
      z.object({
        body: z.string().max(200_000),
        filenamePattern: z.string().max(300),
        format: z.enum(EXPORT_FORMATS),
        mode: z.enum(EXPORT_MODES),
        orderIds: z.array(z.number().int().positive()).max(50).optional(),
        sample: z.number().int().min(1).max(20).default(3),
      }),
    )
    .mutation(({ ctx, input: { storeId: _s, orderIds, sample, ...template } }) => previewExport(ctx.scope, template, { orderIds, sample })),
  sendTest: manage.input(z.object({ templateId })).mutation(({ ctx, input }) => sendTestExport(ctx.scope, input.templateId)),
  start: run.input(startExportInput).mutation(({ ctx, input: { storeId: _s, ...request } }) => startExport(ctx.scope, request, "manual")),
  download: run.input(startExportInput).mutation(({ ctx, input: { storeId: _s, ...request } }) => downloadExport(ctx.scope, request)),
  runs: run
    .input(z.object({ templateId: templateId.optional(), limit: z.number().int().min(1).max(200).default(50) }))
    .query(({ ctx, input }) => listExportRuns(ctx.scope, input)),
  runById: run.input(z.object({ runId: z.number().int().positive() })).query(({ ctx, input }) => getExportRun(ctx.scope, input.runId)),
  retry: run.input(z.object({ runId: z.number().int().positive() })).mutation(({ ctx, input }) => retryExportRun(ctx.scope, input.runId)),
});
