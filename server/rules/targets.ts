import type { JobEvent } from "@/server/inngest/types";

/** Effects of rules that trigger rules, that trigger rules...: stopped and reported at this depth. */
export const MAX_RULE_DEPTH = 5;

/** The rule trigger an event fires (the DSL's trigger kinds), in the store whose rules run. */
export type RuleTrigger =
  | { kind: "order.created" | "order.updated" | "shipment.created" | "order.split" | "order.copied_in" }
  | { kind: "order.folder_changed"; folderId: number }
  | { kind: "schedule"; ruleId: number }
  | { kind: "manual"; ruleIds: number[] };

export interface RuleTarget {
  storeId: number;
  trigger: RuleTrigger;
  /** The orders to evaluate; absent for a schedule (it runs over its folder). */
  orderIds?: number[];
  /** How many rule effects led to this event (0: a person, an API client or a cart). */
  depth: number;
}

const ids = (value: unknown): number[] => (Array.isArray(value) ? value.map(Number).filter(Number.isSafeInteger) : []);

/** Which rules an event fires, on which orders. Undefined: the event fires no rules. */
export function ruleTargetOf(event: JobEvent): RuleTarget | undefined {
  const data = event.data;
  const storeId = Number(data.storeId);
  const depth = Number(data.depth ?? 0);
  const orderId = Number(data.orderId);
  const one = (trigger: RuleTrigger): RuleTarget => ({ storeId, trigger, orderIds: [orderId], depth });
  switch (event.name) {
    case "order/created":
      return one({ kind: "order.created" });
    case "order/updated":
      return one({ kind: "order.updated" });
    case "shipment/created":
      return one({ kind: "shipment.created" });
    case "order/folder.changed":
      return one({ kind: "order.folder_changed", folderId: Number(data.toFolderId) });
    case "order/split":
      // The parts split off are the new orders; the parent fired its own update.
      return { storeId, trigger: { kind: "order.split" }, orderIds: ids(data.childOrderIds), depth };
    case "order/copied":
      // A copy is "copied in" to the target store: that store's rules run on it.
      return { storeId: Number(data.targetStoreId), trigger: { kind: "order.copied_in" }, orderIds: [Number(data.copyId)], depth };
    case "rules/scheduled":
      return { storeId, trigger: { kind: "schedule", ruleId: Number(data.ruleId) }, depth };
    case "rules/manual":
      return { storeId, trigger: { kind: "manual", ruleIds: ids(data.ruleIds) }, orderIds: ids(data.orderIds), depth };
    default:
      return undefined;
  }
}
