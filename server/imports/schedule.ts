import { CronExpressionParser } from "cron-parser";
import { and, eq, isNotNull, isNull } from "drizzle-orm";
import type { Database } from "@/db/client";
import { importTemplates, stores } from "@/db/schema";

/** Import templates with a source whose cron (in the store's timezone) has a slot in (from, to]. */
export async function dueScheduledImports(db: Database, from: Date, to: Date) {
  const rows = await db
    .select({ id: importTemplates.id, storeId: importTemplates.storeId, schedule: importTemplates.schedule, timezone: stores.timezone })
    .from(importTemplates)
    .innerJoin(stores, eq(stores.id, importTemplates.storeId))
    .where(and(isNotNull(importTemplates.schedule), isNotNull(importTemplates.source), isNull(stores.archivedAt)));
  return rows.filter((row) => {
    try {
      return CronExpressionParser.parse(row.schedule!, { currentDate: from, tz: row.timezone }).next().toDate().getTime() <= to.getTime();
    } catch {
      return false;
    }
  });
}
