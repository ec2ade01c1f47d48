import { env } from "@/server/env";
import { applyPlanned, finishRun, planOrder, recordLoop } from "@/server/rules/runs";
import { ordersInFolderForSchedule } from "@/server/rules/schedule";
import { MAX_RULE_DEPTH, ruleTargetOf } from "@/server/rules/targets";
import type { JobDefinition, JobDeps } from "../types";

/**
 * Runs a store's rules on the orders an event is about. Evaluation is one step per order (it
 * records the trace); each intent is applied in its own step, so a failed webhook is retried
 * without splitting or moving the order again. Effects re-triggering rules stop at a depth limit.
 */
export const evaluateRules = (deps: JobDeps): JobDefinition => ({
  id: "evaluate-rules",
  name: "Evaluate rules",
  triggers: [
    { event: "order/created" },
    { event: "order/updated" },
    { event: "order/folder.changed" },
    { event: "shipment/created" },
    { event: "order/split" },
    { event: "order/copied" },
    { event: "rules/scheduled" },
    { event: "rules/manual" },
  ],
  retries: 5,
  async handler({ event, step }) {
    const target = ruleTargetOf(event);
    if (!target) return { skipped: "no rule trigger" };
    const db = await deps.db();
    if (target.depth >= MAX_RULE_DEPTH) {
      await step.run("report-loop", () => recordLoop(db, target, event.id, event.name));
      return { stopped: "loop" };
    }
    const orderIds = target.orderIds ?? (await step.run("find-orders", () => ordersInFolderForSchedule(db, target)));
    let applied = 0;
    for (const orderId of orderIds) {
      const plan = await step.run(`evaluate-${orderId}`, () => planOrder(db, target, orderId, event.id, event.name, new Date(event.ts)));
      if (!plan) continue;
      for (const [index, intent] of plan.intents.entries()) {
        const status = await step.run(`apply-${orderId}-${index}`, () =>
          applyPlanned(db, target.storeId, plan.runId, index, intent, {
            orderId,
            effectKey: `${event.id}:${orderId}:${index}`,
            allowedWebhookHosts: env.WEBHOOK_ALLOWED_HOSTS,
          }, target.depth + 1),
        );
        if (status === "applied") applied += 1;
      }
      if (plan.intents.length) await step.run(`finish-${orderId}`, () => finishRun(db, target.storeId, plan.runId, "completed"));
    }
    return { orders: orderIds.length, applied };
  },
});
