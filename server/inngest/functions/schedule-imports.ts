import { importScope, runScheduledCheck } from "@/server/imports/remote";
import { dueScheduledImports } from "@/server/imports/schedule";
import type { JobDefinition, JobDeps } from "../types";

const RETRIES = 4;

/**
 * Every minute: each import template whose schedule is due fetches its folder, one step per
 * template (list, download and import each new file, then move or delete it). Which files were
 * imported is kept in the database, so a retried step never imports a file twice; a server that
 * is down is retried with backoff, a wrong password is shown on the template.
 */
export const scheduleImports = (deps: JobDeps): JobDefinition => ({
  id: "schedule-imports",
  name: "Fetch scheduled imports",
  triggers: [{ cron: "* * * * *" }],
  retries: RETRIES,
  async handler({ event, step, attempt }) {
    const slot = new Date(Math.floor(event.ts / 60_000) * 60_000);
    const db = await deps.db();
    const due = await step.run("find-due-imports", async () =>
      (await dueScheduledImports(db, new Date(slot.getTime() - 60_000), slot)).map((t) => ({ storeId: t.storeId, templateId: t.id })),
    );
    let imported = 0;
    let failed = 0;
    for (const { storeId, templateId } of due) {
      const outcome = await step.run(`fetch-${templateId}`, () => runScheduledCheck(importScope(db, storeId), templateId, attempt, RETRIES + 1));
      if (outcome.ok) imported += outcome.imported;
      else failed += 1;
    }
    return { due: due.length, imported, failed };
  },
});
