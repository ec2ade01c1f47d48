import type { RuleOrder } from "./catalog/order";
import type { CompiledRuleSet } from "./compile";
import type { TriggerEvent } from "./events";
import { RunContext } from "./run-context";
import type { Intent, TraceEntry } from "./trace";

export interface EvaluateOptions {
  event: TriggerEvent;
  /** The clock, from the caller: date tokens and "within the last N days" read it, nothing else does. */
  now: Date;
  /** Build the explanation trace (default true); a bulk run that only needs intents can skip it. */
  trace?: boolean;
}

export interface Evaluation {
  intents: Intent[];
  trace: TraceEntry[];
  /** A stop_processing action ran: the rules after its rule were skipped. */
  stopped: boolean;
}

/**
 * Runs the rules whose trigger matches the event, in order, against one order. Pure: no I/O, no
 * clock but `now`; the same inputs give deep-equal results. The intents say what to do; the
 * server's handlers do it. stop_processing is handled here (it has no intent): the rule that ran
 * it finishes, and no later rule runs.
 */
export function evaluate(set: CompiledRuleSet, order: RuleOrder, options: EvaluateOptions): Evaluation {
  const nowMs = options.now.getTime();
  if (Number.isNaN(nowMs)) throw new RangeError("evaluate needs a valid `now`.");
  const items = Array.isArray(order.order_items) ? order.order_items : [];
  const traced = options.trace !== false;
  const ctx = new RunContext(order, items, nowMs, [], set.reads);
  const { event } = options;
  for (const rule of set.rules) {
    const skip = ctx.stopped ? "an earlier rule stopped processing" : rule.mismatch(event, order);
    if (traced) ctx.trace.push(skip === null ? rule.ranEntry : { kind: "rule", ruleId: rule.id, ruleName: rule.name, ran: false, reason: skip });
    if (skip !== null) continue;
    if (traced) rule.runTraced(ctx);
    else rule.run(ctx);
  }
  return { intents: ctx.intents, trace: ctx.trace, stopped: ctx.stopped };
}
