import { findField } from "./catalog/fields";
import type { RuleOrder, RuleOrderItem } from "./catalog/order";
import { compileComparison, type Test } from "./compile-comparison";
import { formatPath, InvalidRuleError } from "./errors";
import { mismatchFor, type TriggerEvent } from "./events";
import { stepName } from "./names";
import { FieldReads } from "./reads";
import type { RunContext } from "./run-context";
import { viewCondition, type Action, type ActionStep, type Comparison, type Condition, type IfStep, type Rule, type Step } from "./schema";
import { hasTokens, resolveTokens } from "./tokens";
import type { Intent, TraceEntry } from "./trace";
import { validateRule } from "./validate";

type BranchEntry = Extract<TraceEntry, { kind: "branch" }>;
type ActionEntry = Extract<TraceEntry, { kind: "action" }>;

/** Steps run for the order, or for one item (`item` and its index in `order_items`). */
type Run = (ctx: RunContext, item?: RuleOrderItem, itemIndex?: number) => void;

export interface CompiledRule {
  readonly id: string;
  readonly name: string;
  /** Why this event does not run the rule, or null when it does. */
  readonly mismatch: (event: TriggerEvent, order: RuleOrder) => string | null;
  /** Runs the rule for its intents only, for bulk runs. */
  readonly run: (ctx: RunContext) => void;
  /** Runs it and records every step in ctx.trace. */
  readonly runTraced: (ctx: RunContext) => void;
  /** The trace entry of a run, the same every time. */
  readonly ranEntry: TraceEntry;
}

export interface CompiledRuleSet {
  readonly rules: readonly CompiledRule[];
  /** The field reads the rules share, so an evaluation computes each value once. */
  readonly reads: FieldReads;
}

/**
 * Compiles rules once (when a rule set is saved or loaded) into closures: fields resolved to
 * shared reads, constants parsed, regexes built, lists made ready for lookup. Each rule is compiled
 * twice, with and without the trace, so a run without it pays nothing for it. The rules are
 * validated first (InvalidRuleError) and copied, so later changes to the caller's objects cannot
 * leak in.
 */
export function compileRules(rules: readonly Rule[]): CompiledRuleSet {
  const ids = new Set<string>();
  const reads = new FieldReads();
  const compiled = rules.map((input) => {
    const checked = validateRule(input);
    if (!checked.ok) throw new InvalidRuleError(input.id, checked.errors);
    if (ids.has(input.id)) throw new InvalidRuleError(input.id, [{ code: "invalid_document", message: `Two rules in the set have the id "${input.id}".` }]);
    ids.add(input.id);
    return compileRule(deepFreeze(structuredClone(checked.rule)), reads);
  });
  return { rules: compiled, reads };
}

function compileRule(rule: Rule, reads: FieldReads): CompiledRule {
  const run = compileBody(rule, { ruleId: rule.id, reads, traced: false });
  const runTraced = compileBody(rule, { ruleId: rule.id, reads, traced: true });
  const ranEntry = shared<TraceEntry>({ kind: "rule", ruleId: rule.id, ruleName: rule.name, ran: true, reason: "its trigger matches the event" });
  return { id: rule.id, name: rule.name, mismatch: mismatchFor(rule), run, runTraced, ranEntry };
}

/** Where steps are compiled: their rule, the reads the rule set shares, and whether to trace. */
interface Place {
  ruleId: string;
  reads: FieldReads;
  traced: boolean;
}

function compileBody(rule: Rule, place: Place): (ctx: RunContext) => void {
  const body = compileSteps(rule.body, place);
  const { scope, trigger } = rule;
  if (scope.kind === "order") return body;
  const where = scope.where ? compileCondition(scope.where, { ...place, nodeId: trigger.nodeId }, []) : null;
  const { ruleId, traced } = place;
  return (ctx) =>
    ctx.items.forEach((item, itemIndex) => {
      const matched = where === null || where(ctx, item, itemIndex);
      if (traced) ctx.trace.push({ kind: "item", ruleId, nodeId: trigger.nodeId, itemIndex, matched });
      if (matched) body(ctx, item, itemIndex);
    });
}

const nothing: Run = () => {};

function compileSteps(steps: readonly Step[], place: Place): Run {
  const runs = steps.map((step) => (step.kind === "if" ? compileIf(step, place) : compileAction(step, place)));
  // Most branches hold one step or none: no loop to go through.
  if (runs.length <= 1) return runs[0] ?? nothing;
  return (ctx, item, itemIndex) => {
    for (const run of runs) run(ctx, item, itemIndex);
  };
}

function compileIf(step: IfStep, place: Place): Run {
  const { nodeId } = step;
  const test = compileCondition(step.condition, { ...place, nodeId }, []);
  const then = compileSteps(step.then, place);
  const otherwise = compileSteps(step.else, place);
  if (!place.traced) {
    // Most conditions have no else: no call to an empty branch.
    if (otherwise === nothing) {
      return (ctx, item, itemIndex) => {
        if (test(ctx, item, itemIndex)) then(ctx, item, itemIndex);
      };
    }
    return (ctx, item, itemIndex) => (test(ctx, item, itemIndex) ? then : otherwise)(ctx, item, itemIndex);
  }
  const { ruleId } = place;
  const label = stepName(step);
  const wentTrue = shared<BranchEntry>({ kind: "branch", ruleId, nodeId, label, branch: "true" });
  const wentFalse = shared<BranchEntry>({ kind: "branch", ruleId, nodeId, label, branch: "false" });
  return (ctx, item, itemIndex) => {
    const passed = test(ctx, item, itemIndex);
    const entry = passed ? wentTrue : wentFalse;
    ctx.trace.push(itemIndex === undefined ? entry : { ...entry, itemIndex });
    (passed ? then : otherwise)(ctx, item, itemIndex);
  };
}

function compileCondition(condition: Condition, place: Place & { nodeId: string }, path: PropertyKey[]): Test {
  const view = viewCondition(condition);
  switch (view.kind) {
    case "comparison":
      return compileLeaf(view.comparison, place, formatPath(path));
    case "all":
    case "any": {
      const parts = view.children.map((child, i) => compileCondition(child, place, [...path, view.kind, i]));
      const wanted = view.kind === "any";
      // Short-circuits like && and ||; the trace shows only the comparisons that ran.
      return (ctx, item, itemIndex) => {
        for (const part of parts) if (part(ctx, item, itemIndex) === wanted) return wanted;
        return !wanted;
      };
    }
    case "not": {
      const inner = compileCondition(view.child, place, [...path, "not"]);
      return (ctx, item, itemIndex) => !inner(ctx, item, itemIndex);
    }
    case "anyItem":
    case "allItems": {
      const inner = compileCondition(view.child, place, [...path, view.kind]);
      const wanted = view.kind === "anyItem";
      // "Every item" of an order without items is false: an empty order should not trigger it.
      return (ctx) => {
        const { items } = ctx;
        if (items.length === 0) return false;
        for (let i = 0; i < items.length; i++) if (inner(ctx, items[i], i) === wanted) return wanted;
        return !wanted;
      };
    }
  }
}

/** One comparison; traced, it records what it read and why it passed or failed. */
function compileLeaf(comparison: Comparison, { ruleId, nodeId, reads, traced }: Place & { nodeId: string }, path: string): Test {
  const compiled = compileComparison(comparison, reads);
  if (!traced) return compiled.test;
  const { field: fieldId, op } = comparison;
  const { expected, negated, holds, seen } = compiled;
  const fieldLabel = compiled.field.label;
  return (ctx, item, itemIndex) => {
    const held = holds(ctx, item, itemIndex);
    const passed = held !== negated;
    const { statement, actual: read } = ctx.read(seen, item, itemIndex);
    // Each entry gets its own list, as if read afresh.
    const actual = Array.isArray(read) ? [...read] : read;
    const reason = statement + compiled.which(held, ctx.nowMs);
    ctx.trace.push(
      itemIndex === undefined
        ? { kind: "condition", ruleId, nodeId, path, field: fieldId, fieldLabel, op, expected, actual, passed, reason }
        : { kind: "condition", ruleId, nodeId, path, field: fieldId, fieldLabel, op, expected, actual, passed, reason, itemIndex },
    );
    return passed;
  };
}

function compileAction(step: ActionStep, { ruleId, traced }: Place): Run {
  const { action, nodeId } = step;
  const kind = action.kind;
  const ran = shared<ActionEntry>({ kind: "action", ruleId, nodeId, action: kind });
  const record = (ctx: RunContext, itemIndex: number | undefined, skipped?: string) => {
    if (!traced) return;
    const entry = skipped === undefined ? ran : { ...ran, skipped };
    ctx.trace.push(itemIndex === undefined ? entry : { ...entry, itemIndex });
  };
  if (kind === "stop_processing") {
    return (ctx, _item, itemIndex) => {
      ctx.stopped = true;
      record(ctx, itemIndex);
    };
  }
  const intent = (input: Action["input"], itemIndex: number | undefined) => (itemIndex === undefined ? { ruleId, nodeId, kind, input } : { ruleId, nodeId, kind, input, itemIndex }) as Intent;
  const resolve = inputResolver(action);
  if (resolve === null) {
    const constant = shared(intent(action.input, undefined));
    return (ctx, _item, itemIndex) => {
      ctx.intents.push(itemIndex === undefined ? constant : intent(constant.input, itemIndex));
      record(ctx, itemIndex);
    };
  }
  return (ctx, item, itemIndex) => {
    const resolved = resolve(ctx, item);
    if ("skipped" in resolved) return record(ctx, itemIndex, resolved.skipped);
    ctx.intents.push(intent(resolved.input, itemIndex));
    record(ctx, itemIndex);
  };
}

type Resolved = { input: Action["input"] } | { skipped: string };

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
function shared<T extends object>(value: T): T {
  return Object.freeze(value);
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
