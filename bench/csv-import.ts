import { createReadStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
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
    return {
      rows: dataRows,
      orders: run.created,
      file_mb: round(statSync(file).size / 1024 / 1024),
      import_rows_per_s: round(dataRows / importSeconds),
      import_seconds: round(importSeconds, 2),
      copy_rows_per_s: round(dataRows / copySeconds),
      copy_seconds: round(copySeconds, 2),
      import_vs_copy_percent: round((100 * copySeconds) / importSeconds),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
