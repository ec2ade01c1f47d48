import type { ActionId, ActionInput } from "./catalog/actions";
import type { OperatorId } from "./catalog/operators";

/** A value as the trace shows it: what the rule says (`expected`) or what the order holds (`actual`). */
export type TraceValue = string | number | (string | number)[] | null;

/**
 * What evaluation did, step by step, as plain data (deep-equal across runs). `itemIndex` is the
 * 0-based position in `order_items` of the item a step ran for or a comparison read; sentences
 * number items from 1.
 */
export type TraceEntry =
  /** A rule ran, or was skipped (trigger mismatch, or an earlier rule stopped processing). */
  | { kind: "rule"; ruleId: string; ruleName: string; ran: boolean; reason: string }
  /** One comparison (a leaf of a condition); `path` is its place in the tree, "" for the root. */
  | {
      kind: "condition";
      ruleId: string;
      nodeId: string;
      path: string;
      field: string;
      fieldLabel: string;
      op: OperatorId;
      expected: TraceValue;
      actual: TraceValue;
      passed: boolean;
      reason: string;
      itemIndex?: number;
    }
  /** In a "for each item" rule: whether the item passed the filter, so the body ran for it. */
  | { kind: "item"; ruleId: string; nodeId: string; itemIndex: number; matched: boolean }
  /** The branch a condition node took. */
  | { kind: "branch"; ruleId: string; nodeId: string; label: string; branch: "true" | "false"; itemIndex?: number }
  /** An action produced an intent, or was skipped (`skipped` says why); stop_processing has no intent. */
  | { kind: "action"; ruleId: string; nodeId: string; action: ActionId; skipped?: string; itemIndex?: number };

export type Intent = {
  [K in ActionId]: { ruleId: string; nodeId: string; kind: K; input: ActionInput<K>; itemIndex?: number };
}[ActionId];
