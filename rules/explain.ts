import { ACTIONS } from "./catalog/actions";
import { findOperator } from "./catalog/operators";
import type { TraceEntry } from "./trace";

/** The trace as sentences, one per entry, for the rule editor's test panel and the order history. */
export function explain(trace: readonly TraceEntry[]): string[] {
  return trace.map((entry) => {
    switch (entry.kind) {
      case "rule":
        return entry.ran ? `Rule "${entry.ruleName}" runs: ${entry.reason}.` : `Rule "${entry.ruleName}" is skipped: ${entry.reason}.`;
      case "item":
        return `  Item ${entry.itemIndex + 1} ${entry.matched ? "matches the filter, so the steps run for it" : "does not match the filter"}.`;
      case "condition":
        return `  ${entry.reason}, so "${entry.fieldLabel} ${findOperator(entry.op)!.label}" ${entry.passed ? "passes" : "fails"}${entry.path ? ` (at ${entry.path})` : ""}.`;
      case "branch":
        return `  ${entry.label} is ${entry.branch}${forItem(entry.itemIndex)}: the ${entry.branch} branch runs.`;
      case "action": {
        const label = `Action "${ACTIONS[entry.action].label}"${forItem(entry.itemIndex)}`;
        if (entry.skipped) return `  ${label} is skipped: ${entry.skipped}.`;
        return entry.action === "stop_processing" ? `  ${label}: no later rule runs.` : `  ${label} will run.`;
      }
    }
  });
}

const forItem = (itemIndex: number | undefined) => (itemIndex === undefined ? "" : ` for item ${itemIndex + 1}`);
