import { exportScope, deliverPart, finishExportRun, planExport } from "@/server/exports/job";
import type { JobDefinition, JobDeps } from "../types";

const RETRIES = 6;

/**
 * Delivers an export run. Each part (the batch, or one order) is its own step: a part that was
 * delivered and marked is never sent again when a later part fails and the run is retried.
 */
export const runExport = (deps: JobDeps): JobDefinition => ({
  id: "run-export",
  name: "Run export",
  triggers: [{ event: "export/requested" }],
  retries: RETRIES,
  async handler({ event, step, attempt }) {
    const storeId = Number(event.data.storeId);
    const runId = Number(event.data.runId);
    const scope = exportScope(await deps.db(), storeId);
    const plan = await step.run("plan", () => planExport(scope, runId));
    if (plan.done) return { skipped: "run already finished" };
    let delivered = 0;
    for (const [index, orderIds] of plan.parts.entries()) {
      const outcome = await step.run(`deliver-${index}`, () => deliverPart(scope, runId, orderIds, attempt, RETRIES + 1));
      if (!outcome.ok) {
        await step.run("fail", () => finishExportRun(scope, runId, { status: "failed", error: outcome.error }));
        return { failed: outcome.error, delivered };
      }
      delivered += 1;
    }
    await step.run("finish", () => finishExportRun(scope, runId, { status: "delivered" }));
    return { delivered };
  },
});
