import { ACTIONS } from "./catalog/actions";
import { findField } from "./catalog/fields";
import { TRIGGERS } from "./catalog/triggers";
import { comparisonsIn, type Condition, type Step, type TriggerConfig, type UncheckedAction } from "./schema";

/** How messages and the trace name a node: by its label, else by what it tests or does. */
export function stepName(step: Step<UncheckedAction>): string {
  return step.kind === "if" ? `Condition "${step.label ?? (conditionSummary(step.condition) || step.nodeId)}"` : `Action "${ACTIONS[step.action.kind].label}"`;
}

export const triggerName = (trigger: TriggerConfig) => `Trigger "${TRIGGERS[trigger.kind].label}"`;

export const ITEM_FILTER_NAME = 'The "for each item where" filter';

/** The fields a condition tests, e.g. "Ship to country" or "Ship to country, Order total". */
export function conditionSummary(condition: Condition): string {
  const labels = [...new Set(comparisonsIn(condition).map((leaf) => findField(leaf.field)?.label ?? leaf.field))];
  return labels.length > 3 ? `${labels.slice(0, 3).join(", ")} and ${labels.length - 3} more` : labels.join(", ");
}
