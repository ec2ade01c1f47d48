import { execFile } from "node:child_process";
import { mkdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";
import postgres from "postgres";
import { writeShopifyCsv } from "../helpers/shopify-csv";

const run = promisify(execFile);
const dir = join("test-results", "import-100k");
// The API project also runs on PostgreSQL in CI (E2E_DATABASE_URL): then a database of this
// spec's own on that server (not the app server's, whose engine would then work through 37k
// order/created events while later specs wait); else an embedded database of its own.
const postgresServer = process.env.E2E_DATABASE_URL;
const ownDatabase = `switchyard_import100k_${process.pid}`;
const databaseUrl = () => {
  const url = new URL(postgresServer!);
  url.pathname = `/${ownDatabase}`;
  return url.toString();
};
async function admin(statement: string) {
  const sql = postgres(postgresServer!, { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe(statement);
  } finally {
    await sql.end();
  }
}
const env = {
  ...process.env,
  DATABASE_URL: postgresServer ? databaseUrl() : "",
  PGLITE_DIR: join(dir, "pglite"),
  NEXTAUTH_SECRET: "cli-spec-secret-that-is-long-enough-0123456789",
  LOG_LEVEL: "warn",
  // A JS heap far smaller than the file: the import only finishes if it streams.
  NODE_OPTIONS: "--max-old-space-size=128",
};

async function cli(...args: string[]) {
  const { stdout } = await run(process.execPath, ["--import", "tsx", "server/cli/main.ts", ...args, "--json"], { env, maxBuffer: 16 * 1024 * 1024 });
  return JSON.parse(stdout.trim().split("\n").at(-1)!) as Record<string, unknown>;
}

test.describe.configure({ timeout: 600_000 });
test.beforeAll(async () => {
  if (postgresServer) await admin(`create database ${ownDatabase}`);
});
test.afterAll(async () => {
  if (postgresServer) await admin(`drop database if exists ${ownDatabase} with (force)`);
});

test("a 100k-row Shopify export imports from the CLI with flat memory, and the same file again creates nothing", async () => {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const small = join(dir, "shopify-10k.csv");
  const large = join(dir, "shopify-100k.csv");
  await writeShopifyCsv(small, 3_334, 3, 1_000_000); // 10,002 rows
  await writeShopifyCsv(large, 33_334, 3); // 100,002 rows
  expect(statSync(large).size).toBeGreaterThan(15 * 1024 * 1024);

  const email = `ops-${Date.now()}@example.test`;
  await cli("user:create", "--email", email, "--name", "Ops", "--password", "correct horse battery");
  const store = await cli("store:create", "--owner", email, "--name", `Bulk ${Date.now()}`);
  const storeId = String(store.store_id);

  const smallRun = await cli("import", "--store", storeId, "--type", "orders", "--file", small);
  expect(smallRun).toMatchObject({ status: "done", rows: 10_002, created: 3_334, failed: 0 });
  const first = await cli("import", "--store", storeId, "--type", "orders", "--file", large);
  expect(first).toMatchObject({ status: "done", rows: 100_002, created: 33_334, skipped: 0, failed: 0 });
  const again = await cli("import", "--store", storeId, "--type", "orders", "--file", large);
  expect(again).toMatchObject({ status: "done", rows: 100_002, created: 0, skipped: 33_334, failed: 0 });

  // Streaming: ten times the rows cost about the same memory (each run is its own process; the
  // embedded database's own WebAssembly memory is most of it and does not grow with the file).
  const smallPeak = Number(smallRun.peak_rss_mb);
  const largePeak = Number(first.peak_rss_mb);
  console.log(`peak RSS: 10k rows ${smallPeak} MB, 100k rows ${largePeak} MB, 100k again ${String(again.peak_rss_mb)} MB; 100k import ${String(first.seconds)} s`);
  expect(largePeak).toBeLessThan(smallPeak + 60);
});
