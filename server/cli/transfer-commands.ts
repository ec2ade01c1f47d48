import { writeFile } from "node:fs/promises";
import { basename } from "node:path";
import type { Database } from "@/db/client";
import { env } from "@/server/env";
import { DomainError } from "@/server/errors";
import { deliverPart, planExport } from "@/server/exports/job";
import { renderExport } from "@/server/exports/render";
import { finishExportRun, getExportRun, markExported, startExport } from "@/server/exports/runs";
import { findExportTemplate } from "@/server/exports/templates";
import { IMPORT_TARGETS, type ImportTarget } from "@/server/imports/mapping";
import { importLocalFile, importReportRows } from "@/server/imports/service";
import { findImportTemplate } from "@/server/imports/templates";
import { ALL_PERMISSIONS } from "@/server/permissions";
import type { StoreScope } from "@/server/scope";
import { findStore, required, UsageError, type CommandOutput, type Options } from "./commands";

const operator = (db: Database, storeId: number): StoreScope => ({ db, storeId, actor: { kind: "system", name: "Operator CLI", permissions: ALL_PERMISSIONS } });
/** Failed rows printed before "... more"; skipped ones (a re-import skips every order) get a few. */
const REPORT_LINES = 50;
const SKIPPED_LINES = 5;

/**
 * `import --store S --type orders|inventory|shipments --file F [--template T] [--mode all_or_nothing]`:
 * the UI's import over a local file. With no template, a Shopify export is recognised and any
 * other file is mapped by its headers. Progress goes to stderr, the report to stdout.
 */
export async function importCommand(db: Database, options: Options, progress: (line: string) => void = () => undefined): Promise<CommandOutput> {
  const store = await findStore(db, required(options, "store"));
  const type = required(options, "type");
  if (!(IMPORT_TARGETS as readonly string[]).includes(type)) throw new UsageError(`--type must be one of ${IMPORT_TARGETS.join(", ")}.`);
  const path = required(options, "file");
  const mode = options.mode ?? "valid_rows";
  if (mode !== "valid_rows" && mode !== "all_or_nothing") throw new UsageError("--mode must be valid_rows or all_or_nothing.");
  const scope = operator(db, store.id);
  const template = options.template ? await findImportTemplate(scope, options.template) : undefined;
  if (template && template.target !== type) throw new UsageError(`The template "${template.name}" imports ${template.target}, not ${type}.`);
  let lastPercent = -1;
  const started = performance.now();
  const run = await importLocalFile(
    scope,
    { path, fileName: basename(path), target: type as ImportTarget, mapping: template?.mapping, templateId: template?.id, mode, maxBytes: env.IMPORT_MAX_MB * 1024 * 1024 },
    (r) => {
      const percent = r.fileBytes ? Math.floor((r.progressBytes / r.fileBytes) * 100) : 100;
      if (percent !== lastPercent && r.status !== "done") progress(`${r.status === "validating" ? "Checking" : "Importing"}: ${percent}% (${r.rowsRead} rows)`);
      lastPercent = percent;
    },
  );
  const problems = await importReportRows(scope, run.id, { offset: 0, limit: REPORT_LINES + 1, status: "failed" });
  const skipped = await importReportRows(scope, run.id, { offset: 0, limit: SKIPPED_LINES + 1, status: "skipped" });
  const linesOf = (r: { firstLine: number; lastLine: number }) => (r.firstLine === r.lastLine ? `line ${r.firstLine}` : `lines ${r.firstLine}-${r.lastLine}`);
  const detail = [...problems.slice(0, REPORT_LINES).map((r) => `  failed  ${linesOf(r)} ${r.reference}: ${r.reason}`), ...skipped.slice(0, SKIPPED_LINES).map((r) => `  skipped ${linesOf(r)} ${r.reference}: ${r.reason}`)];
  if (problems.length > REPORT_LINES || skipped.length > SKIPPED_LINES) detail.push(`  ... the full report is on the Imports page (import ${run.id})`);
  const seconds = (performance.now() - started) / 1000;
  // Ops scripts watch these: an import streams, so peak memory should not grow with the file.
  const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  const lines = [
    `Import ${run.id} of ${basename(path)} into store ${store.id} (${store.name}): ${run.status}`,
    `Rows read: ${run.rowsRead}   created: ${run.created}   updated: ${run.updated}   skipped: ${run.skipped}   failed: ${run.failed}`,
    `Took ${seconds.toFixed(1)} s (${Math.round(run.rowsRead / Math.max(seconds, 0.001))} rows/s), peak memory ${peakRssMb} MB`,
    ...(run.error ? [run.error] : []),
    ...detail,
  ];
  const data = { import_id: run.id, status: run.status, seconds: Number(seconds.toFixed(2)), peak_rss_mb: peakRssMb, rows: run.rowsRead, created: run.created, updated: run.updated, skipped: run.skipped, failed: run.failed, error: run.error };
  if (run.status === "failed") throw new CliFailure(lines, data);
  return { lines, data };
}

/** A command that ran but failed: its report is printed and the exit code is 1. */
export class CliFailure extends Error {
  constructor(
    readonly lines: string[],
    readonly data: Record<string, unknown>,
  ) {
    super(lines.join("\n"));
  }
}

/**
 * `export --store S --template T [--orders 1,2] [--again] [--out F]`: runs an export now, in this
 * process, exactly like the job does (claim, render, deliver, mark). A download template's file
 * is written to --out (or printed).
 */
export async function exportCommand(db: Database, options: Options): Promise<CommandOutput> {
  const store = await findStore(db, required(options, "store"));
  const scope = operator(db, store.id);
  const template = await findExportTemplate(scope, required(options, "template"));
  const orderIds = options.orders ? options.orders.split(",").map((s) => Number(s.trim())) : undefined;
  if (orderIds?.some((id) => !Number.isSafeInteger(id) || id <= 0)) throw new UsageError("--orders takes order ids separated by commas, e.g. --orders 12,13.");
  const started = await startExport(scope, { templateId: template.id, orderIds, includeExported: options.again === "true" }, "cli", { queue: false });
  if (started.runId === null) {
    return { lines: [`Nothing to export with "${template.name}": ${started.skipped ? `${started.skipped} orders were already exported by it (--again sends them again)` : "no orders are waiting"}.`], data: { run_id: null, orders: 0 } };
  }
  if (template.destination.kind === "download") {
    const [document] = await renderExport(scope, { ...template, mode: "batch" }, started.orderIds);
    if (options.out) await writeFile(options.out, document!.content);
    await markExported(scope, started.runId, document!.orderIds, [options.out ? `file ${options.out}` : "stdout"], template.moveToFolderId);
    await finishExportRun(scope, started.runId, { status: "delivered" });
    const head = `Exported ${document!.orderIds.length} orders with "${template.name}" (run ${started.runId})${options.out ? ` to ${options.out}` : ""}.`;
    return { lines: options.out ? [head] : [document!.content.toString("utf8")], data: { run_id: started.runId, orders: document!.orderIds.length, file: options.out ?? null } };
  }
  const plan = await planExport(scope, started.runId);
  const receipts: string[] = [];
  for (const part of plan.parts) {
    const outcome = await deliverPart(scope, started.runId, part, 0, 1);
    if (!outcome.ok) {
      await finishExportRun(scope, started.runId, { status: "failed", error: outcome.error });
      throw new DomainError("BAD_REQUEST", `Export run ${started.runId} failed: ${outcome.error} Orders not delivered stay unexported.`);
    }
    receipts.push(outcome.receipt);
  }
  await finishExportRun(scope, started.runId, { status: "delivered" });
  const run = await getExportRun(scope, started.runId);
  return {
    lines: [`Exported ${run.orderIds.length} orders with "${template.name}" (run ${run.id}):`, ...receipts.map((r) => `  ${r}`)],
    data: { run_id: run.id, orders: run.orderIds.length, delivered: receipts },
  };
}
