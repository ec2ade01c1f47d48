import { findField } from "./catalog/fields";
import type { RuleOrderItem } from "./catalog/order";
import type { RunContext, RunMode } from "./run-context";
import type { Action, ActionStep } from "./schema";
import { hasTokens, resolveTokens } from "./tokens";
import type { Intent, TraceEntry } from "./trace";

type ActionEntry = Extract<TraceEntry, { kind: "action" }>;

/** An action run for the order, or for one item (`item` and its index in `order_items`). */
export type RunAction = (ctx: RunContext, item: RuleOrderItem | undefined, itemIndex: number | undefined) => void;

/**
 * One action step of a rule: its intent (constant when it can be). An input that depends on the
 * order (resolved) is resolved in a plain or recording run, and kept in a recording one; a replay
 * takes the kept one, in the same order, and logs the step's trace entry.
 */
export function compileAction(step: ActionStep, ruleId: string, mode: RunMode): RunAction {
  const { action, nodeId } = step;
  const kind = action.kind;
  const ran = shared<ActionEntry>({ kind: "action", ruleId, nodeId, action: kind });
  const log = (ctx: RunContext, itemIndex: number | undefined, skipped?: string) => {
    if (mode !== "replay") return;
    const entry = skipped === undefined ? ran : { ...ran, skipped };
    ctx.log.push(itemIndex === undefined ? entry : { ...entry, itemIndex });
  };
  if (kind === "stop_processing") {
    return (ctx, _item, itemIndex) => {
      ctx.stopped = true;
      log(ctx, itemIndex);
    };
  }
  const intent = (input: Action["input"], itemIndex: number | undefined) => (itemIndex === undefined ? { ruleId, nodeId, kind, input } : { ruleId, nodeId, kind, input, itemIndex }) as Intent;
  const resolve = inputResolver(action);
  if (resolve === null) {
    const constant = shared(intent(action.input, undefined));
    return (ctx, _item, itemIndex) => {
      ctx.intents.push(itemIndex === undefined ? constant : intent(constant.input, itemIndex));
      log(ctx, itemIndex);
    };
  }
  return (ctx, item, itemIndex) => {
    let resolved: Resolved;
    if (mode === "replay") resolved = ctx.takeBack() as Resolved;
    else {
      resolved = resolve(ctx, item);
      if (mode === "record") ctx.keep(resolved);
    }
    if ("skipped" in resolved) return log(ctx, itemIndex, resolved.skipped);
    ctx.intents.push(intent(resolved.input, itemIndex));
    log(ctx, itemIndex);
  };
}

/** An input resolved from the order, or why the action is skipped. */
export type Resolved = { input: Action["input"] } | { skipped: string };

/**
 * Inputs are constant (null: no resolver) unless they hold tokens (resolved from `now` and the
 * current value) or a shipping-method mapping.
 */
function inputResolver(action: Action): ((ctx: RunContext, item: RuleOrderItem | undefined) => Resolved) | null {
  switch (action.kind) {
    case "set_field": {
      const { field: fieldId, value } = action.input;
      if (!hasTokens(value)) return null;
      const field = findField(fieldId)!;
      return (ctx, item) => ({ input: { field: fieldId, value: resolveTokens(value, ctx.nowMs, field.get(ctx.order, item)) } });
    }
    case "set_checkout_data":
    case "set_metadata": {
      const { key, value } = action.input;
      if (!hasTokens(value)) return null;
      const mapName = action.kind === "set_checkout_data" ? "checkout_data" : "order_metadata";
      const field = findField(`${mapName}.${key}`)!;
      return (ctx, item) => ({ input: { key, value: resolveTokens(value, ctx.nowMs, field.get(ctx.order, item)) } });
    }
    case "set_shipping_method": {
      const { input } = action;
      if ("method" in input) return null;
      // Mapping is by the current method, ignoring case and surrounding spaces.
      const table = new Map(input.mapping.map(({ from, to }) => [from.trim().toLowerCase(), to]));
      return (ctx) => {
        const current = String(ctx.order.shipping_method ?? "");
        const method = table.get(current.trim().toLowerCase()) ?? input.default;
        return method === undefined ? { skipped: `no mapping for the shipping method ${JSON.stringify(current)} and no default` } : { input: { method } };
      };
    }
    default:
      return null;
  }
}

/**
 * What every evaluation reports the same way (a branch taken, an action run with a constant
 * input) is built once, frozen, and handed out as is: no allocation per order. Frozen like the rule
 * it comes from, so no caller can change it for the next evaluation.
 */
export function shared<T extends object>(value: T): T {
  return Object.freeze(value);
}
