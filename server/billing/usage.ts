import { and, eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { usageCounters } from "@/db/schema";

/** Calendar month in UTC, e.g. "2026-11": the billing period. */
export const currentBillingMonth = (now = new Date()) => now.toISOString().slice(0, 7);

/**
 * Every created order counts toward the store's monthly usage (copies too, like the anchor).
 * The counter is split over 32 rows picked by the database connection, so concurrent ingests in
 * one store do not queue on a single row lock until commit (it capped ingest at ~100 orders/s).
 */
export async function countOrdersForBilling(tx: Database, storeId: number, count: number) {
  if (count === 0) return;
  await tx
    .insert(usageCounters)
    .values({ storeId, month: currentBillingMonth(), shard: sql`pg_backend_pid() % 32`, ordersCreated: count })
    .onConflictDoUpdate({
      target: [usageCounters.storeId, usageCounters.month, usageCounters.shard],
      set: { ordersCreated: sql`${usageCounters.ordersCreated} + ${count}` },
    });
}

/** Orders a store created in a billing month (sum of its counter shards). */
export async function ordersCreatedIn(db: Database, storeId: number, month = currentBillingMonth()): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`coalesce(sum(${usageCounters.ordersCreated}), 0)::int` })
    .from(usageCounters)
    .where(and(eq(usageCounters.storeId, storeId), eq(usageCounters.month, month)));
  return row?.n ?? 0;
}
