// `npm run bench`: ingest throughput over HTTP on PostgreSQL side by side with a raw batched INSERT
// of the same orders, then list/search latency on a store with a million orders (service and HTTP).
// Prints a table and writes bench/results/<timestamp>.json. Needs PostgreSQL (BENCH_POSTGRES_URL).
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { asc, eq, isNull, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { folders, outboxEvents } from "@/db/schema";
import { signUp } from "@/server/accounts/service";
import { createApiKey } from "@/server/api-keys/service";
import { ALL_PERMISSIONS } from "@/server/permissions";
import type { StoreScope } from "@/server/scope";
import { createStore } from "@/server/stores/service";
import { freshBenchDatabase } from "./database";
import { measureListSearch, seedOrders } from "./list-search";
import { sampleOrder } from "./orders";
import { rawBatchedInsert } from "./raw-insert";
import { measureCsvImport } from "./csv-import";
import { measureRuleEvaluation } from "./rules";
import { percentile, round, timeEach } from "./stats";

const ORDERS = Number(process.env.BENCH_ORDERS ?? 5000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const BATCH = Number(process.env.BENCH_BATCH ?? 100);
const BATCH_CONCURRENCY = Number(process.env.BENCH_BATCH_CONCURRENCY ?? 4);
const LIST_ORDERS = Number(process.env.BENCH_LIST_ORDERS ?? 1_000_000);
const PORT = Number(process.env.BENCH_PORT ?? 3500);
const CSV_ROWS = Number(process.env.BENCH_CSV_ROWS ?? 100_000);
const base = `http://127.0.0.1:${PORT}`;

async function startServer(databaseUrl: string) {
  const child = spawn(process.execPath, ["--import", "tsx", "server/http/main.ts"], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(PORT),
      HOST: "127.0.0.1",
      NEXTAUTH_SECRET: "bench-only-secret-that-is-long-enough-0123456789",
      NEXTAUTH_URL: base,
      SEED_DEMO: "false",
      LOG_LEVEL: "warn",
      NODE_ENV: "production",
      // The bench measures throughput, not the per-store rate limit.
      RATE_LIMIT_BURST: "1000000",
      RATE_LIMIT_PER_SECOND: "1000000",
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  for (let i = 0; i < 120; i++) {
    if ((await fetch(`${base}/api/health`).catch(() => null))?.ok) return child;
    await new Promise((r) => setTimeout(r, 500));
  }
  child.kill("SIGTERM");
  throw new Error("server did not become healthy");
}

async function outboxDrained(db: Database) {
  for (let i = 0; i < 600; i++) {
    const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(outboxEvents).where(isNull(outboxEvents.deliveredAt));
    if (row!.n === 0) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("the outbox did not drain within 2 minutes");
}

async function storeWithKey(scopeFor: (storeId: number) => StoreScope, us: Parameters<typeof createStore>[0], name: string) {
  const store = await createStore(us, { name, timezone: "UTC", currency: "USD" });
  const { key } = await createApiKey(scopeFor(store.id), { name: "bench" });
  return { storeId: store.id, headers: { "ORDERDESK-STORE-ID": String(store.id), "ORDERDESK-API-KEY": key, "content-type": "application/json" } };
}

async function main() {
  const started = new Date();
  const { url, handle, drop } = await freshBenchDatabase("run");
  let server: ReturnType<typeof spawn> | undefined;
  try {
    const owner = await signUp(handle.db, { name: "Bench", email: "bench@example.test", password: "bench-password-1" });
    const us = { db: handle.db, userId: owner.id, email: owner.email };
    const scopeFor = (storeId: number): StoreScope => ({
      db: handle.db,
      storeId,
      actor: { kind: "user", userId: owner.id, email: owner.email, role: "owner", permissions: ALL_PERMISSIONS },
    });
    const ingestStore = await storeWithKey(scopeFor, us, "Ingest over HTTP");
    const rawStore = await storeWithKey(scopeFor, us, "Raw insert");
    const batchStore = await storeWithKey(scopeFor, us, "Batch ingest over HTTP");
    const listStore = await storeWithKey(scopeFor, us, "A million orders");
    const otherStore = await storeWithKey(scopeFor, us, "Neighbour");
    const csvStore = await storeWithKey(scopeFor, us, "CSV import");
    server = await startServer(url);

    // 1. Ingest over HTTP: CONCURRENCY clients POST /api/v2/orders until ORDERS are in.
    const runTag = `bench${Date.now()}`;
    for (let i = 0; i < 50; i++) {
      await fetch(`${base}/api/v2/orders`, { method: "POST", headers: ingestStore.headers, body: JSON.stringify(sampleOrder(i, `${runTag}-warm`)) });
    }
    const latencies: number[] = [];
    let next = 0;
    let failures = 0;
    const httpStarted = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (let i = next++; i < ORDERS; i = next++) {
          const t = performance.now();
          const res = await fetch(`${base}/api/v2/orders`, { method: "POST", headers: ingestStore.headers, body: JSON.stringify(sampleOrder(i, runTag)) });
          latencies.push(performance.now() - t);
          if (res.status !== 200 && res.status !== 201) failures += 1;
          await res.arrayBuffer();
        }
      }),
    );
    const httpSeconds = (performance.now() - httpStarted) / 1000;

    // 1b. The same orders as arrays of BATCH per POST (the batch door), BATCH_CONCURRENCY clients.
    const batchLatencies: number[] = [];
    let nextBatch = 0;
    const batches = Math.ceil(ORDERS / BATCH);
    const batchStarted = performance.now();
    await Promise.all(
      Array.from({ length: BATCH_CONCURRENCY }, async () => {
        for (let b = nextBatch++; b < batches; b = nextBatch++) {
          const body = Array.from({ length: Math.min(BATCH, ORDERS - b * BATCH) }, (_, k) => sampleOrder(b * BATCH + k, `${runTag}-batch`));
          const t = performance.now();
          const res = await fetch(`${base}/api/v2/orders`, { method: "POST", headers: batchStore.headers, body: JSON.stringify(body) });
          batchLatencies.push(performance.now() - t);
          if (res.status !== 201) failures += 1;
          await res.arrayBuffer();
        }
      }),
    );
    const batchSeconds = (performance.now() - batchStarted) / 1000;
    // The server keeps delivering those orders' events after the last answer; let it finish so the
    // raw insert below is not measured against that background work.
    await outboxDrained(handle.db);

    // 2. The same orders, raw batched INSERT into another store of the same database.
    const [rawFolder] = await handle.db.select({ id: folders.id }).from(folders).where(eq(folders.storeId, rawStore.storeId)).orderBy(asc(folders.position)).limit(1);
    const rawSeconds = await rawBatchedInsert(url, rawStore.storeId, rawFolder!.id, ORDERS, runTag);

    const ingest = {
      orders: ORDERS,
      concurrency: CONCURRENCY,
      failures,
      http_orders_per_s: round(ORDERS / httpSeconds),
      http_p50_ms: round(percentile(latencies, 50), 2),
      http_p99_ms: round(percentile(latencies, 99), 2),
      batch_size: BATCH,
      batch_orders_per_s: round(ORDERS / batchSeconds),
      batch_request_p50_ms: round(percentile(batchLatencies, 50), 2),
      batch_request_p99_ms: round(percentile(batchLatencies, 99), 2),
      raw_insert_orders_per_s: round(ORDERS / rawSeconds),
      http_vs_raw_percent: round((100 * (ORDERS / httpSeconds)) / (ORDERS / rawSeconds)),
      batch_vs_raw_percent: round((100 * (ORDERS / batchSeconds)) / (ORDERS / rawSeconds)),
    };
    console.log("\nIngest (PostgreSQL)");
    console.table(Object.entries(ingest).map(([metric, value]) => ({ metric, value })));

    // 3. List and search on a million orders, in the service and over HTTP.
    const seedSeconds = await seedOrders(handle.db, listStore.storeId, otherStore.storeId, LIST_ORDERS);
    const service = await measureListSearch(scopeFor(listStore.storeId), 50);
    const http = [];
    for (const [name, path] of [
      ["GET /api/v2/orders?limit=50", "/api/v2/orders?limit=50"],
      ["GET /api/v2/orders?limit=50&offset=5000", "/api/v2/orders?limit=50&offset=5000"],
      ["GET /api/v2/orders?source_id=src-777", "/api/v2/orders?source_id=src-777"],
      ["GET /api/v2/orders?email=customer4242@example.test", "/api/v2/orders?email=customer4242%40example.test"],
    ] as const) {
      const get = async () => {
        const res = await fetch(`${base}${path}`, { headers: listStore.headers });
        if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${await res.text()}`);
        await res.arrayBuffer();
      };
      await get();
      const samples = await timeEach(50, get);
      http.push({ query: name, p50_ms: round(percentile(samples, 50), 2), p95_ms: round(percentile(samples, 95), 2), max_ms: round(Math.max(...samples), 2) });
    }
    console.log(`\nList/search on ${LIST_ORDERS.toLocaleString("en")} orders (seeded in ${round(seedSeconds)} s): service`);
    console.table(service);
    console.log("List over HTTP (REST API v2, includes total_records)");
    console.table(http);

    // The sections below run in this process; the server's engine would share the CPU with them
    // (and work through the CSV import's events while the import and its baselines are timed).
    server.kill("SIGTERM");
    await new Promise((r) => server!.once("exit", r));
    server = undefined;

    // 4. Rule evaluation: 50 rules over realistic orders, ours vs json-logic-js and json-rules-engine.
    const rules = await measureRuleEvaluation();
    console.log("\nRule evaluation (50 rules, same verdicts checked across engines)");
    console.table(rules);

    // 5. CSV import of a Shopify export vs COPY of the same file.
    const csv = await measureCsvImport(url, scopeFor(csvStore.storeId), CSV_ROWS);
    console.log("\nCSV import (Shopify layout) vs PostgreSQL COPY of the same rows");
    console.table(Object.entries(csv).map(([metric, value]) => ({ metric, value })));

    const result = {
      at: started.toISOString(),
      machine: { cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version },
      ingest,
      list: { orders: LIST_ORDERS, seed_seconds: round(seedSeconds), service, http },
      rules,
      csv_import: csv,
    };
    mkdirSync("bench/results", { recursive: true });
    const file = `bench/results/${started.toISOString().replace(/[:.]/g, "-")}.json`;
    writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
    console.log(`\nWrote ${file}`);
  } finally {
    if (server) {
      server.kill("SIGTERM");
      await new Promise((r) => server!.once("exit", r));
    }
    await drop();
  }
}

await main();
