import { findField } from "./catalog/fields";
import type { RuleOrder, RuleOrderItem } from "./catalog/order";
import { compileComparison, traceValue } from "./compile-comparison";
import { formatPath, InvalidRuleError } from "./errors";
import { triggerMismatch, type TriggerEvent } from "./events";
import { stepName } from "./names";
import { viewCondition, type Action, type ActionStep, type Condition, type IfStep, type Rule, type Step } from "./schema";
import { hasTokens, resolveTokens } from "./tokens";
import type { Intent, TraceEntry } from "./trace";
import { validateRule } from "./validate";

/** The mutable state of one evaluation; compiled closures read the order from it and append to it. */
export interface RunContext {
  order: RuleOrder;
  items: readonly RuleOrderItem[];
  nowMs: number;
  trace: TraceEntry[] | null;
  intents: Intent[];
  stopped: boolean;
}

type Run = (ctx: RunContext, item: RuleOrderItem | undefined, itemIndex: number | undefined) => void;
type Predicate = (ctx: RunContext, item: RuleOrderItem | undefined, itemIndex: number | undefined) => boolean;

export interface CompiledRule {
  readonly id: string;
  readonly name: string;
  /** Why this event does not run the rule, or null when it does. */
  readonly mismatch: (event: TriggerEvent, order: RuleOrder) => string | null;
  readonly run: (ctx: RunContext) => void;
}

export interface CompiledRuleSet {
  readonly rules: readonly CompiledRule[];
}

/**
 * Compiles rules once (when a rule set is saved or loaded) into closures: fields resolved to
 * getters, constants parsed, regexes built, lists turned into sets. The rules are validated
 * first (InvalidRuleError) and copied, so later changes to the caller's objects cannot leak in.
 */
export function compileRules(rules: readonly Rule[]): CompiledRuleSet {
  const ids = new Set<string>();
  const compiled = rules.map((input) => {
    const checked = validateRule(input);
    if (!checked.ok) throw new InvalidRuleError(input.id, checked.errors);
    if (ids.has(input.id)) throw new InvalidRuleError(input.id, [{ code: "invalid_document", message: `Two rules in the set have the id "${input.id}".` }]);
    ids.add(input.id);
    return compileRule(deepFreeze(structuredClone(checked.rule)));
  });
  return { rules: compiled };
}

function compileRule(rule: Rule): CompiledRule {
  const body = compileSteps(rule.body, rule.id);
  const scope = rule.scope;
  const where = scope.kind === "items" && scope.where ? compileCondition(scope.where, rule.id, rule.trigger.nodeId, []) : null;
  const run =
    scope.kind === "order"
      ? (ctx: RunContext) => body(ctx, undefined, undefined)
      : (ctx: RunContext) =>
          ctx.items.forEach((item, itemIndex) => {
            const matched = where === null || where(ctx, item, itemIndex);
            ctx.trace?.push({ kind: "item", ruleId: rule.id, nodeId: rule.trigger.nodeId, itemIndex, matched });
            if (matched) body(ctx, item, itemIndex);
          });
  return { id: rule.id, name: rule.name, mismatch: (event, order) => triggerMismatch(rule, event, order), run };
}

function compileSteps(steps: readonly Step[], ruleId: string): Run {
  const runs = steps.map((step) => (step.kind === "if" ? compileIf(step, ruleId) : compileAction(step, ruleId)));
  return (ctx, item, itemIndex) => {
    for (const run of runs) run(ctx, item, itemIndex);
  };
}

function compileIf(step: IfStep, ruleId: string): Run {
  const test = compileCondition(step.condition, ruleId, step.nodeId, []);
  const then = compileSteps(step.then, ruleId);
  const otherwise = compileSteps(step.else, ruleId);
  const label = stepName(step);
  return (ctx, item, itemIndex) => {
    const passed = test(ctx, item, itemIndex);
    ctx.trace?.push({ kind: "branch", ruleId, nodeId: step.nodeId, label, branch: passed ? "true" : "false", ...at(itemIndex) });
    (passed ? then : otherwise)(ctx, item, itemIndex);
  };
}

const at = (itemIndex: number | undefined) => (itemIndex === undefined ? {} : { itemIndex });

function compileCondition(condition: Condition, ruleId: string, nodeId: string, path: PropertyKey[]): Predicate {
  const view = viewCondition(condition);
  switch (view.kind) {
    case "comparison": {
      const { comparison } = view;
      const { field, expected, negated, holds, reason } = compileComparison(comparison);
      const where = formatPath(path);
      return (ctx, item, itemIndex) => {
        const raw = field.get(ctx.order, item);
        const held = holds(raw, ctx.nowMs);
        const passed = held !== negated;
        ctx.trace?.push({
          kind: "condition",
          ruleId,
          nodeId,
          path: where,
          field: comparison.field,
          fieldLabel: field.label,
          op: comparison.op,
          expected,
          actual: traceValue(raw),
          passed,
          reason: reason(raw, held, ctx.nowMs, field.scope === "item" ? itemIndex : undefined),
          ...at(itemIndex),
        });
        return passed;
      };
    }
    case "all":
    case "any": {
      const parts = view.children.map((child, i) => compileCondition(child, ruleId, nodeId, [...path, view.kind, i]));
      const wanted = view.kind === "any";
      // Short-circuits like && and ||; the trace shows only the comparisons that ran.
      return (ctx, item, itemIndex) => {
        for (const part of parts) if (part(ctx, item, itemIndex) === wanted) return wanted;
        return !wanted;
      };
    }
    case "not": {
      const inner = compileCondition(view.child, ruleId, nodeId, [...path, "not"]);
      return (ctx, item, itemIndex) => !inner(ctx, item, itemIndex);
    }
    case "anyItem":
    case "allItems": {
      const inner = compileCondition(view.child, ruleId, nodeId, [...path, view.kind]);
      const wanted = view.kind === "anyItem";
      // "Every item" of an order without items is false: an empty order should not trigger it.
      return (ctx) => {
        if (ctx.items.length === 0) return false;
        for (const [i, item] of ctx.items.entries()) if (inner(ctx, item, i) === wanted) return wanted;
        return !wanted;
      };
    }
  }
}

function compileAction(step: ActionStep, ruleId: string): Run {
  const { action, nodeId } = step;
  if (action.kind === "stop_processing") {
    return (ctx, _item, itemIndex) => {
      ctx.stopped = true;
      ctx.trace?.push({ kind: "action", ruleId, nodeId, action: action.kind, ...at(itemIndex) });
    };
  }
  const resolve = inputResolver(action);
  return (ctx, item, itemIndex) => {
    const resolved = resolve(ctx, item);
    if ("skipped" in resolved) {
      ctx.trace?.push({ kind: "action", ruleId, nodeId, action: action.kind, skipped: resolved.skipped, ...at(itemIndex) });
      return;
    }
    ctx.intents.push({ ruleId, nodeId, kind: action.kind, input: resolved.input, ...at(itemIndex) } as Intent);
    ctx.trace?.push({ kind: "action", ruleId, nodeId, action: action.kind, ...at(itemIndex) });
  };
}

type Resolved = { input: Action["input"] } | { skipped: string };

/** Inputs are constant unless they hold tokens (resolved from `now` and the current value) or a shipping-method mapping. */
function inputResolver(action: Action): (ctx: RunContext, item: RuleOrderItem | undefined) => Resolved {
  const constant = { input: action.input };
  switch (action.kind) {
    case "set_field": {
      const { field: fieldId, value } = action.input;
      if (!hasTokens(value)) return () => constant;
      const field = findField(fieldId)!;
      return (ctx, item) => ({ input: { field: fieldId, value: resolveTokens(value, ctx.nowMs, field.get(ctx.order, item)) } });
    }
    case "set_checkout_data":
    case "set_metadata": {
      const { key, value } = action.input;
      if (!hasTokens(value)) return () => constant;
      const mapName = action.kind === "set_checkout_data" ? "checkout_data" : "order_metadata";
      const field = findField(`${mapName}.${key}`)!;
      return (ctx, item) => ({ input: { key, value: resolveTokens(value, ctx.nowMs, field.get(ctx.order, item)) } });
    }
    case "set_shipping_method": {
      const { input } = action;
      if ("method" in input) return () => constant;
      // Mapping is by the current method, ignoring case and surrounding spaces.
      const table = new Map(input.mapping.map(({ from, to }) => [from.trim().toLowerCase(), to]));
      return (ctx) => {
        const current = String(ctx.order.shipping_method ?? "");
        const method = table.get(current.trim().toLowerCase()) ?? input.default;
        return method === undefined ? { skipped: `no mapping for the shipping method ${JSON.stringify(current)} and no default` } : { input: { method } };
      };
    }
    default:
      return () => constant;
  }
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
