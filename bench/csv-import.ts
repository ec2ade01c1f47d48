import { createReadStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import postgres from "postgres";
import { importLocalFile } from "@/server/imports/service";
import type { StoreScope } from "@/server/scope";
import { SHOPIFY_HEADERS, writeShopifyCsv } from "../tests/helpers/shopify-csv";
import { round } from "./stats";

/**
 * CSV import throughput: a Shopify export of `rows` rows imported through the import pipeline
 * (parse, group line items, validate, ingest with history, outbox and usage) side by side with
 * PostgreSQL's COPY of the same file into a table of its 79 text columns, in the same database.
 * Then the floor under any import: COPY of the orders and items it created, as they are, back into
 * the app's own tables (indexes, foreign keys, triggers), rolled back after timing.
 */
export async function measureCsvImport(url: string, scope: StoreScope, rows: number) {
  const dir = mkdtempSync(join(tmpdir(), "bench-csv-"));
  const file = join(dir, "shopify.csv");
  const itemsPerOrder = 3;
  await writeShopifyCsv(file, Math.ceil(rows / itemsPerOrder), itemsPerOrder);
  const dataRows = Math.ceil(rows / itemsPerOrder) * itemsPerOrder;
  try {
    const sql = postgres(url, { max: 1, onnotice: () => {} });
    let copySeconds: number;
    try {
      await sql.unsafe(`create table bench_copy (${SHOPIFY_HEADERS.map((_, i) => `c${i} text`).join(", ")})`);
      const started = performance.now();
      const writable = await sql.unsafe("copy bench_copy from stdin with (format csv, header true)").writable();
      await pipeline(createReadStream(file), writable);
      copySeconds = (performance.now() - started) / 1000;
      await sql.unsafe("drop table bench_copy");
    } finally {
      await sql.end();
    }
    const started = performance.now();
    const run = await importLocalFile(scope, { path: file, fileName: "shopify.csv", target: "orders", mode: "valid_rows", maxBytes: 2 ** 31 });
    const importSeconds = (performance.now() - started) / 1000;
    if (run.status !== "done" || run.failed > 0) throw new Error(`bench import ${run.status}: ${run.error ?? `${run.failed} failed rows`}`);
    const tableCopySeconds = await copyIntoAppTables(url, scope.storeId);
    return {
      rows: dataRows,
      orders: run.created,
      file_mb: round(statSync(file).size / 1024 / 1024),
      import_rows_per_s: round(dataRows / importSeconds),
      import_seconds: round(importSeconds, 2),
      copy_rows_per_s: round(dataRows / copySeconds),
      copy_seconds: round(copySeconds, 2),
      import_vs_copy_percent: round((100 * copySeconds) / importSeconds),
      table_copy_seconds: round(tableCopySeconds, 2),
      table_copy_vs_copy_percent: round((100 * copySeconds) / tableCopySeconds),
      import_vs_table_copy_percent: round((100 * tableCopySeconds) / importSeconds),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Seconds to COPY a store's orders and items into orders and order_items again (new ids and
 * source name, so no key collides), the fastest way PostgreSQL takes rows. Rolled back.
 */
async function copyIntoAppTables(url: string, storeId: number): Promise<number> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const columns = async (table: string) =>
      (await sql`select column_name from information_schema.columns where table_name = ${table} and is_generated = 'NEVER' order by ordinal_position`).map(
        (c) => c.column_name as string,
      );
    const [orderColumns, itemColumns] = [await columns("orders"), (await columns("order_items")).filter((c) => c !== "id")];
    const [{ offset }] = (await sql`select coalesce(max(id), 0)::bigint as offset from orders`) as unknown as [{ offset: string }];
    // A connection of its own per COPY TO: postgres.js hangs on a second large one on the same connection.
    const exported = async (query: string) => {
      const own = postgres(url, { max: 1, onnotice: () => {} });
      try {
        const chunks: Buffer[] = [];
        for await (const chunk of await own.unsafe(`copy (${query}) to stdout`).readable()) chunks.push(chunk as Buffer);
        return Buffer.concat(chunks);
      } finally {
        await own.end();
      }
    };
    const select = (cols: string[], replace: Record<string, string>) => cols.map((c) => replace[c] ?? `"${c}"`).join(", ");
    const orderRows = await exported(
      `select ${select(orderColumns, { id: `id + ${offset}`, source_name: `'Bench floor'` })} from orders where store_id = ${storeId}`,
    );
    const itemRows = await exported(`select ${select(itemColumns, { order_id: `order_id + ${offset}` })} from order_items where store_id = ${storeId}`);
    let seconds = 0;
    await sql
      .begin(async (tx) => {
        const started = performance.now();
        const into = async (table: string, cols: string[], rows: Buffer) =>
          pipeline(Readable.from([rows]), await tx.unsafe(`copy ${table} (${cols.map((c) => `"${c}"`).join(", ")}) from stdin`).writable());
        await into("orders", orderColumns, orderRows);
        await into("order_items", itemColumns, itemRows);
        seconds = (performance.now() - started) / 1000;
        throw new RolledBack();
      })
      .catch((error: unknown) => {
        if (!(error instanceof RolledBack)) throw error;
      });
    return seconds;
  } finally {
    await sql.end();
  }
}

class RolledBack extends Error {}
