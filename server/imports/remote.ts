import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CronExpressionParser } from "cron-parser";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { importRemoteFiles, importRuns, importTemplates, type ImportRemoteFile, type ImportRun, type ImportTemplate } from "@/db/schema";
import { auditAs } from "@/server/audit/service";
import { isPermanentFailure, messageOf } from "@/server/delivery/errors";
import { downloadFtpFile, finishFtpFile, listFtpFiles } from "@/server/delivery/ftp";
import { downloadTimeout, type RemoteFile } from "@/server/delivery/remote-files";
import { downloadSftpFile, finishSftpFile, listSftpFiles } from "@/server/delivery/sftp";
import { env } from "@/server/env";
import { DomainError, notFound } from "@/server/errors";
import { ALL_PERMISSIONS } from "@/server/permissions";
import { assertPublicHost } from "@/server/rules/webhook";
import type { StoreScope } from "@/server/scope";
import { importMapping, type ImportMapping } from "./mapping";
import { importLocalFile, serializeImportRun } from "./service";
import { describeSource, openSource, sealSource, type ImportScheduleInput, type ImportSource } from "./sources";
import { getImportTemplateRow, serializeImportTemplate } from "./templates";

/**
 * Scheduled imports: a template with a source fetches the files of an FTP/SFTP folder that match
 * its pattern and imports each with its mapping, like an upload. Each file is remembered (by
 * name, size and modification time) in import_remote_files, whose row is also the claim, so a
 * retry, a second server or "Check now" at the same moment never imports a file twice.
 */

/** A file modified this recently may still be being written: it waits for the next check. */
export const SETTLE_MS = 30_000;
/** How long a claim on a file outlives the download's own timeout (then another check may take it). */
const LEASE_MARGIN_MS = 60_000;
/** An import started this long ago whose run row never appeared died with its server. */
const ORPHAN_MS = 10 * 60_000;
const PRIVATE_HOST_RULE = "imports may only fetch from servers on the internet (or hosts in WEBHOOK_ALLOWED_HOSTS)";

export const importScope = (db: Database, storeId: number): StoreScope => ({
  db,
  storeId,
  actor: { kind: "system", name: "Scheduled import", permissions: ALL_PERMISSIONS },
});

const maxImportBytes = () => env.IMPORT_MAX_MB * 1024 * 1024;

const listFiles = (s: ImportSource) => (s.kind === "ftp" ? listFtpFiles(s, s.pattern) : listSftpFiles(s, s.pattern));
const downloadFile = (s: ImportSource, file: RemoteFile, path: string) =>
  s.kind === "ftp" ? downloadFtpFile(s, file.name, path, maxImportBytes(), file.size) : downloadSftpFile(s, file.name, path, maxImportBytes(), file.size);
const finishFile = (s: ImportSource, name: string, action: "move" | "delete") => (s.kind === "ftp" ? finishFtpFile(s, name, action) : finishSftpFile(s, name, action));

function checkCron(schedule: string) {
  try {
    CronExpressionParser.parse(schedule);
  } catch {
    throw new DomainError("BAD_REQUEST", 'Not a valid schedule; use cron such as "*/15 * * * *" (every 15 minutes) or "0 6 * * *" (every day at 06:00).', { field: "schedule" });
  }
}

/** Sets (or with `source: null` clears) where a template fetches from, when, and how it imports. */
export async function setImportSource(scope: StoreScope, templateId: number, input: ImportScheduleInput) {
  const previous = await getImportTemplateRow(scope, templateId);
  const schedule = input.schedule || null;
  if (schedule) {
    if (!input.source) throw new DomainError("BAD_REQUEST", "A schedule needs a server to fetch from.", { field: "schedule" });
    checkCron(schedule);
  }
  let source: Record<string, unknown> | null = null;
  if (input.source) {
    await assertPublicHost(input.source.host, env.WEBHOOK_ALLOWED_HOSTS, PRIVATE_HOST_RULE, "source.host");
    source = sealSource(input.source, previous.source);
    if (source.kind === "sftp" && !source.password && !source.privateKey) {
      throw new DomainError("BAD_REQUEST", "Enter the password or paste a private key.", { field: "source.password" });
    }
  }
  const [row] = await scope.db
    .update(importTemplates)
    .set({ source, schedule: source ? schedule : null, mode: input.mode, lastError: null, updatedAt: new Date() })
    .where(and(eq(importTemplates.storeId, scope.storeId), eq(importTemplates.id, templateId)))
    .returning();
  if (!row) throw notFound("Import template");
  await auditAs(scope, scope.db, "import_template.source_updated", {
    templateId: row.id,
    name: row.name,
    source: input.source ? describeSource(input.source) : null,
    schedule: row.schedule,
  });
  return serializeImportTemplate(row);
}

export interface CheckResult {
  /** Matching files the folder held. */
  files: number;
  imported: { fileName: string; runId: number; status: ImportRun["status"] }[];
  /** Files modified in the last moments, left for the next check. */
  waiting: string[];
  /** One sentence per file that needs the person (also saved as the template's last error). */
  problems: string[];
}

/**
 * Lists the template's folder and imports each matching file it has not imported yet, then moves
 * or deletes it as set. A failure to reach the server throws (the caller retries or shows it);
 * a problem with one file is reported in `problems` and the other files go on. Either way the
 * template's last check time and last error are updated.
 */
export async function checkImportSource(scope: StoreScope, templateId: number, options: { now?: () => Date } = {}): Promise<CheckResult> {
  const now = options.now ?? (() => new Date());
  const template = await getImportTemplateRow(scope, templateId);
  if (!template.source) throw new DomainError("BAD_REQUEST", "This template has no server to fetch from; set one first.", { field: "source" });
  const checkedAt = now();
  const result: CheckResult = { files: 0, imported: [], waiting: [], problems: [] };
  try {
    const source = openSource(template.source);
    await assertPublicHost(source.host, env.WEBHOOK_ALLOWED_HOSTS, PRIVATE_HOST_RULE, "source.host");
    const mapping = importMapping.parse(template.mapping);
    const files = await listFiles(source);
    result.files = files.length;
    const known = await knownFiles(scope, template.id, files);
    for (const file of files) {
      const row = known.get(keyOf(file));
      if (row?.status === "done") {
        // A file that could not be imported stays on the server: keep saying why until it goes.
        if (row.error) result.problems.push(row.error);
        continue;
      }
      if (row?.status === "importing" && !(await recoverImporting(scope, row, result))) continue;
      const age = file.modifiedAt ? now().getTime() - file.modifiedAt.getTime() : Infinity;
      if (age >= 0 && age < SETTLE_MS) {
        result.waiting.push(file.name);
        continue;
      }
      await fetchFile(scope, template, source, mapping, file, now, result);
    }
  } catch (error) {
    await noteCheck(scope, templateId, checkedAt, [...result.problems, messageOf(error)]);
    throw error;
  }
  await noteCheck(scope, templateId, checkedAt, result.problems);
  return result;
}

/**
 * The scheduled job's step: a transient failure (server down, timeout) throws so the engine
 * retries with backoff; a permanent one (wrong password, refused host) or the last attempt is
 * returned, already saved on the template for the person to see.
 */
export async function runScheduledCheck(scope: StoreScope, templateId: number, attempt: number, maxAttempts: number) {
  try {
    const result = await checkImportSource(scope, templateId);
    return { ok: true as const, imported: result.imported.length, problems: result.problems.length };
  } catch (error) {
    // Deleted since it was found due: nothing to fetch.
    if (error instanceof DomainError && error.code === "NOT_FOUND") return { ok: true as const, imported: 0, problems: 0 };
    if (isPermanentFailure(error) || attempt + 1 >= maxAttempts) return { ok: false as const, error: messageOf(error) };
    throw error;
  }
}

async function noteCheck(scope: StoreScope, templateId: number, checkedAt: Date, problems: string[]) {
  await scope.db
    .update(importTemplates)
    .set({ lastCheckedAt: checkedAt, lastError: problems.length ? problems.join("\n").slice(0, 4000) : null })
    .where(and(eq(importTemplates.storeId, scope.storeId), eq(importTemplates.id, templateId)));
}

const keyOf = (f: { name: string; size: number; modified: string }) => JSON.stringify([f.name, f.size, f.modified]);

/** What this template already knows about the listed files, one query per thousand names. */
async function knownFiles(scope: StoreScope, templateId: number, files: RemoteFile[]) {
  const known = new Map<string, ImportRemoteFile>();
  const names = [...new Set(files.map((f) => f.name))];
  for (let i = 0; i < names.length; i += 1000) {
    const rows = await scope.db
      .select()
      .from(importRemoteFiles)
      .where(and(eq(importRemoteFiles.storeId, scope.storeId), eq(importRemoteFiles.templateId, templateId), inArray(importRemoteFiles.fileName, names.slice(i, i + 1000))));
    for (const row of rows) known.set(keyOf({ name: row.fileName, size: row.fileSize, modified: row.modified }), row);
  }
  return known;
}

const inRow = (scope: StoreScope, id: number) => and(eq(importRemoteFiles.storeId, scope.storeId), eq(importRemoteFiles.id, id));

/**
 * Claims a file for this check: a new one, one whose download failed, one waiting to be moved
 * ("imported"), or one whose claim lapsed. Null when another check holds it or it is past that.
 */
async function claimFile(scope: StoreScope, templateId: number, file: RemoteFile, now: Date, leaseMs: number) {
  const token = randomBytes(12).toString("base64url");
  const until = new Date(now.getTime() + leaseMs);
  const f = importRemoteFiles;
  const [claimed] = await scope.db
    .insert(f)
    .values({ storeId: scope.storeId, templateId, fileName: file.name, fileSize: file.size, modified: file.modified, status: "downloading", claimToken: token, claimedUntil: until })
    .onConflictDoUpdate({
      target: [f.templateId, f.fileName, f.fileSize, f.modified],
      set: {
        status: sql`case when ${f.status} = 'imported' then 'imported' else 'downloading' end`,
        claimToken: token,
        claimedUntil: until,
        updatedAt: now,
      },
      setWhere: sql`${f.storeId} = ${scope.storeId} and ${f.status} in ('failed', 'downloading', 'imported') and (${f.claimedUntil} is null or ${f.claimedUntil} < ${now.toISOString()}::timestamptz)`,
    })
    .returning({ id: f.id, status: f.status, runId: f.runId });
  return claimed ? { ...claimed, token } : null;
}

type Claim = NonNullable<Awaited<ReturnType<typeof claimFile>>>;

/** Ends the claim with the row in `status` (a failed download is "failed": the next check tries again). */
async function settleFile(scope: StoreScope, claim: Claim, status: "failed" | "imported" | "done", error: string | null) {
  await scope.db
    .update(importRemoteFiles)
    .set({ status, error, claimToken: null, claimedUntil: null, updatedAt: new Date() })
    .where(and(inRow(scope, claim.id), eq(importRemoteFiles.claimToken, claim.token)));
}

async function fetchFile(
  scope: StoreScope,
  template: ImportTemplate,
  source: ImportSource,
  mapping: ImportMapping,
  file: RemoteFile,
  now: () => Date,
  result: CheckResult,
) {
  const claim = await claimFile(scope, template.id, file, now(), downloadTimeout(file.size) + LEASE_MARGIN_MS);
  if (!claim) return;
  if (claim.status === "imported") return finishImported(scope, source, file, claim, result);

  if (file.size > maxImportBytes()) {
    const message = `${file.name}: the file is larger than the largest import (${env.IMPORT_MAX_MB} MB); it was left on the server.`;
    await settleFile(scope, claim, "done", message);
    result.problems.push(message);
    return;
  }
  const dir = await mkdtemp(join(tmpdir(), "switchyard-fetch-"));
  try {
    const path = join(dir, "download");
    try {
      await downloadFile(source, file, path);
    } catch (error) {
      await settleFile(scope, claim, "failed", messageOf(error));
      if (!isPermanentFailure(error)) throw error;
      result.problems.push(`${file.name}: ${messageOf(error)}`);
      return;
    }
    // From here on the file counts as imported: a retry never starts it again.
    const [started] = await scope.db
      .update(importRemoteFiles)
      .set({ status: "importing", updatedAt: new Date() })
      .where(and(inRow(scope, claim.id), eq(importRemoteFiles.claimToken, claim.token), eq(importRemoteFiles.status, "downloading")))
      .returning({ id: importRemoteFiles.id });
    if (!started) return;
    let run: ImportRun;
    try {
      run = await importLocalFile(
        scope,
        { path, fileName: file.name, target: template.target, mapping, templateId: template.id, mode: template.mode, maxBytes: maxImportBytes() },
        undefined,
        { onCreated: (created) => scope.db.update(importRemoteFiles).set({ runId: created.id }).where(inRow(scope, claim.id)).then(() => undefined) },
      );
    } catch (error) {
      // Not a readable spreadsheet (or the database failed mid-way): not tried again until the file changes.
      const message = `${file.name}: ${messageOf(error)} The file was left on the server.`;
      await settleFile(scope, claim, "done", message);
      if (!(error instanceof DomainError)) throw error;
      result.problems.push(message);
      return;
    }
    result.imported.push({ fileName: file.name, runId: run.id, status: run.status });
    if (run.status !== "done") {
      const message = `${file.name}: ${run.error ?? "the import failed."} The file was left on the server; a changed file is imported again.`;
      await settleFile(scope, claim, "done", message);
      result.problems.push(message);
      return;
    }
    // Keep the claim while the file is moved; a crash here leaves it "imported", moved next time.
    await scope.db
      .update(importRemoteFiles)
      .set({ status: "imported", runId: run.id, updatedAt: new Date() })
      .where(and(inRow(scope, claim.id), eq(importRemoteFiles.claimToken, claim.token)));
    await finishImported(scope, source, file, claim, result);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Moves or deletes an imported file on the server (or leaves it, remembered as imported). */
async function finishImported(scope: StoreScope, source: ImportSource, file: RemoteFile, claim: Claim, result: CheckResult) {
  if (source.afterImport === "leave") return settleFile(scope, claim, "done", null);
  try {
    await finishFile(source, file.name, source.afterImport);
  } catch (error) {
    const message = `${file.name} was imported but could not be ${source.afterImport === "move" ? "moved to processed/" : "deleted"}: ${messageOf(error)} It will not be imported again; moving it is tried at the next check.`;
    await settleFile(scope, claim, "imported", message);
    if (!isPermanentFailure(error)) throw error;
    result.problems.push(message);
    return;
  }
  await settleFile(scope, claim, "done", null);
}

/**
 * A file left "importing" by an earlier check: still running elsewhere (skipped), finished before
 * its check stopped (true: it goes on to be moved), or stopped with its server (left on the server
 * and said so; never started again, so nothing is imported twice).
 */
async function recoverImporting(scope: StoreScope, row: ImportRemoteFile, result: CheckResult): Promise<boolean> {
  const run = row.runId ? (await scope.db.select().from(importRuns).where(and(eq(importRuns.storeId, scope.storeId), eq(importRuns.id, row.runId))))[0] : undefined;
  const status = run ? serializeImportRun(run).status : row.updatedAt.getTime() < Date.now() - ORPHAN_MS ? "interrupted" : "importing";
  const settle = async (next: "imported" | "done", error: string | null) =>
    (
      await scope.db
        .update(importRemoteFiles)
        .set({ status: next, error, updatedAt: new Date() })
        .where(and(inRow(scope, row.id), eq(importRemoteFiles.status, "importing")))
        .returning({ id: importRemoteFiles.id })
    ).length > 0;
  if (status === "done") return settle("imported", null);
  if (status === "failed") {
    const message = `${row.fileName}: ${run?.error ?? "the import failed."} The file was left on the server; a changed file is imported again.`;
    if (await settle("done", message)) result.problems.push(message);
    return false;
  }
  if (status !== "interrupted") return false;
  const message = `${row.fileName}: the import stopped when the server running it stopped; the file was left on the server. Import it by hand (orders already imported are skipped).`;
  if (await settle("done", message)) result.problems.push(message);
  return false;
}
