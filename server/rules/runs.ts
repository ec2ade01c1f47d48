import { and, eq, sql } from "drizzle-orm";
import { evaluate } from "@/rules";
import type { Database } from "@/db/client";
import { ruleRuns } from "@/db/schema";
import { DomainError } from "@/server/errors";
import { withRuleDepth } from "@/server/events/causation";
import { getOrderRecord } from "@/server/orders/read";
import { ruleOrderOf } from "./order";
import { ALL_PERMISSIONS } from "@/server/permissions";
import type { StoreScope } from "@/server/scope";
import { applyIntent, type ApplyTarget } from "./apply";
import { loadRuleSet } from "./loader";
import type { RuleTarget } from "./targets";

/** One intent as planned by the evaluate step: JSON, so a step can memoize it. */
export interface PlannedIntent {
  ruleId: number;
  ruleName: string;
  ownerUserId: number | null;
  nodeId: string;
  kind: string;
  input: Record<string, unknown>;
  itemId?: number;
}

export interface OrderPlan {
  runId: number;
  intents: PlannedIntent[];
}

const systemScope = (db: Database, storeId: number): StoreScope => ({ db, storeId, actor: { kind: "system", name: "Rules", permissions: ALL_PERMISSIONS } });

/**
 * Evaluates the store's rules for this trigger against the order as it is now, and records the
 * run (trace + intents) for the order page. A repeat for the same event returns the recorded plan.
 */
export async function planOrder(db: Database, target: RuleTarget, orderId: number, eventId: string, eventName: string, now: Date): Promise<OrderPlan | null> {
  // The rules first: a store without rules for this trigger (most events of a big import) reads no order.
  const onlyIds = target.trigger.kind === "manual" ? target.trigger.ruleIds : target.trigger.kind === "schedule" ? [target.trigger.ruleId] : undefined;
  const { compiled, byId } = await loadRuleSet(db, target.storeId, target.trigger.kind, onlyIds);
  if (byId.size === 0) return null;
  const record = await getOrderRecord(systemScope(db, target.storeId), orderId).catch((error: unknown) => {
    if (error instanceof DomainError && error.code === "NOT_FOUND") return null;
    throw error;
  });
  if (!record) return null;
  const order = ruleOrderOf(record);
  const event =
    target.trigger.kind === "order.folder_changed"
      ? { kind: "order.folder_changed" as const, folderId: target.trigger.folderId }
      : target.trigger.kind === "manual" || target.trigger.kind === "schedule"
        ? { kind: target.trigger.kind, ruleIds: [...byId.keys()] }
        : { kind: target.trigger.kind };
  const { intents, trace } = evaluate(compiled, order, { event: event as never, now });
  const planned: PlannedIntent[] = intents.map((intent) => {
    const rule = byId.get(String(intent.ruleId))!;
    const itemId = intent.itemIndex === undefined ? undefined : Number(order.order_items[intent.itemIndex]?.id);
    return { ruleId: rule.id, ruleName: rule.name, ownerUserId: rule.ownerUserId, nodeId: intent.nodeId, kind: intent.kind, input: intent.input as Record<string, unknown>, ...(itemId ? { itemId } : {}) };
  });
  const [run] = await db
    .insert(ruleRuns)
    .values({ storeId: target.storeId, orderId, eventId, eventName, status: planned.length ? "running" : "completed", trace: trace as unknown[], intents: planned })
    .onConflictDoUpdate({ target: [ruleRuns.storeId, ruleRuns.eventId, ruleRuns.orderId], set: { updatedAt: new Date() } })
    .returning({ id: ruleRuns.id, intents: ruleRuns.intents });
  return { runId: run!.id, intents: run!.intents as PlannedIntent[] };
}

/**
 * Applies one planned intent as its rule (one step each, so a retry redoes only what failed).
 * A domain refusal (folder gone, store not reachable) is recorded and not retried; anything else
 * is recorded and thrown, so the engine retries it with backoff.
 */
export async function applyPlanned(db: Database, storeId: number, runId: number, index: number, intent: PlannedIntent, target: ApplyTarget, depth: number) {
  const scope: StoreScope = { db, storeId, actor: { kind: "rule", ruleId: intent.ruleId, name: intent.ruleName, ownerUserId: intent.ownerUserId, permissions: ALL_PERMISSIONS } };
  try {
    const outcome = await withRuleDepth(depth, () => applyIntent(scope, intent, target));
    await recordResult(db, storeId, runId, index, { status: outcome.status, at: new Date().toISOString() });
    return outcome.status;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const refused = error instanceof DomainError;
    await recordResult(db, storeId, runId, index, { status: refused ? "refused" : "error", error: message, at: new Date().toISOString() });
    if (refused) return "refused";
    throw error;
  }
}

async function recordResult(db: Database, storeId: number, runId: number, index: number, result: Record<string, unknown>) {
  // Attempts accumulate, so the run log shows retries.
  await db
    .update(ruleRuns)
    .set({
      results: sql`jsonb_set(${ruleRuns.results}, ${`{${index}}`}::text[], ${JSON.stringify(result)}::jsonb || jsonb_build_object('attempts', coalesce((${ruleRuns.results} -> ${String(index)} ->> 'attempts')::int, 0) + 1))`,
      updatedAt: new Date(),
    })
    .where(and(eq(ruleRuns.storeId, storeId), eq(ruleRuns.id, runId)));
}

export async function finishRun(db: Database, storeId: number, runId: number, status: "completed" | "failed") {
  await db.update(ruleRuns).set({ status, updatedAt: new Date() }).where(and(eq(ruleRuns.storeId, storeId), eq(ruleRuns.id, runId)));
}

/** A chain of rule effects hit the depth limit: recorded on the order, not run further. */
export async function recordLoop(db: Database, target: RuleTarget, eventId: string, eventName: string) {
  for (const orderId of target.orderIds ?? []) {
    await db
      .insert(ruleRuns)
      .values({ storeId: target.storeId, orderId, eventId, eventName, status: "loop_stopped", trace: [{ message: `Stopped: rules triggered each other ${target.depth} times in a row (limit reached). Check rules whose actions fire their own trigger.` }] })
      .onConflictDoNothing();
  }
}
