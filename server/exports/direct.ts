import { desc, eq } from "drizzle-orm";
import { orders } from "@/db/schema";
import type { StoreScope } from "@/server/scope";
import { getStore } from "@/server/stores/service";
import { deliverOne } from "./deliver";
import { renderExport } from "./render";
import { finishExportRun, markExported, startExport } from "./runs";
import type { StartExportInput } from "./schemas";
import { getExportTemplate, openDestination } from "./templates";

/**
 * "Download": the browser is the destination, so the file is rendered now and the orders are
 * marked exported once it has been produced (claimed first, like any run, so nothing doubles).
 */
export async function downloadExport(scope: StoreScope, input: StartExportInput) {
  const started = await startExport(scope, input, "manual", { queue: false });
  if (started.runId === null) return { fileName: null, content: "", contentType: "", orders: 0, skipped: started.skipped };
  const template = await getExportTemplate(scope, input.templateId);
  try {
    const documents = await renderExport(scope, { ...template, mode: "batch" }, started.orderIds);
    const document = documents[0]!;
    await markExported(scope, started.runId, document.orderIds, [`download ${document.fileName}`], template.moveToFolderId);
    await finishExportRun(scope, started.runId, { status: "delivered" });
    return { fileName: document.fileName, content: document.content.toString("utf8"), contentType: document.contentType, orders: document.orderIds.length, skipped: started.skipped };
  } catch (error) {
    await finishExportRun(scope, started.runId, { status: "failed", error: error instanceof Error ? error.message : String(error) });
    throw error;
  }
}

/**
 * "Send test": the template over the newest order, delivered to its destination under a name
 * marked as a test. Nothing is claimed or marked exported.
 */
export async function sendTestExport(scope: StoreScope, templateId: number) {
  const template = await getExportTemplate(scope, templateId);
  const store = await getStore(scope);
  const newest = await scope.db.select({ id: orders.id }).from(orders).where(eq(orders.storeId, scope.storeId)).orderBy(desc(orders.id)).limit(1);
  const documents = await renderExport(scope, { ...template, mode: "batch" }, newest.map((o) => o.id));
  const document = { ...documents[0]!, fileName: `TEST-${documents[0]!.fileName}` };
  const receipt = await deliverOne(openDestination(template), document, {
    timezone: store.timezone,
    variables: { store_name: store.name, order_count: document.orderIds.length, template_name: `[Test] ${template.name}` },
  });
  return { receipt, fileName: document.fileName, bytes: document.content.length };
}
