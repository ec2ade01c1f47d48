// An import's result report as CSV: one line per order, item or shipment, with its file lines.
import { storeRoute } from "@/server/http/store-route";
import { reportCsv } from "@/server/imports/report";

export const GET = storeRoute<{ storeId: string; runId: string }>("templates.manage", async (_req, scope, params) => {
  const { fileName, stream } = await reportCsv(scope, Number(params.runId));
  return new Response(stream, {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${fileName}"`, "cache-control": "no-store" },
  });
});
