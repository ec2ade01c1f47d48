import type { RuleOrder } from "./catalog/order";
import type { CompiledRuleSet } from "./compile";
import type { TriggerEvent } from "./events";
import { RunContext } from "./run-context";
import type { Intent, TraceEntry } from "./trace";
import { traceOf } from "./trace-log";

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
 * Runs the rules whose trigger matches the event, in order, against one order (the set's `runs`,
 * compile.ts). Pure: no I/O, no clock but `now`; the same inputs give deep-equal results. The
 * intents say what to do; the server's handlers do it. stop_processing has no intent: the rule
 * that ran it finishes, and no later rule runs. With the trace, the run records what the trace is
 * made from, and the trace is made when first read (TraceMaker).
 */
export function evaluate(set: CompiledRuleSet, order: RuleOrder, options: EvaluateOptions): Evaluation {
  const nowMs = options.now.getTime();
  if (Number.isNaN(nowMs)) throw new RangeError("evaluate needs a valid `now`.");
  const items = Array.isArray(order.order_items) ? order.order_items : [];
  const { event } = options;
  const { kind } = event;
  if (options.trace === false) {
    const ctx = RunContext.start(order, items, nowMs, set.reads, false);
    set.runs.plain(ctx, kind, event);
    return { intents: ctx.intents, trace: [], stopped: ctx.stopped };
  }
  // The items as they are now: a replay walks them after the caller may have changed the order.
  const ctx = RunContext.start(order, items.slice(), nowMs, set.reads, true);
  set.runs.record(ctx, kind, event);
  return TraceMaker.evaluation(ctx.intents, ctx.stopped, () => {
    const replay = ctx.replay();
    set.runs.replay(replay, kind, null);
    return traceOf(replay.log, replay);
  });
}

/**
 * Returns the object it is given, so that a subclass's private fields land on that object (they
 * are added to whatever `super()` returns): a plain evaluation can then carry how to make its
 * trace where no caller can see, copy or compare it.
 */
class Stamped {
  constructor(object: object) {
    return object;
  }
}

/** How to make an evaluation's trace, kept on it until the trace is first read. */
class TraceMaker extends Stamped {
  /** Null once the trace is made or assigned. */
  #make: (() => TraceEntry[]) | null;
  #trace: TraceEntry[] | undefined;

  private constructor(evaluation: Evaluation, make: () => TraceEntry[]) {
    super(evaluation);
    this.#make = make;
  }

  /** One descriptor for every evaluation, so making one costs no closure. */
  static readonly #traceProperty: PropertyDescriptor = {
    get(this: TraceMaker) {
      if (this.#make !== null) {
        this.#trace = this.#make();
        this.#make = null;
      }
      return this.#trace;
    },
    set(this: TraceMaker, trace: TraceEntry[]) {
      this.#trace = trace;
      this.#make = null;
    },
    enumerable: true,
    configurable: true,
  };

  /**
   * A plain evaluation object whose trace is made when first read, then kept. `trace` is an own,
   * enumerable accessor, so spreading, JSON, structuredClone and deep equality see the entries as
   * if it were a plain array; assigning to it replaces it.
   */
  static evaluation(intents: Intent[], stopped: boolean, make: () => TraceEntry[]): Evaluation {
    const evaluation = { intents } as Evaluation;
    // Defined in this order, so keys (and JSON) read intents, trace, stopped as before.
    Object.defineProperty(evaluation, "trace", TraceMaker.#traceProperty);
    evaluation.stopped = stopped;
    new TraceMaker(evaluation, make);
    return evaluation;
  }
}
