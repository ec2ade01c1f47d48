import { and, asc, desc, eq, sql } from "drizzle-orm";
import { folders, importRowResults, importRuns, orders, orderShipments, type ImportRun } from "@/db/schema";
import { jsonInsert } from "@/db/json-insert";
import { DomainError, notFound } from "@/server/errors";
import { adjustStock, upsertInventoryItems } from "@/server/inventory/service";
import { stockDecrementEnabled } from "@/server/inventory/stock";
import { logger } from "@/server/logger";
import { ingestOrders } from "@/server/orders/ingest";
import { addShipment } from "@/server/orders/service";
import { describeActor, type StoreScope } from "@/server/scope";
import { dropStoredFile, storeUploadedFile, withStoredFile } from "./file-store";
import { detectPreset, importMapping, suggestMapping, type ImportMapping, type ImportTarget } from "./mapping";
import { openTable, type OpenedTable } from "./read/open-table";
import { openSpool } from "./spool";
import { groupOrders, rowToInventory, rowToShipment, type ParsedInventory, type ParsedOrder, type ParsedShipment, type RowFailure } from "./rows";
import { getImportTemplate, saveImportTemplate } from "./templates";

/** Records written per transaction in the import pass (and per progress update). */
export const IMPORT_BATCH = 500;
/** A running import that has not reported progress for this long died with its server. */
const HEARTBEAT_STALE_MS = 120_000;

type ImportRecord = ParsedOrder | ParsedInventory | ParsedShipment | RowFailure;
type RowStatus = "created" | "updated" | "skipped" | "failed";
interface RowResult {
  firstLine: number;
  lastLine: number;
  status: RowStatus;
  reference: string;
  orderId?: number;
  reason?: string;
}

const inStore = (scope: StoreScope) => eq(importRuns.storeId, scope.storeId);
const linesOf = (r: ImportRecord) => ("lines" in r ? r.lines : [r.line]);
const referenceOf = (r: ImportRecord) =>
  r.kind === "order" ? r.key : r.kind === "inventory" ? r.item.code : r.kind === "shipment" ? r.shipment.tracking_number : (r.key ?? "");

async function* recordsOf(table: OpenedTable, mapping: ImportMapping): AsyncGenerator<ImportRecord> {
  if (mapping.target === "orders") {
    yield* groupOrders(table.rows(), table.headers, mapping);
    return;
  }
  for await (const row of table.rows()) {
    yield mapping.target === "inventory" ? rowToInventory(row, table.headers, mapping) : rowToShipment(row, table.headers, mapping);
  }
}

/** A run as the UI shows it: a running import whose server stopped reads as interrupted. */
export function serializeImportRun(run: ImportRun, now = Date.now()) {
  const running = run.status === "validating" || run.status === "importing";
  const stale = running && (run.heartbeatAt?.getTime() ?? run.createdAt.getTime()) < now - HEARTBEAT_STALE_MS;
  return {
    ...run,
    mapping: run.mapping as ImportMapping | null,
    status: stale ? ("interrupted" as const) : run.status,
    error: stale ? "The server running this import stopped. Import the file again: orders already imported are skipped, nothing is doubled." : run.error,
  };
}

export async function getImportRun(scope: StoreScope, runId: number) {
  const [run] = await scope.db.select().from(importRuns).where(and(inStore(scope), eq(importRuns.id, runId)));
  if (!run) throw notFound("Import");
  return run;
}

export async function listImportRuns(scope: StoreScope, limit = 20) {
  const rows = await scope.db.select().from(importRuns).where(inStore(scope)).orderBy(desc(importRuns.id)).limit(limit);
  return rows.map((r) => serializeImportRun(r));
}

/**
 * An uploaded file (already on disk, size-capped by the caller): opened to check it is a
 * readable spreadsheet, kept in the database, and answered with its columns and the mapping we
 * suggest (the given template's, a recognised layout's, or one guessed from the headers).
 */
export async function createImportUpload(
  scope: StoreScope,
  upload: { path: string; fileName: string; target: ImportTarget; templateId?: number; maxBytes: number },
) {
  const table = await openTable(upload.path, { fileName: upload.fileName, maxBytes: upload.maxBytes });
  const template = upload.templateId ? await getImportTemplate(scope, upload.templateId) : undefined;
  if (template && template.target !== upload.target) {
    throw new DomainError("BAD_REQUEST", `The template "${template.name}" imports ${template.target}, not ${upload.target}.`, { field: "templateId" });
  }
  const mapping = template?.mapping ?? suggestMapping(upload.target, table.headers);
  const [run] = await scope.db
    .insert(importRuns)
    .values({
      storeId: scope.storeId,
      target: upload.target,
      templateId: template?.id,
      fileName: upload.fileName.slice(0, 255),
      fileBytes: table.totalBytes,
      format: table.format,
      headers: table.headers,
      mapping,
      requestedBy: describeActor(scope.actor).label,
    })
    .returning();
  await storeUploadedFile(scope, run!.id, upload.path);
  const sample: string[][] = [];
  for await (const row of table.rows()) {
    sample.push(row.cells);
    if (sample.length >= 5) break;
  }
  return { run: serializeImportRun(run!), mapping, detected: detectPreset(table.headers), sample };
}

/** The first records of the file as they would be imported with `mapping`, nothing written. */
export async function previewImport(scope: StoreScope, runId: number, rawMapping: unknown, limit = 10) {
  const run = await getImportRun(scope, runId);
  const mapping = parseMapping(rawMapping, run.target);
  return withStoredFile(scope, runId, run.fileName, async (path) => {
    const table = await openTable(path, { fileName: run.fileName });
    const records: ImportRecord[] = [];
    for await (const record of recordsOf(table, mapping)) {
      records.push(record);
      if (records.length >= limit) break;
    }
    return { records };
  });
}

function parseMapping(raw: unknown, target: ImportTarget): ImportMapping {
  const parsed = importMapping.safeParse(raw);
  if (!parsed.success) throw new DomainError("BAD_REQUEST", parsed.error.issues[0]?.message ?? "The mapping is not valid.", { field: "mapping" });
  if (parsed.data.target !== target) throw new DomainError("BAD_REQUEST", `This file is being imported as ${target}; the mapping is for ${parsed.data.target}.`, { field: "mapping" });
  return parsed.data;
}

/**
 * Starts importing an uploaded file in the background and returns at once; the run's row shows
 * progress. Optionally saves the mapping as a named template first.
 */
export async function startImport(
  scope: StoreScope,
  runId: number,
  options: { mapping: unknown; mode: ImportRun["mode"]; saveAs?: string },
  onDone?: (error?: unknown) => void,
) {
  const run = await getImportRun(scope, runId);
  const mapping = parseMapping(options.mapping, run.target);
  const template = options.saveAs ? await saveImportTemplate(scope, { name: options.saveAs, mapping }) : undefined;
  const [claimed] = await scope.db
    .update(importRuns)
    .set({ status: "validating", mapping, mode: options.mode, templateId: template?.id ?? run.templateId, heartbeatAt: new Date() })
    .where(and(inStore(scope), eq(importRuns.id, runId), eq(importRuns.status, "uploaded")))
    .returning();
  if (!claimed) throw new DomainError("CONFLICT", "This file has already been imported; upload it again to import it again.");
  // Once on local disk the stored copy is no longer needed (an interrupted import is re-uploaded).
  void withStoredFile(scope, runId, run.fileName, async (path) => {
    await dropStoredFile(scope, runId);
    return processImport(scope, claimed, path);
  }).then(() => onDone?.(), (error: unknown) => {
      logger.error({ err: error, runId }, "import failed");
      onDone?.(error);
    });
  return serializeImportRun(claimed);
}

/**
 * The CLI's and the scheduled import's: the same passes over a local file, run to the end before
 * returning. `onCreated` runs once the run's row exists, before anything is read or written.
 */
export async function importLocalFile(
  scope: StoreScope,
  file: { path: string; fileName: string; target: ImportTarget; mapping?: ImportMapping; templateId?: number; mode: ImportRun["mode"]; maxBytes: number },
  onProgress?: (run: ImportRun) => void,
  hooks: { onCreated?: (run: ImportRun) => Promise<void> } = {},
) {
  const table = await openTable(file.path, { fileName: file.fileName, maxBytes: file.maxBytes });
  const mapping = file.mapping ?? suggestMapping(file.target, table.headers);
  const [run] = await scope.db
    .insert(importRuns)
    .values({
      storeId: scope.storeId,
      target: file.target,
      templateId: file.templateId,
      fileName: file.fileName.slice(0, 255),
      fileBytes: table.totalBytes,
      format: table.format,
      headers: table.headers,
      mapping,
      mode: file.mode,
      status: "validating",
      heartbeatAt: new Date(),
      requestedBy: describeActor(scope.actor).label,
    })
    .returning();
  await hooks.onCreated?.(run!);
  return processImport(scope, run!, file.path, onProgress);
}

/**
 * Two passes. The first reads the whole file, turns rows into records and keeps them in a spool
 * on local disk, writing nothing (but failures): a file that breaks halfway (a stray quote)
 * imports nothing, and "all or nothing" checks every record (format, mapping, the folders and
 * orders it names) and stops there if any failed. The second writes the spooled records in
 * batches through the same services as every other door, so a re-import creates nothing new.
 */
async function processImport(scope: StoreScope, run: ImportRun, path: string, onProgress?: (run: ImportRun) => void): Promise<ImportRun> {
  const mapping = importMapping.parse(run.mapping);
  const counts = { rowsRead: 0, created: 0, updated: 0, skipped: 0, failed: 0 };
  const pending: RowResult[] = [];
  const flushResults = async () => {
    if (pending.length === 0) return;
    const rows = pending.splice(0).map((r) => ({ ...r, runId: run.id, storeId: scope.storeId, reason: r.reason ?? "" }));
    await scope.db.execute(jsonInsert(importRowResults, rows));
  };
  const report = (result: RowResult) => {
    counts[result.status] += 1;
    pending.push(result);
  };
  const progress = async (status: ImportRun["status"], progressBytes: number) => {
    await flushResults();
    const [row] = await scope.db
      .update(importRuns)
      .set({ status, progressBytes, ...counts, heartbeatAt: new Date() })
      .where(and(inStore(scope), eq(importRuns.id, run.id)))
      .returning();
    if (row) onProgress?.(row);
  };
  const finish = async (status: ImportRun["status"], error: string | null) => {
    await flushResults();
    const [row] = await scope.db
      .update(importRuns)
      .set({ status, ...counts, error, finishedAt: new Date(), heartbeatAt: new Date() })
      .where(and(inStore(scope), eq(importRuns.id, run.id)))
      .returning();
    onProgress?.(row!);
    return row!;
  };

  const checkFirst = run.mode === "all_or_nothing";
  const references = new ReferenceCheck(scope);
  const spool = await openSpool<ImportRecord>(reviveRecord);
  try {
    // Pass 1: read and check. "All or nothing" checks every record against the database here;
    // "valid rows" does that as it writes, so a record is checked against what is there then.
    try {
      const table = await openTable(path, { fileName: run.fileName });
      let sinceProgress = 0;
      for await (const record of recordsOf(table, mapping)) {
        const lines = linesOf(record);
        counts.rowsRead += lines.length;
        const problem = !checkFirst ? null : record.kind === "failure" ? record.reason : await references.problemOf(record);
        if (problem !== null) report({ firstLine: lines[0]!, lastLine: lines.at(-1)!, status: "failed", reference: referenceOf(record), reason: problem });
        else await spool.write(record);
        if (++sinceProgress >= IMPORT_BATCH) {
          sinceProgress = 0;
          await progress("validating", table.bytesRead());
        }
      }
    } catch (error) {
      if (error instanceof DomainError) return await finish("failed", `${error.message} Nothing was imported.`);
      throw error;
    }
    if (counts.rowsRead === 0) return await finish("failed", "The file has a header but no rows. Nothing was imported.");
    if (checkFirst && counts.failed > 0) {
      return await finish("failed", `${counts.failed} ${counts.failed === 1 ? "row" : "rows"} failed the checks, so nothing was imported (all or nothing). Fix them and import again.`);
    }

    // Pass 2: write, in batches; the next batch is read while the last ones are written.
    await progress("importing", 0);
    const read = { fraction: 0 };
    let batch: ImportRecord[] = [];
    let lastLine = 0;
    const writers = await concurrentWriters(scope, mapping.target);
    const writing: Promise<void>[] = [];
    const write = async (records: ImportRecord[]) => {
      if (writing.length >= writers) await writing.shift();
      const next = writeBatch(scope, run, records, report);
      // Surface a failed write at the next await, not as an unhandled rejection.
      next.catch(() => undefined);
      writing.push(next);
    };
    try {
      for await (const record of spool.read(read)) {
        const lines = linesOf(record);
        lastLine = lines[0]!;
        if (!checkFirst) {
          const problem = record.kind === "failure" ? record.reason : await references.problemOf(record);
          if (problem !== null) {
            report({ firstLine: lines[0]!, lastLine: lines.at(-1)!, status: "failed", reference: referenceOf(record), reason: problem });
            continue;
          }
        }
        batch.push(record);
        if (batch.length >= IMPORT_BATCH) {
          await write(batch);
          batch = [];
          await progress("importing", Math.round(run.fileBytes * read.fraction));
        }
      }
      await write(batch);
      await Promise.all(writing);
    } catch (error) {
      await Promise.allSettled(writing);
      logger.error({ err: error, runId: run.id }, "import stopped");
      const message = error instanceof Error ? error.message : String(error);
      return await finish(
        "failed",
        `Stopped near line ${lastLine}: ${message} ${counts.created + counts.updated} records were written before; importing the file again is safe (nothing is doubled).`,
      );
    }
    return await finish("done", null);
  } finally {
    await spool.drop();
  }
}

/**
 * Batches written at once. Orders go two at a time (the database then works on both cores while
 * this process reads the next batch); batches of orders that take stock, of inventory or of
 * shipments go one by one, as two of them could lock the same items in opposite orders.
 */
async function concurrentWriters(scope: StoreScope, target: ImportTarget): Promise<number> {
  return target === "orders" && !(await stockDecrementEnabled(scope.db, scope.storeId)) ? 2 : 1;
}

/** JSON turns an order's date into a string; the services take a Date. */
function reviveRecord(record: ImportRecord): ImportRecord {
  if (record.kind === "order" && typeof record.input.date_added === "string") record.input.date_added = new Date(record.input.date_added);
  return record;
}

async function writeBatch(scope: StoreScope, run: ImportRun, batch: ImportRecord[], report: (r: RowResult) => void) {
  if (batch.length === 0) return;
  const lines = (r: ImportRecord) => ({ firstLine: linesOf(r)[0]!, lastLine: linesOf(r).at(-1)!, reference: referenceOf(r) });
  if (batch[0]!.kind === "order") {
    const parsed = batch as ParsedOrder[];
    const results = await ingestOrders(scope, parsed.map((p) => p.input), { via: `Imported from ${run.fileName}` });
    results.forEach((result, i) =>
      report(
        result.created
          ? { ...lines(parsed[i]!), status: "created", orderId: result.orderId }
          : { ...lines(parsed[i]!), status: "skipped", orderId: result.orderId, reason: `Already in the store as order ${result.orderId}; nothing changed.` },
      ),
    );
    return;
  }
  if (batch[0]!.kind === "inventory") {
    const parsed = batch as ParsedInventory[];
    const adjust = parsed.map((p) => (p.stockMode === "adjust" ? (p.item.stock ?? 0) : null));
    const items = parsed.map((p, i) => (adjust[i] === null ? p.item : { ...p.item, stock: undefined }));
    const results = await upsertInventoryItems(scope, items);
    for (const [i, result] of results.entries()) {
      if (result.status === "error") {
        report({ ...lines(parsed[i]!), status: "failed", reason: result.message });
        continue;
      }
      const delta = adjust[i];
      if (delta) await adjustStock(scope, result.item.id, delta);
      report({ ...lines(parsed[i]!), status: result.status });
    }
    return;
  }
  for (const record of batch as ParsedShipment[]) {
    const order = await findOrder(scope, record.order);
    if ("problem" in order) {
      report({ ...lines(record), status: "failed", reason: order.problem });
      continue;
    }
    const tracking = record.shipment.tracking_number;
    if (tracking) {
      const [existing] = await scope.db
        .select({ id: orderShipments.id })
        .from(orderShipments)
        .where(and(eq(orderShipments.storeId, scope.storeId), eq(orderShipments.orderId, order.id), eq(orderShipments.trackingNumber, tracking)))
        .limit(1);
      if (existing) {
        report({ ...lines(record), status: "skipped", orderId: order.id, reason: `Order ${order.id} already has shipment ${tracking}.` });
        continue;
      }
    }
    await addShipment(scope, order.id, record.shipment);
    report({ ...lines(record), status: "created", orderId: order.id });
  }
}

async function findOrder(scope: StoreScope, ref: { id: number } | { source_id: string }): Promise<{ id: number } | { problem: string }> {
  const rows = await scope.db
    .select({ id: orders.id })
    .from(orders)
    .where(and(eq(orders.storeId, scope.storeId), "id" in ref ? eq(orders.id, ref.id) : eq(orders.sourceId, ref.source_id)))
    .limit(2);
  const label = "id" in ref ? `order ${ref.id}` : `an order with source id "${ref.source_id}"`;
  if (rows.length === 0) return { problem: `This store has no ${label}.` };
  if (rows.length > 1) return { problem: `Several orders have source id "${"source_id" in ref ? ref.source_id : ""}"; match by order id instead.` };
  return rows[0]!;
}

/** The database checks on each record, cached: the folders orders name and the orders shipments name. */
class ReferenceCheck {
  private folderIds = new Set<number>();
  private folderNames = new Set<string>();
  private loaded = false;
  constructor(private readonly scope: StoreScope) {}

  async problemOf(record: ParsedOrder | ParsedInventory | ParsedShipment): Promise<string | null> {
    if (record.kind === "order") {
      const { folder_id, folder_name } = record.input;
      if (folder_id === undefined && !folder_name) return null;
      await this.loadFolders();
      if (folder_id !== undefined && !this.folderIds.has(folder_id)) return `This store has no folder ${folder_id}.`;
      if (folder_name && !this.folderNames.has(folder_name.toLowerCase())) return `This store has no folder "${folder_name}".`;
      return null;
    }
    if (record.kind === "shipment") {
      const found = await findOrder(this.scope, record.order);
      return "problem" in found ? found.problem : null;
    }
    return null;
  }

  private async loadFolders() {
    if (this.loaded) return;
    const rows = await this.scope.db.select({ id: folders.id, name: folders.name }).from(folders).where(eq(folders.storeId, this.scope.storeId));
    for (const row of rows) {
      this.folderIds.add(row.id);
      this.folderNames.add(row.name.toLowerCase());
    }
    this.loaded = true;
  }
}

/** The report, a page at a time (the UI) or all of it (the CSV download), in file order. */
export async function importReportRows(scope: StoreScope, runId: number, page: { offset: number; limit: number; status?: RowStatus }) {
  await getImportRun(scope, runId);
  return scope.db
    .select()
    .from(importRowResults)
    .where(
      and(
        eq(importRowResults.storeId, scope.storeId),
        eq(importRowResults.runId, runId),
        page.status ? eq(importRowResults.status, page.status) : undefined,
      ),
    )
    .orderBy(asc(importRowResults.firstLine), asc(importRowResults.id))
    .offset(page.offset)
    .limit(page.limit);
}

export async function importReportCounts(scope: StoreScope, runId: number) {
  const rows = await scope.db
    .select({ status: importRowResults.status, count: sql<number>`count(*)::int` })
    .from(importRowResults)
    .where(and(eq(importRowResults.storeId, scope.storeId), eq(importRowResults.runId, runId)))
    .groupBy(importRowResults.status);
  return Object.fromEntries(rows.map((r) => [r.status, r.count]));
}

