import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { exportRuns, orderExports, orders, type ExportRun } from "@/db/schema";
import { DomainError, notFound } from "@/server/errors";
import { enqueueEvent } from "@/server/events/outbox";
import { recordHistories } from "@/server/orders/history";
import { moveOrdersToFolder } from "@/server/orders/service";
import { describeActor, type StoreScope } from "@/server/scope";
import type { StartExportInput } from "./schemas";
import { getExportTemplate } from "./templates";

/** The most orders one run takes; an unattended run leaves the rest for the next one. */
export const MAX_ORDERS_PER_RUN = 5000;

export type ExportTrigger = ExportRun["trigger"];

/**
 * Starts an export: picks the orders, claims them for this template (so a concurrent run never
 * takes the same order) and queues the delivery job, all in one transaction. Orders the template
 * already exported are left out unless `includeExported`.
 */
export async function startExport(scope: StoreScope, input: StartExportInput, trigger: ExportTrigger, options: { queue?: boolean } = {}) {
  return scope.db.transaction(async (tx) => {
    const txScope = { ...scope, db: tx };
    const template = await getExportTemplate(txScope, input.templateId);
    // A queued run delivers unattended; a download template's file would reach no one.
    if (options.queue !== false && template.destination.kind === "download") {
      throw new DomainError("BAD_REQUEST", `"${template.name}" saves its file in the browser; use Download, or give it an email, FTP or SFTP destination.`, { field: "templateId" });
    }
    let candidates: number[];
    if (input.orderIds) {
      const found = await tx.select({ id: orders.id }).from(orders).where(and(eq(orders.storeId, scope.storeId), inArray(orders.id, input.orderIds)));
      if (found.length !== new Set(input.orderIds).size) throw notFound(input.orderIds.length === 1 ? "Order" : "One or more orders");
      candidates = found.map((o) => o.id).sort((a, b) => a - b);
    } else {
      if (template.sourceFolderId === null) {
        throw new DomainError("BAD_REQUEST", "Select orders to export, or set the folder this template takes orders from.", { field: "orderIds" });
      }
      const exported = sql`exists (select 1 from ${orderExports} e where e.template_id = ${template.id} and e.order_id = ${orders.id}${input.includeExported ? sql` and e.state = 'claimed'` : sql``})`;
      const rows = await tx
        .select({ id: orders.id })
        .from(orders)
        .where(and(eq(orders.storeId, scope.storeId), eq(orders.folderId, template.sourceFolderId), sql`not ${exported}`))
        .orderBy(asc(orders.id))
        .limit(MAX_ORDERS_PER_RUN);
      candidates = rows.map((r) => r.id);
    }
    if (candidates.length === 0) return { runId: null, orders: 0, skipped: 0, orderIds: [] };

    const [run] = await tx
      .insert(exportRuns)
      .values({ storeId: scope.storeId, templateId: template.id, trigger, orderIds: [], requestedBy: describeActor(scope.actor).label })
      .returning({ id: exportRuns.id });
    const runId = run!.id;
    // Claimed by another run right now: never taken. Exported before: taken only when asked.
    const claimed = await tx
      .insert(orderExports)
      .values(candidates.map((orderId) => ({ templateId: template.id, orderId, storeId: scope.storeId, runId, state: "claimed" as const })))
      .onConflictDoUpdate({
        target: [orderExports.templateId, orderExports.orderId],
        set: { runId, state: "claimed", exportedAt: null },
        setWhere: input.includeExported ? sql`${orderExports.state} = 'exported'` : sql`false`,
      })
      .returning({ orderId: orderExports.orderId });
    const orderIds = claimed.map((c) => c.orderId).sort((a, b) => a - b);
    if (orderIds.length === 0) {
      await tx.delete(exportRuns).where(and(eq(exportRuns.storeId, scope.storeId), eq(exportRuns.id, runId)));
      return { runId: null, orders: 0, skipped: candidates.length, orderIds: [] };
    }
    await tx.update(exportRuns).set({ orderIds }).where(and(eq(exportRuns.storeId, scope.storeId), eq(exportRuns.id, runId)));
    if (options.queue !== false) await enqueueEvent(tx, scope.storeId, "export/requested", { runId });
    return { runId, orders: orderIds.length, skipped: candidates.length - orderIds.length, orderIds };
  });
}

export async function getExportRun(scope: StoreScope, runId: number): Promise<ExportRun> {
  const [run] = await scope.db.select().from(exportRuns).where(and(eq(exportRuns.storeId, scope.storeId), eq(exportRuns.id, runId)));
  if (!run) throw notFound("Export run");
  return run;
}

/** A failed attempt that will be retried: the log shows why and that it is not over. */
export async function noteRetry(scope: StoreScope, runId: number, error: string) {
  await scope.db
    .update(exportRuns)
    .set({ status: "retrying", error, attempts: sql`${exportRuns.attempts} + 1` })
    .where(and(eq(exportRuns.storeId, scope.storeId), eq(exportRuns.id, runId), inArray(exportRuns.status, ["pending", "retrying"])));
}

/**
 * Delivery succeeded for `orderIds`: they are marked exported by the template, moved to the
 * template's folder if it has one, and the run records where the files went. Idempotent.
 */
export async function markExported(scope: StoreScope, runId: number, orderIds: number[], receipts: string[], moveToFolderId: number | null) {
  await scope.db.transaction(async (tx) => {
    const txScope = { ...scope, db: tx };
    const marked = orderIds.length
      ? await tx
          .update(orderExports)
          .set({ state: "exported", exportedAt: new Date() })
          .where(and(eq(orderExports.storeId, scope.storeId), eq(orderExports.runId, runId), inArray(orderExports.orderId, orderIds), eq(orderExports.state, "claimed")))
          .returning({ orderId: orderExports.orderId, templateId: orderExports.templateId })
      : [];
    if (marked.length === 0) return;
    const still = await tx.select({ id: orders.id }).from(orders).where(and(eq(orders.storeId, scope.storeId), inArray(orders.id, marked.map((m) => m.orderId))));
    const present = still.map((o) => o.id);
    await recordHistories(
      tx,
      txScope,
      present.map((orderId) => ({ orderId, message: `Exported (${receipts.join("; ")})`, details: { exportRunId: runId, templateId: marked[0]!.templateId } })),
    );
    if (moveToFolderId !== null && present.length) await moveOrdersToFolder(txScope, present, { folder_id: moveToFolderId });
    await tx
      .update(exportRuns)
      .set({ delivered: sql`${exportRuns.delivered} || ${JSON.stringify(receipts)}::jsonb` })
      .where(and(eq(exportRuns.storeId, scope.storeId), eq(exportRuns.id, runId)));
  });
}

/** The run is over: delivered, or failed for good (its unsent orders are released). */
export async function finishExportRun(scope: StoreScope, runId: number, outcome: { status: "delivered" } | { status: "failed"; error: string }) {
  await scope.db.transaction(async (tx) => {
    if (outcome.status === "failed") {
      await tx.delete(orderExports).where(and(eq(orderExports.storeId, scope.storeId), eq(orderExports.runId, runId), eq(orderExports.state, "claimed")));
    }
    await tx
      .update(exportRuns)
      .set({ status: outcome.status, error: outcome.status === "failed" ? outcome.error : null, finishedAt: new Date() })
      .where(and(eq(exportRuns.storeId, scope.storeId), eq(exportRuns.id, runId)));
  });
}

/** Retry button: a failed run's orders that are still unexported go out again in a new run. */
export async function retryExportRun(scope: StoreScope, runId: number) {
  const run = await getExportRun(scope, runId);
  if (run.status !== "failed") throw new DomainError("CONFLICT", "Only a failed export can be retried.");
  const exported = await scope.db
    .select({ orderId: orderExports.orderId })
    .from(orderExports)
    .where(and(eq(orderExports.storeId, scope.storeId), eq(orderExports.templateId, run.templateId), inArray(orderExports.orderId, run.orderIds)));
  const remaining = run.orderIds.filter((id) => !exported.some((e) => e.orderId === id));
  const existing = remaining.length
    ? (await scope.db.select({ id: orders.id }).from(orders).where(and(eq(orders.storeId, scope.storeId), inArray(orders.id, remaining)))).map((o) => o.id)
    : [];
  if (existing.length === 0) throw new DomainError("CONFLICT", "Every order of this export has been exported (or deleted) since.");
  return startExport(scope, { templateId: run.templateId, orderIds: existing, includeExported: false }, "retry");
}

export async function listExportRuns(scope: StoreScope, query: { templateId?: number; limit: number }) {
  return scope.db
    .select()
    .from(exportRuns)
    .where(and(eq(exportRuns.storeId, scope.storeId), query.templateId ? eq(exportRuns.templateId, query.templateId) : undefined))
    .orderBy(desc(exportRuns.id))
    .limit(query.limit);
}
