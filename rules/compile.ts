import type { RuleOrder } from "./catalog/order";
import { shared } from "./compile-action";
import { compileBody } from "./compile-body";
import { InvalidRuleError } from "./errors";
import { mismatchFor, runsOn, type TriggerEvent } from "./events";
import { FieldReads } from "./reads";
import type { RunContext, RunMode } from "./run-context";
import type { Rule } from "./schema";
import { Constants, joined, js } from "./source";
import type { TraceEntry } from "./trace";
import { validateRule } from "./validate";

export interface CompiledRule {
  readonly id: string;
  readonly name: string;
  /** The event kind that runs the rule when nothing else matters (no folder, schedule or manual run), else null. */
  readonly runsOn: TriggerEvent["kind"] | null;
  /** Why this event does not run the rule, or null when it does. */
  readonly mismatch: (event: TriggerEvent, order: RuleOrder) => string | null;
  /** The rule's body, compiled for each way of running (RunMode). */
  readonly runs: Readonly<Record<RunMode, (ctx: RunContext) => void>>;
  /** The trace entry of a run, the same every time. */
  readonly ranEntry: TraceEntry;
}

export interface CompiledRuleSet {
  readonly rules: readonly CompiledRule[];
  /** The field reads the rules share, so an evaluation computes each value once. */
  readonly reads: FieldReads;
  /**
   * Runs the rules in order for an event (its kind, then the event): those whose trigger matches,
   * until one stops processing. In a replay, the kind is the recorded event's and the event unused.
   */
  readonly runs: Readonly<Record<RunMode, RunRules>>;
}

type RunRules = (ctx: RunContext, kind: TriggerEvent["kind"], event: TriggerEvent | null) => void;

const MODES: readonly RunMode[] = ["plain", "record", "replay"];
const eachMode = <T>(compile: (mode: RunMode) => T) => Object.fromEntries(MODES.map((mode) => [mode, compile(mode)])) as Record<RunMode, T>;

/**
 * Compiles rules once (when a rule set is saved or loaded): fields resolved to shared reads,
 * constants parsed, regexes built, lists made ready for lookup, and each rule made one generated
 * function (compile-body.ts), once for each way of running (RunMode), so a run without the trace
 * pays nothing for it. The rules are validated first (InvalidRuleError) and copied, so later
 * changes to the caller's objects cannot leak in.
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
  return { rules: compiled, reads, runs: eachMode((mode) => compileRunRules(compiled, mode)) };
}

const STOPPED = "an earlier rule stopped processing";

/**
 * The rules run in order, as one generated function (source.ts) calling each rule's own: the
 * usual case, a rule whose trigger is just the event's kind and no stop yet, costs one comparison
 * and a direct call. Anything else (a stop, a folder, a schedule or manual run, another event)
 * takes the general path, which asks the rule why it does not run (recorded for a replay, which
 * logs the answer).
 */
function compileRunRules(rules: readonly CompiledRule[], mode: RunMode): RunRules {
  const constants = new Constants();
  const general = constants.bind((ctx: RunContext, event: TriggerEvent | null, rule: CompiledRule) => {
    let skip: string | null;
    if (mode === "replay") skip = ctx.takeBack() as string | null;
    else {
      skip = ctx.stopped ? STOPPED : rule.mismatch(event!, ctx.order);
      if (mode === "record") ctx.keep(skip);
    }
    if (mode === "replay") ctx.log.push(skip === null ? rule.ranEntry : { kind: "rule", ruleId: rule.id, ruleName: rule.name, ran: false, reason: skip });
    if (skip === null) rule.runs[mode](ctx);
  });
  const steps = rules.map((rule) => {
    const [kind, run, self] = [constants.bind(rule.runsOn), constants.bind(rule.runs[mode]), constants.bind(rule)];
    const ran = mode === "replay" ? js`ctx.log.push(${constants.bind(rule.ranEntry)});\n` : js``;
    return js`if (!ctx.stopped && kind === ${kind}) {\n${ran}${run}(ctx);\n} else ${general}(ctx, event, ${self});\n`;
  });
  return constants.build(js`return function runRules(ctx, kind, event) {\n${joined(steps, js``)}};`);
}

function compileRule(rule: Rule, reads: FieldReads): CompiledRule {
  const ranEntry = shared<TraceEntry>({ kind: "rule", ruleId: rule.id, ruleName: rule.name, ran: true, reason: "its trigger matches the event" });
  return { id: rule.id, name: rule.name, runsOn: runsOn(rule), mismatch: mismatchFor(rule), runs: eachMode((mode) => compileBody(rule, reads, mode)), ranEntry };
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
