import { csvLine } from "@/server/imports/csv-line";
import type { StoreScope } from "@/server/scope";
import { getImportRun, importReportRows } from "./service";

const PAGE = 5000;

/** The report as a streamed CSV (a 100k-row import has a long one). */
export async function reportCsv(scope: StoreScope, runId: number) {
  const run = await getImportRun(scope, runId);
  const encoder = new TextEncoder();
  let offset = 0;
  let headerSent = false;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(csvLine(["lines", "status", "reference", "order_id", "reason"])));
        return;
      }
      const rows = await importReportRows(scope, runId, { offset, limit: PAGE });
      offset += rows.length;
      if (rows.length === 0) return controller.close();
      const text = rows
        .map((r) => csvLine([r.firstLine === r.lastLine ? String(r.firstLine) : `${r.firstLine}-${r.lastLine}`, r.status, r.reference, r.orderId === null ? "" : String(r.orderId), r.reason]))
        .join("");
      controller.enqueue(encoder.encode(text));
    },
  });
  const base = run.fileName.replace(/\.[^.]+$/, "").replace(/[^\w.-]+/g, "_") || "import";
  return { fileName: `${base}-report-${run.id}.csv`, stream };
}
