import { eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { auditEvents } from "@/db/schema";

/** How many audit rows a store has: compared before and after to prove nothing was written. */
export async function auditCount(db: Database, storeId: number): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(auditEvents)
    .where(eq(auditEvents.storeId, storeId));
  return row!.n;
}
