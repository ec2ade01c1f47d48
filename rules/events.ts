import type { RuleOrder } from "./catalog/order";
import { TRIGGER_KINDS, TRIGGERS } from "./catalog/triggers";
import type { Rule } from "./schema";

/**
 * What happened, as the job runner tells evaluate. Kinds mirror the triggers. A folder change
 * carries the folder the order moved into; schedule and manual runs name the rules they run, since
 * those triggers fire one rule, not every rule listening for an event.
 */
export type TriggerEvent =
  | { kind: "order.created" }
  | { kind: "order.updated" }
  | { kind: "order.folder_changed"; folderId: number }
  | { kind: "shipment.created" }
  | { kind: "order.split" }
  | { kind: "order.copied_in" }
  | { kind: "schedule"; ruleIds: readonly string[] }
  | { kind: "manual"; ruleIds: readonly string[] };

/**
 * triggerMismatch for one rule. When only the event's kind matters (not a schedule, a manual run or
 * a move into one folder), a matching event is decided by one comparison.
 */
export function mismatchFor(rule: Rule): (event: TriggerEvent, order: RuleOrder) => string | null {
  const kind = runsOn(rule);
  if (kind !== null) return (event, order) => (event.kind === kind ? null : triggerMismatch(rule, event, order));
  return (event, order) => triggerMismatch(rule, event, order);
}

/**
 * The event kind that runs the rule when only the kind matters (not a schedule, a manual run or a
 * move into one folder), else null. It is the catalog's own string: comparing it with an event kind
 * written as a literal is a pointer check.
 */
export function runsOn(rule: Rule): TriggerEvent["kind"] | null {
  const { trigger } = rule;
  const byKindOnly = trigger.kind !== "schedule" && trigger.kind !== "manual" && !(trigger.kind === "order.folder_changed" && trigger.folderId !== undefined);
  return byKindOnly ? (TRIGGER_KINDS.find((k) => k === trigger.kind) ?? null) : null;
}

/** Why the event does not run the rule, or null when it does. */
function triggerMismatch(rule: Rule, event: TriggerEvent, order: RuleOrder): string | null {
  const { trigger } = rule;
  if (trigger.kind !== event.kind) return `it runs on "${TRIGGERS[trigger.kind].label}", not on "${TRIGGERS[event.kind].label}"`;
  if (trigger.kind === "order.folder_changed" && event.kind === "order.folder_changed" && trigger.folderId !== undefined && trigger.folderId !== event.folderId) {
    return `it runs when an order moves into folder ${trigger.folderId}, and this one moved into folder ${event.folderId}`;
  }
  if ((event.kind === "schedule" || event.kind === "manual") && !event.ruleIds.includes(rule.id)) return `this ${event.kind === "schedule" ? "scheduled" : "manual"} run is for other rules`;
  // The order may have left the folder between the scheduler's query and this run.
  if (trigger.kind === "schedule" && Number(order.folder_id) !== trigger.folderId) {
    return `it runs on the orders in folder ${trigger.folderId}, and this order is in folder ${String(order.folder_id ?? "(none)")}`;
  }
  return null;
}
