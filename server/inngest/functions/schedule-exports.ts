import { exportScope } from "@/server/exports/job";
import { startExport } from "@/server/exports/runs";
import { dueScheduledExports } from "@/server/exports/schedule";
import type { JobDefinition, JobDeps } from "../types";

/**
 * Every minute: each scheduled export template that is due starts a run over the orders of its
 * folder it has not exported yet (startExport queues the delivery). Each start is its own step,
 * so a retry of this job never starts the same slot's export twice.
 */
export const scheduleExports = (deps: JobDeps): JobDefinition => ({
  id: "schedule-exports",
  name: "Start scheduled exports",
  triggers: [{ cron: "* * * * *" }],
  retries: 2,
  async handler({ event, step }) {
    const slot = new Date(Math.floor(event.ts / 60_000) * 60_000);
    const db = await deps.db();
    const due = await step.run("find-due-exports", async () =>
      (await dueScheduledExports(db, new Date(slot.getTime() - 60_000), slot)).map((t) => ({ storeId: t.storeId, templateId: t.id })),
    );
    let started = 0;
    for (const { storeId, templateId } of due) {
      const result = await step.run(`start-${templateId}`, () => startExport(exportScope(db, storeId), { templateId, includeExported: false }, "schedule"));
      if (result.runId !== null) started += 1;
    }
    return { due: due.length, started };
  },
});
