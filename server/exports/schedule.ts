import { CronExpressionParser } from "cron-parser";
import { and, eq, isNotNull, isNull } from "drizzle-orm";
import type { Database } from "@/db/client";
import { exportTemplates, stores } from "@/db/schema";

/** Export templates whose cron (in the store's timezone) has a slot in (from, to]. */
export async function dueScheduledExports(db: Database, from: Date, to: Date) {
  const rows = await db
    .select({ id: exportTemplates.id, storeId: exportTemplates.storeId, schedule: exportTemplates.schedule, timezone: stores.timezone })
    .from(exportTemplates)
    .innerJoin(stores, eq(stores.id, exportTemplates.storeId))
    .where(and(isNotNull(exportTemplates.schedule), isNotNull(exportTemplates.sourceFolderId), isNull(stores.archivedAt)));
  return rows.filter((row) => {
    try {
      return CronExpressionParser.parse(row.schedule!, { currentDate: from, tz: row.timezone }).next().toDate().getTime() <= to.getTime();
    } catch {
      return false;
    }
  });
}
