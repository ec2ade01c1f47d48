import { compileRules, evaluate, type Condition, type Rule, type RuleOrder, type Scope, type Step, type TriggerConfig } from "@/rules";
import sample from "../../fixtures/orderdesk/order.json";

/** A fixed clock: every relative date in these tests is relative to it. */
export const NOW = new Date("2024-06-15T12:00:00Z");

/** The Order Desk sample order (a fresh copy), with `patch` laid over its top level. */
export function sampleOrder(patch: Partial<RuleOrder> = {}): RuleOrder {
  return { ...structuredClone(sample), ...patch } as RuleOrder;
}

export function rule(body: Step[], options: { id?: string; name?: string; trigger?: TriggerConfig; scope?: Scope } = {}): Rule {
  return {
    version: 1,
    id: options.id ?? "rule-1",
    name: options.name ?? "Test rule",
    trigger: { ...(options.trigger ?? { kind: "order.created" }), nodeId: "trigger" },
    scope: options.scope ?? { kind: "order" },
    body,
  };
}

export const tag = (nodeId: string, name: string): Step => ({ kind: "action", nodeId, action: { kind: "add_tag", input: { tag: name } } });

/** A rule that tags "yes" or "no" by one condition. */
export const ifRule = (condition: Condition, options: Parameters<typeof rule>[1] = {}) =>
  rule([{ kind: "if", nodeId: "cond", condition, then: [tag("yes", "yes")], else: [tag("no", "no")] }], options);

/** Whether `condition` holds for `order`, plus the evaluation for a closer look. */
export function check(condition: Condition, order: RuleOrder) {
  const result = evaluate(compileRules([ifRule(condition)]), order, { event: { kind: "order.created" }, now: NOW });
  const branch = result.trace.find((entry) => entry.kind === "branch");
  return { passed: branch?.kind === "branch" && branch.branch === "true", result };
}
