import { dueScheduledRules } from "@/server/rules/schedule";
import type { JobDefinition, JobDeps } from "../types";

/**
 * Every minute: each enabled scheduled rule whose cron (in its store's timezone) has a slot in the
 * past minute gets a `rules/scheduled` event, which evaluate-rules runs over the rule's folder.
 */
export const scheduleRules = (deps: JobDeps): JobDefinition => ({
  id: "schedule-rules",
  name: "Start scheduled rules",
  triggers: [{ cron: "* * * * *" }],
  retries: 2,
  async handler({ event, step }) {
    const slot = new Date(Math.floor(event.ts / 60_000) * 60_000);
    const due = await step.run("find-due-rules", async () => {
      const rows = await dueScheduledRules(await deps.db(), new Date(slot.getTime() - 60_000), slot);
      return rows.map((r) => ({ storeId: r.storeId, ruleId: r.id }));
    });
    if (due.length > 0) {
      await step.sendEvent(
        "start-rules",
        due.map((d) => ({ name: "rules/scheduled" as const, data: { storeId: d.storeId, ruleId: d.ruleId, slot: slot.toISOString() } })),
      );
    }
    return { started: due.length };
  },
});
