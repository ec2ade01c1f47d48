import type { ExportTemplate } from "@/db/schema";
import { loadOrderRecords } from "@/server/api-v2/order-records";
import { serializeOrder } from "@/server/orders/read";
import type { StoreScope } from "@/server/scope";
import { getStore } from "@/server/stores/service";
import { renderFileName } from "@/server/delivery/filename";
import { renderTemplate } from "@/server/templates/liquid";
import { orderVariables, storeVariables } from "@/server/templates/variables";

/** One file (or email body) an export produces, and the orders it carries. */
export interface ExportDocument {
  fileName: string;
  content: Buffer;
  contentType: string;
  orderIds: number[];
}

export const CONTENT_TYPES: Record<ExportTemplate["format"], string> = {
  csv: "text/csv; charset=utf-8",
  tsv: "text/tab-separated-values; charset=utf-8",
  xml: "application/xml; charset=utf-8",
  json: "application/json; charset=utf-8",
  text: "text/plain; charset=utf-8",
};

const EXPORT_LIMITS = { timeoutMs: 10_000, maxOutputBytes: 50 * 1024 * 1024 };

type TemplateShape = Pick<ExportTemplate, "body" | "filenamePattern" | "format" | "mode">;

/**
 * Renders a template over orders: one document for the batch (`orders` is the list) or one per
 * order (`order` is the one). Orders missing from the store (deleted since) are left out.
 */
export async function renderExport(scope: StoreScope, template: TemplateShape, orderIds: number[], now = new Date()): Promise<ExportDocument[]> {
  const store = await getStore(scope);
  const records = await loadOrderRecords(scope, orderIds);
  const orders = records.map((r) => orderVariables(serializeOrder(r)));
  const base = { ...storeVariables({ id: scope.storeId, name: store.name, timezone: store.timezone, currency: store.currency }), now: now.toISOString() };
  // A batch of thousands of orders is a big document: more room than an email or a file name.
  const options = { timezone: store.timezone, currency: store.currency, limits: EXPORT_LIMITS };
  const contentType = CONTENT_TYPES[template.format];
  if (template.mode === "batch") {
    const variables = { ...base, orders, order_count: orders.length };
    const body = await renderTemplate(template.body, variables, options);
    const fileName = await renderFileName(template.filenamePattern, variables, store.timezone);
    return [{ fileName, content: Buffer.from(body, "utf8"), contentType, orderIds: records.map((r) => r.order.id) }];
  }
  const documents: ExportDocument[] = [];
  for (const [index, order] of orders.entries()) {
    const variables = { ...base, order, orders: [order], order_count: 1 };
    const body = await renderTemplate(template.body, variables, options);
    const fileName = await renderFileName(template.filenamePattern, variables, store.timezone);
    documents.push({ fileName, content: Buffer.from(body, "utf8"), contentType, orderIds: [records[index]!.order.id] });
  }
  return documents;
}
