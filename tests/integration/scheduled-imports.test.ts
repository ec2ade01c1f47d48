import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { and, desc, eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { importRemoteFiles, importRuns, importTemplates, jobRuns, orders } from "@/db/schema";
import { OutboxDispatcher } from "@/server/events/dispatcher";
import { jobEventOf } from "@/server/events/engine";
import type { ImportMapping } from "@/server/imports/mapping";
import { checkImportSource } from "@/server/imports/remote";
import { saveImportTemplate } from "@/server/imports/templates";
import { EmbeddedEngine } from "@/server/inngest/embedded-engine";
import { createJobDefinitions } from "@/server/inngest/functions";
import { ALL_PERMISSIONS } from "@/server/permissions";
import type { StoreScope } from "@/server/scope";
import { isSealedSecret } from "@/server/secrets/secret-box";
import { newUser } from "../helpers/actors";
import { createTestDatabase } from "../helpers/database";
import { startFtpServer, type FtpServer } from "../helpers/ftp-server";
import { startSftpServer, type SftpServer } from "../helpers/sftp-server";
import { outcome } from "../helpers/trpc-errors";

/** Lets a test stop the FTP server between listing the folder and downloading a file (a server that dies mid-check). */
const ftpHooks = vi.hoisted(() => ({ beforeDownload: undefined as undefined | (() => Promise<void>) }));
vi.mock("@/server/delivery/ftp", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/server/delivery/ftp")>();
  return {
    ...original,
    downloadFtpFile: async (...args: Parameters<typeof original.downloadFtpFile>) => {
      const hook = ftpHooks.beforeDownload;
      ftpHooks.beforeDownload = undefined;
      await hook?.();
      return original.downloadFtpFile(...args);
    },
  };
});

let handle: DatabaseHandle;
let owner: Awaited<ReturnType<typeof newUser>>;
let storeId: number;
let engine: EmbeddedEngine;
let dispatcher: OutboxDispatcher;
let clock = Date.parse("2026-03-02T10:00:00Z");
let ftp: FtpServer;
let sftp: SftpServer;

beforeAll(async () => {
  handle = await createTestDatabase();
  owner = await newUser(handle.db, "scheduled-importer");
  storeId = (await owner.caller.store.create({ name: "Scheduled imports" })).id;
  engine = new EmbeddedEngine(handle.db, createJobDefinitions({ db: async () => handle.db }), { now: () => new Date(clock) });
  dispatcher = new OutboxDispatcher(handle.db, (row) => engine.enqueue(jobEventOf(row), row.storeId));
  [ftp, sftp] = await Promise.all([startFtpServer(), startSftpServer()]);
});
afterAll(async () => {
  await ftp?.stop();
  await sftp?.stop();
  for (const server of [ftp, sftp]) if (server) rmSync(server.root, { recursive: true, force: true });
  await handle?.close();
});
// A template left scheduled would be fetched by the next test's ticks too.
afterEach(async () => {
  ftpHooks.beforeDownload = undefined;
  await handle.db.update(importTemplates).set({ schedule: null }).where(eq(importTemplates.storeId, storeId));
});

const scope = (): StoreScope => ({ db: handle.db, storeId, actor: { kind: "system", name: "test", permissions: ALL_PERMISSIONS } });

async function settle(advanceMs = 0) {
  clock += advanceMs;
  for (let i = 0; i < 30; i++) {
    const delivered = await dispatcher.drain();
    const executed = await engine.drain();
    if (delivered === 0 && executed === 0) return;
  }
  throw new Error("the engine did not settle");
}

/** The next minute starts: cron jobs are due, the engine runs them. */
async function nextMinute() {
  clock = Math.floor(clock / 60_000) * 60_000 + 60_000 + 5_000;
  await engine.enqueueCron();
  await settle();
}

const mapping: ImportMapping = {
  target: "orders",
  orderKeyColumn: "Order Number",
  fields: { source_id: { column: "Order Number" }, email: { column: "Email" }, "item.code": { column: "SKU" }, "item.quantity": { column: "Qty" } },
};
const csv = (...rows: string[]) => `Order Number,Email,SKU,Qty\n${rows.join("\n")}\n`;

/** Writes a file into the server's folder as a partner would, modified `ageMs` ago (older than the settling time). */
function drop(root: string, folder: string, name: string, content: string, ageMs = 120_000) {
  mkdirSync(join(root, folder), { recursive: true });
  const path = join(root, folder, name);
  writeFileSync(path, content);
  const when = new Date(Date.now() - ageMs);
  utimesSync(path, when, when);
  return path;
}

let counter = 0;
async function template(source: Record<string, unknown>, options: { schedule?: string | null; mode?: "valid_rows" | "all_or_nothing" } = {}) {
  counter += 1;
  const saved = await saveImportTemplate(scope(), { name: `Partner feed ${counter}`, mapping });
  await owner.caller.import.setSource({
    storeId,
    templateId: saved.id,
    source: source as never,
    schedule: options.schedule === undefined ? "* * * * *" : options.schedule,
    mode: options.mode ?? "valid_rows",
  });
  return saved.id;
}

const ftpSource = (directory: string, overrides: Record<string, unknown> = {}) => ({
  kind: "ftp",
  host: "127.0.0.1",
  port: ftp.port,
  username: ftp.username,
  password: ftp.password,
  secure: "none",
  directory,
  pattern: "*.csv",
  afterImport: "move",
  ...overrides,
});
const sftpSource = (directory: string, overrides: Record<string, unknown> = {}) => ({
  kind: "sftp",
  host: "127.0.0.1",
  port: sftp.port,
  username: sftp.username,
  password: sftp.password,
  directory,
  pattern: "*.csv",
  afterImport: "move",
  ...overrides,
});

const runsOf = (templateId: number) => handle.db.select().from(importRuns).where(eq(importRuns.templateId, templateId)).orderBy(importRuns.id);
const templateRow = async (templateId: number) => (await handle.db.select().from(importTemplates).where(eq(importTemplates.id, templateId)))[0]!;
const orderCount = async (prefix: string) =>
  (await handle.db.select({ n: sql<number>`count(*)::int` }).from(orders).where(and(eq(orders.storeId, storeId), sql`${orders.sourceId} like ${`${prefix}%`}`)))[0]!.n;
const lastJobRun = async () => (await handle.db.select().from(jobRuns).where(eq(jobRuns.functionId, "schedule-imports")).orderBy(desc(jobRuns.id)).limit(1))[0]!;

describe("the source of an import template", () => {
  it("stores the password sealed, never returns it, keeps it when the field is left empty, and clears it with the source", async () => {
    const templateId = await template(ftpSource("/settings"), { schedule: null });
    const row = await templateRow(templateId);
    expect(isSealedSecret(String(row.source!.password))).toBe(true);
    const listed = (await owner.caller.import.templates({ storeId })).find((t) => t.id === templateId)!;
    expect(JSON.stringify(listed)).not.toContain(ftp.password);
    expect(listed.storedSecrets.password).toBe(true);
    expect(listed.source).toMatchObject({ kind: "ftp", host: "127.0.0.1", directory: "/settings", pattern: "*.csv", afterImport: "move" });

    await owner.caller.import.setSource({ storeId, templateId, source: ftpSource("/settings", { password: "" }) as never, schedule: "0 6 * * *", mode: "all_or_nothing" });
    const kept = await templateRow(templateId);
    expect(kept.source!.password).toBe(row.source!.password);
    expect(kept).toMatchObject({ schedule: "0 6 * * *", mode: "all_or_nothing" });

    await owner.caller.import.setSource({ storeId, templateId, source: null, schedule: null, mode: "valid_rows" });
    expect(await templateRow(templateId)).toMatchObject({ source: null, schedule: null });
  });

  it("refuses a private host, a bad cron, a pattern with a folder, and a schedule without a server", async () => {
    const saved = await saveImportTemplate(scope(), { name: "Refusals", mapping });
    const set = (source: unknown, schedule: string | null = null) =>
      owner.caller.import.setSource({ storeId, templateId: saved.id, source: source as never, schedule, mode: "valid_rows" });
    await expect(set(ftpSource("/x", { host: "10.1.2.3" }))).rejects.toThrow(/10\.1\.2\.3 is a private or loopback address/);
    await expect(set(ftpSource("/x"), "every day")).rejects.toThrow(/Not a valid schedule/);
    expect(await outcome(set(ftpSource("/x", { pattern: "in/*.csv" })))).toBe("BAD_REQUEST");
    await expect(set(null, "0 6 * * *")).rejects.toThrow(/needs a server/);
    await expect(set(sftpSource("/x", { password: undefined }))).rejects.toThrow(/password or paste a private key/);
    expect(await templateRow(saved.id)).toMatchObject({ source: null, schedule: null });
    await expect(owner.caller.import.checkNow({ storeId, templateId: saved.id })).rejects.toThrow(/no server to fetch from/);
  });

  it("refuses a host that resolves to a private address at fetch time too, without connecting", async () => {
    const templateId = await template(ftpSource("/private"), { schedule: null });
    const row = await templateRow(templateId);
    await handle.db.update(importTemplates).set({ source: { ...row.source, host: "192.168.7.7" } }).where(eq(importTemplates.id, templateId));
    await expect(checkImportSource(scope(), templateId)).rejects.toThrow(/192\.168\.7\.7 is a private or loopback address; imports may only fetch/);
    expect((await templateRow(templateId)).lastError).toMatch(/192\.168\.7\.7 is a private/);
  });
});

describe("scheduled imports over FTP", () => {
  it("imports files dropped into the folder at the next due minute, moves them to processed/, and never imports them again", async () => {
    const templateId = await template(ftpSource("/in"));
    drop(ftp.root, "in", "orders-1.csv", csv("FTP-1,a@example.com,S1,1", "FTP-1,,S2,2", "FTP-2,b@example.com,S1,1"));
    drop(ftp.root, "in", "orders-2.csv", csv("FTP-3,c@example.com,S3,4"));
    drop(ftp.root, "in", "readme.txt", "not an import");
    drop(ftp.root, "in", ".orders-3.csv.part", csv("FTP-9,x@example.com,S1,1"));

    await nextMinute();
    const runs = await runsOf(templateId);
    expect(runs.map((r) => [r.fileName, r.status, r.created, r.requestedBy])).toEqual([
      ["orders-1.csv", "done", 2, "Scheduled import"],
      ["orders-2.csv", "done", 1, "Scheduled import"],
    ]);
    expect(await orderCount("FTP-")).toBe(3);
    expect(readdirSync(join(ftp.root, "in")).sort()).toEqual([".orders-3.csv.part", "processed", "readme.txt"]);
    expect(readdirSync(join(ftp.root, "in", "processed")).sort()).toEqual(["orders-1.csv", "orders-2.csv"]);
    const after = await templateRow(templateId);
    expect(after.lastError).toBeNull();
    expect(after.lastCheckedAt).not.toBeNull();
    // They show in Recent imports like any upload.
    expect((await owner.caller.import.runs({ storeId })).map((r) => r.fileName)).toEqual(expect.arrayContaining(["orders-1.csv", "orders-2.csv"]));

    await nextMinute();
    expect(await runsOf(templateId)).toHaveLength(2);

    // A new file with the same name is a new file: imported, and kept apart from the first in processed/.
    drop(ftp.root, "in", "orders-1.csv", csv("FTP-4,d@example.com,S1,1"));
    await nextMinute();
    expect((await runsOf(templateId)).map((r) => r.fileName)).toEqual(["orders-1.csv", "orders-2.csv", "orders-1.csv"]);
    expect(await orderCount("FTP-")).toBe(4);
    const processed = readdirSync(join(ftp.root, "in", "processed"));
    expect(processed).toHaveLength(3);
    expect(processed.filter((name) => name.startsWith("orders-1")).map((name) => readFileSync(join(ftp.root, "in", "processed", name), "utf8")).sort()).toEqual(
      [csv("FTP-1,a@example.com,S1,1", "FTP-1,,S2,2", "FTP-2,b@example.com,S1,1"), csv("FTP-4,d@example.com,S1,1")].sort(),
    );
  });

  it("imports only when the schedule is due, and leaves a file that is still being written for the next check", async () => {
    // Due in two minutes (the engine's clock moves a minute at a time).
    const due = (new Date(clock).getUTCMinutes() + 2) % 60;
    const templateId = await template(ftpSource("/hourly"), { schedule: `${due} * * * *` });
    drop(ftp.root, "hourly", "h.csv", csv("HOUR-1,h@example.com,S1,1"));
    await nextMinute();
    expect(await runsOf(templateId)).toHaveLength(0);
    drop(ftp.root, "hourly", "fresh.csv", csv("HOUR-2,f@example.com,S1,1"), 0);
    await nextMinute();
    expect((await runsOf(templateId)).map((r) => r.fileName)).toEqual(["h.csv"]);
    expect(readdirSync(join(ftp.root, "hourly")).sort()).toEqual(["fresh.csv", "processed"]);

    const check = await owner.caller.import.checkNow({ storeId, templateId });
    expect(check).toMatchObject({ files: 1, imported: [], waiting: ["fresh.csv"] });
  });

  it("with the server down records the error, retries with backoff, and imports each file once when it is back", async () => {
    const templateId = await template(ftpSource("/down"));
    drop(ftp.root, "down", "late.csv", csv("DOWN-1,a@example.com,S1,1"));
    await ftp.stop();
    try {
      await nextMinute();
      const run = await lastJobRun();
      expect(run).toMatchObject({ status: "queued", attempts: 1 });
      expect(run.lastError).toMatch(/connect|refused/i);
      expect((await templateRow(templateId)).lastError).toMatch(/connection refused/i);
      await settle(1_500); // second attempt, still down
      expect((await lastJobRun()).attempts).toBe(2);
      expect(await runsOf(templateId)).toHaveLength(0);
    } finally {
      await ftp.start();
    }
    await settle(10_000);
    expect(await lastJobRun()).toMatchObject({ status: "completed" });
    expect((await runsOf(templateId)).map((r) => [r.fileName, r.status])).toEqual([["late.csv", "done"]]);
    expect(await orderCount("DOWN-")).toBe(1);
    expect((await templateRow(templateId)).lastError).toBeNull();
    expect(readdirSync(join(ftp.root, "down", "processed"))).toEqual(["late.csv"]);
  });

  it("a file whose download failed (the server went away after listing it) is tried again and imported once", async () => {
    const templateId = await template(ftpSource("/flaky"));
    drop(ftp.root, "flaky", "flaky.csv", csv("FLAKY-1,a@example.com,S1,1"));
    ftpHooks.beforeDownload = () => ftp.stop();
    try {
      await nextMinute();
      const [row] = await handle.db.select().from(importRemoteFiles).where(eq(importRemoteFiles.templateId, templateId));
      expect(row).toMatchObject({ fileName: "flaky.csv", status: "failed" });
      expect(row!.error).toMatch(/refused/i);
      expect(await runsOf(templateId)).toHaveLength(0);
    } finally {
      await ftp.start();
    }
    await settle(5_000);
    expect((await runsOf(templateId)).map((r) => r.fileName)).toEqual(["flaky.csv"]);
    expect(await orderCount("FLAKY-")).toBe(1);
    const [row] = await handle.db.select().from(importRemoteFiles).where(eq(importRemoteFiles.templateId, templateId));
    expect(row).toMatchObject({ status: "done", error: null });
  });

  it("a file imported but not moved (processed/ blocked) is moved later without being imported again", async () => {
    const templateId = await template(ftpSource("/blocked"));
    drop(ftp.root, "blocked", "processed", "a file where the folder should be");
    drop(ftp.root, "blocked", "stuck.csv", csv("STUCK-1,a@example.com,S1,1", "STUCK-2,b@example.com,S1,1"));
    await nextMinute();
    expect((await runsOf(templateId)).map((r) => [r.fileName, r.status])).toEqual([["stuck.csv", "done"]]);
    expect((await templateRow(templateId)).lastError).toMatch(/stuck\.csv was imported but could not be moved/);
    expect(await lastJobRun()).toMatchObject({ status: "completed" });

    await nextMinute();
    expect(await runsOf(templateId)).toHaveLength(1);
    expect(existsSync(join(ftp.root, "blocked", "stuck.csv"))).toBe(true);

    rmSync(join(ftp.root, "blocked", "processed"));
    await nextMinute();
    expect(await runsOf(templateId)).toHaveLength(1);
    expect(await orderCount("STUCK-")).toBe(2);
    expect(readdirSync(join(ftp.root, "blocked", "processed"))).toEqual(["stuck.csv"]);
    expect((await templateRow(templateId)).lastError).toBeNull();
  });

  it("after a crash between the import and its bookkeeping, the next check moves the file without importing it again", async () => {
    const templateId = await template(ftpSource("/crash"));
    const path = drop(ftp.root, "crash", "crash.csv", csv("CRASH-1,a@example.com,S1,1"));
    const modified = statSync(path).mtime;
    await nextMinute();
    const [run] = await runsOf(templateId);
    expect(run).toMatchObject({ fileName: "crash.csv", status: "done" });
    // Put the state back to "the import finished, then the server died": the file is still in
    // the folder and its row still says "importing".
    copyFileSync(join(ftp.root, "crash", "processed", "crash.csv"), path);
    utimesSync(path, modified, modified);
    await handle.db.update(importRemoteFiles).set({ status: "importing" }).where(eq(importRemoteFiles.templateId, templateId));

    await nextMinute();
    expect(await runsOf(templateId)).toHaveLength(1);
    expect(await orderCount("CRASH-")).toBe(1);
    expect(readdirSync(join(ftp.root, "crash"))).toEqual(["processed"]);
    expect(readdirSync(join(ftp.root, "crash", "processed"))).toHaveLength(2);

    // An import that never finished (its run interrupted) is reported and not started again.
    const orphan = drop(ftp.root, "crash", "orphan.csv", csv("CRASH-2,b@example.com,S1,1"));
    const orphanTime = statSync(orphan).mtime;
    const [orphanRun] = await handle.db
      .insert(importRuns)
      .values({ storeId, target: "orders", templateId, fileName: "orphan.csv", fileBytes: 1, status: "importing", requestedBy: "Scheduled import", heartbeatAt: new Date(Date.now() - 600_000) })
      .returning();
    const ftpModified = (await handle.db.select().from(importRemoteFiles).where(eq(importRemoteFiles.templateId, templateId)))[0]!.modified;
    expect(ftpModified).toMatch(/^\d{4}-\d\d-\d\dT/);
    await handle.db.insert(importRemoteFiles).values({
      storeId,
      templateId,
      fileName: "orphan.csv",
      fileSize: statSync(orphan).size,
      modified: orphanTime.toISOString(),
      status: "importing",
      runId: orphanRun!.id,
    });
    await nextMinute();
    expect(await runsOf(templateId)).toHaveLength(2);
    expect(await orderCount("CRASH-")).toBe(1);
    expect(existsSync(orphan)).toBe(true);
    expect((await templateRow(templateId)).lastError).toMatch(/orphan\.csv: the import stopped/);
  });

  it("a wrong password is recorded on the template at once and not retried", async () => {
    const templateId = await template(ftpSource("/denied", { password: "wrong" }));
    drop(ftp.root, "denied", "x.csv", csv("DENIED-1,a@example.com,S1,1"));
    await nextMinute();
    expect(await lastJobRun()).toMatchObject({ status: "completed", attempts: 0 });
    expect((await templateRow(templateId)).lastError).toMatch(/refused the login for "exporter"/);
    expect(await runsOf(templateId)).toHaveLength(0);
    expect(existsSync(join(ftp.root, "denied", "x.csv"))).toBe(true);
    // "Check now" says the same to the person who pressed it.
    await expect(owner.caller.import.checkNow({ storeId, templateId })).rejects.toThrow(/refused the login/);
  });
});

describe("scheduled imports over SFTP", () => {
  it("imports, moves to processed/, and does not import again on the next tick", async () => {
    const templateId = await template(sftpSource("drop/orders"));
    drop(sftp.root, "drop/orders", "a.CSV", csv("SFTP-1,a@example.com,S1,1"));
    drop(sftp.root, "drop/orders", "b.csv", csv("SFTP-2,b@example.com,S1,1", "SFTP-3,c@example.com,S1,1"));
    await nextMinute();
    expect((await runsOf(templateId)).map((r) => [r.fileName, r.status, r.created])).toEqual([
      ["a.CSV", "done", 1],
      ["b.csv", "done", 2],
    ]);
    expect(readdirSync(join(sftp.root, "drop/orders"))).toEqual(["processed"]);
    expect(readdirSync(join(sftp.root, "drop/orders/processed")).sort()).toEqual(["a.CSV", "b.csv"]);
    await nextMinute();
    expect(await runsOf(templateId)).toHaveLength(2);
    expect(await orderCount("SFTP-")).toBe(3);
  });

  it("deletes after import, or leaves the file and remembers it", async () => {
    const deleting = await template(sftpSource("/delete", { afterImport: "delete", privateKey: sftp.privateKey, password: undefined }));
    const leaving = await template(sftpSource("/leave", { afterImport: "leave" }));
    drop(sftp.root, "delete", "d.csv", csv("DEL-1,a@example.com,S1,1"));
    drop(sftp.root, "leave", "l.csv", csv("LEAVE-1,a@example.com,S1,1"));
    await nextMinute();
    expect(readdirSync(join(sftp.root, "delete"))).toEqual([]);
    expect(readdirSync(join(sftp.root, "leave"))).toEqual(["l.csv"]);
    await nextMinute();
    expect((await runsOf(deleting)).map((r) => r.fileName)).toEqual(["d.csv"]);
    expect((await runsOf(leaving)).map((r) => r.fileName)).toEqual(["l.csv"]);
  });

  it("all or nothing: a file with a bad row imports nothing, stays on the server and says why", async () => {
    const templateId = await template(sftpSource("/strict"), { mode: "all_or_nothing" });
    drop(sftp.root, "strict", "bad.csv", csv("STRICT-1,a@example.com,S1,1", "STRICT-2,b@example.com,S1,-x"));
    const check = await owner.caller.import.checkNow({ storeId, templateId });
    expect(check.imported).toEqual([{ fileName: "bad.csv", runId: expect.any(Number), status: "failed" }]);
    expect(await orderCount("STRICT-")).toBe(0);
    expect(readdirSync(join(sftp.root, "strict"))).toEqual(["bad.csv"]);
    expect((await templateRow(templateId)).lastError).toMatch(/bad\.csv: .*all or nothing.*left on the server/s);
    // Not fetched again until it changes; the reason stays on the template while the file is there.
    expect(await checkImportSource(scope(), templateId)).toMatchObject({ imported: [], problems: [expect.stringMatching(/^bad\.csv: /)] });
    expect((await templateRow(templateId)).lastError).toMatch(/bad\.csv/);
    rmSync(join(sftp.root, "strict", "bad.csv"));
    expect(await checkImportSource(scope(), templateId)).toMatchObject({ files: 0, problems: [] });
    expect((await templateRow(templateId)).lastError).toBeNull();
  });

  it("a missing folder and a wrong password are permanent errors on the template", async () => {
    const missing = await template(sftpSource("/nowhere"));
    const denied = await template(sftpSource("/strict", { password: "wrong" }));
    await nextMinute();
    expect(await lastJobRun()).toMatchObject({ status: "completed", attempts: 0 });
    expect((await templateRow(missing)).lastError).toMatch(/nowhere/);
    expect((await templateRow(denied)).lastError).toMatch(/refused the login/);
  });
});
