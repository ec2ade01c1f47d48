import { z } from "zod";
import { IMPORT_FIELDS, IMPORT_TARGETS, TRANSFORMS } from "@/server/imports/mapping";
import { getImportRun, importReportCounts, importReportRows, listImportRuns, previewImport, serializeImportRun, startImport } from "@/server/imports/service";
import { deleteImportTemplate, listImportTemplates, saveImportTemplate } from "@/server/imports/templates";
import { checkImportSource, setImportSource } from "@/server/imports/remote";
import { importScheduleFields } from "@/server/imports/sources";
import { env } from "@/server/env";
import { requirePermission, router } from "../init";

/**
 * Imports (files are uploaded to /api/stores/:id/imports; everything after goes through here)
 * and saved import templates. Importing writes orders, stock and shipments the way the
 * template says, so all of it needs "templates.manage".
 */
const manage = requirePermission("templates.manage");
const runId = z.number().int().positive();
const templateId = z.number().int().positive();

export const importRouter = router({
  fields: manage.query(() => ({ fields: IMPORT_FIELDS, transforms: TRANSFORMS, maxUploadBytes: env.IMPORT_MAX_MB * 1024 * 1024 })),
  templates: manage
    .input(z.object({ target: z.enum(IMPORT_TARGETS).optional() }))
    .query(({ ctx, input }) => listImportTemplates(ctx.scope, input.target)),
  saveTemplate: manage
    .input(z.object({ name: z.string().trim().min(1, "Give the template a name.").max(100), mapping: z.unknown() }))
    .mutation(({ ctx, input }) => saveImportTemplate(ctx.scope, input)),
  deleteTemplate: manage.input(z.object({ templateId })).mutation(({ ctx, input }) => deleteImportTemplate(ctx.scope, input.templateId)),
  /** Where the template fetches files from (FTP/SFTP folder), on which schedule, in which mode; `source: null` stops it. */
  setSource: manage
    .input(z.object({ templateId, ...importScheduleFields }))
    .mutation(({ ctx, input: { storeId: _s, templateId: id, ...schedule } }) => setImportSource(ctx.scope, id, schedule)),
  /** Fetches the template's folder now, as its schedule would; answers what was imported. */
  checkNow: manage.input(z.object({ templateId })).mutation(({ ctx, input }) => checkImportSource(ctx.scope, input.templateId)),
  runs: manage.input(z.object({ limit: z.number().int().min(1).max(100).default(20) })).query(({ ctx, input }) => listImportRuns(ctx.scope, input.limit)),
  run: manage.input(z.object({ runId })).query(async ({ ctx, input }) => serializeImportRun(await getImportRun(ctx.scope, input.runId))),
  preview: manage.input(z.object({ runId, mapping: z.unknown() })).mutation(({ ctx, input }) => previewImport(ctx.scope, input.runId, input.mapping)),
  start: manage
    .input(
      z.object({
        runId,
        mapping: z.unknown(),
        mode: z.enum(["valid_rows", "all_or_nothing"]).default("valid_rows"),
        saveAs: z.string().trim().max(100).optional(),
      }),
    )
    .mutation(({ ctx, input }) => startImport(ctx.scope, input.runId, { mapping: input.mapping, mode: input.mode, saveAs: input.saveAs || undefined })),
  report: manage
    .input(
      z.object({
        runId,
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(500).default(100),
        status: z.enum(["created", "updated", "skipped", "failed"]).optional(),
      }),
    )
    .query(async ({ ctx, input }) => ({
      rows: await importReportRows(ctx.scope, input.runId, input),
      counts: await importReportCounts(ctx.scope, input.runId),
    })),
});
