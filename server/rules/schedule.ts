import { CronExpressionParser } from "cron-parser";
import { and, asc, eq, isNull } from "drizzle-orm";
import type { Database } from "@/db/client";
import { orders, rules, stores } from "@/db/schema";
import type { RuleTarget } from "./targets";

/** A scheduled rule visits at most this many orders of its folder per run, oldest first. */
export const SCHEDULE_BATCH = 5000;

/** Scheduled rules whose cron (in the rule's timezone, else the store's) has a slot in (from, to]. */
export async function dueScheduledRules(db: Database, from: Date, to: Date) {
  const rows = await db
    .select({ id: rules.id, storeId: rules.storeId, dsl: rules.dsl, storeTimezone: stores.timezone })
    .from(rules)
    .innerJoin(stores, eq(stores.id, rules.storeId))
    .where(and(eq(rules.enabled, true), eq(rules.triggerKind, "schedule"), isNull(stores.archivedAt)));
  return rows.filter((row) => {
    const trigger = (row.dsl as { trigger?: { cron?: string; timezone?: string } }).trigger;
    if (!trigger?.cron) return false;
    try {
      const next = CronExpressionParser.parse(trigger.cron, { currentDate: from, tz: trigger.timezone || row.storeTimezone }).next().toDate();
      return next.getTime() <= to.getTime();
    } catch {
      return false;
    }
  });
}

/** The orders a scheduled rule runs over: those in its folder. */
export async function ordersInFolderForSchedule(db: Database, target: RuleTarget): Promise<number[]> {
  if (target.trigger.kind !== "schedule") return [];
  const [rule] = await db
    .select({ dsl: rules.dsl })
    .from(rules)
    .where(and(eq(rules.storeId, target.storeId), eq(rules.id, target.trigger.ruleId)));
  const folderId = Number((rule?.dsl as { trigger?: { folderId?: number } } | undefined)?.trigger?.folderId);
  if (!folderId) return [];
  const rows = await db
    .select({ id: orders.id })
    .from(orders)
    .where(and(eq(orders.storeId, target.storeId), eq(orders.folderId, folderId)))
    .orderBy(asc(orders.dateAdded), asc(orders.id))
    .limit(SCHEDULE_BATCH);
  return rows.map((r) => r.id);
}
