import type { Database } from "@/db/client";
import { isPermanentFailure } from "@/server/delivery/errors";
import { ALL_PERMISSIONS } from "@/server/permissions";
import type { StoreScope } from "@/server/scope";
import { getStore } from "@/server/stores/service";
import { deliverOne } from "./deliver";
import { renderExport } from "./render";
import { finishExportRun, getExportRun, markExported, noteRetry } from "./runs";
import { getExportTemplate, openDestination } from "./templates";

export const exportScope = (db: Database, storeId: number): StoreScope => ({ db, storeId, actor: { kind: "system", name: "Export", permissions: ALL_PERMISSIONS } });

/** What the job learns before delivering: which documents there are, by the orders they carry. */
export async function planExport(scope: StoreScope, runId: number) {
  const run = await getExportRun(scope, runId);
  if (run.status === "delivered" || run.status === "failed") return { done: true as const, parts: [] };
  const template = await getExportTemplate(scope, run.templateId);
  const parts = template.mode === "batch" ? [run.orderIds] : run.orderIds.map((id) => [id]);
  return { done: false as const, parts };
}

export type DeliveryOutcome = { ok: true; receipt: string; orderIds: number[] } | { ok: false; error: string; final: boolean };

/**
 * Renders and delivers one part (the batch, or one order), then marks its orders exported. A
 * transient failure throws, so the engine retries this step with backoff; a permanent one (bad
 * template, wrong password) or the last attempt ends the run as failed without marking anything.
 */
export async function deliverPart(scope: StoreScope, runId: number, orderIds: number[], attempt: number, maxAttempts: number): Promise<DeliveryOutcome> {
  const run = await getExportRun(scope, runId);
  const template = await getExportTemplate(scope, run.templateId);
  try {
    const [document] = await renderExport(scope, template, orderIds);
    if (!document) return { ok: true, receipt: "nothing to send (orders deleted)", orderIds: [] };
    const store = await getStore(scope);
    const receipt = await deliverOne(openDestination(template), document, {
      timezone: store.timezone,
      variables: { store_name: store.name, order_count: document.orderIds.length, template_name: template.name },
    });
    await markExported(scope, runId, document.orderIds, [receipt], template.moveToFolderId);
    return { ok: true, receipt, orderIds: document.orderIds };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // A bad template, a refused host or a wrong password will not get better by waiting.
    const permanent = isPermanentFailure(error);
    if (permanent || attempt + 1 >= maxAttempts) return { ok: false, error: message, final: true };
    await noteRetry(scope, runId, message);
    throw error;
  }
}

export { finishExportRun };
