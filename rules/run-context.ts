import type { RuleOrder, RuleOrderItem } from "./catalog/order";
import type { FieldReads } from "./reads";
import type { Intent } from "./trace";
import type { TraceLog } from "./trace-log";

/**
 * How compiled code runs. `plain`: for the intents only. `record`: the same, also keeping what the
 * trace is made from: the value each field had as the trace shows it, and the outcomes that read
 * the order outside field reads (a trigger's, a resolved action input). `replay`: runs again on a
 * record, reading only what it kept, and logs each step; the trace is made from that log
 * (trace-log.ts) when the caller first reads it. Code is pure given what the record keeps, so a
 * replay takes the same path as the recorded run.
 */
export type RunMode = "plain" | "record" | "replay";

/** What an evaluation keeps as it reads (reads.ts) and records, by slot; what a replay reuses. */
export interface Kept {
  orderValues: unknown[];
  itemValues: unknown[];
  itemSlots: number;
  orderSeen: unknown[];
  itemSeen: unknown[];
  itemSeenSlots: number;
}

/** The mutable state of one evaluation; compiled code reads the order through it and appends to it. */
export class RunContext implements Kept {
  readonly intents: Intent[] = [];
  /** What a replay logs (trace-log.ts); no other run logs. */
  readonly log: TraceLog;
  stopped = false;
  /** The values read so far: the order's, and every item's (from idx * itemSlots), by slot. */
  readonly orderValues: unknown[];
  readonly itemValues: unknown[];
  readonly itemSlots: number;
  /** Values as the trace shows them, by seen slot (recorded runs; else empty). */
  readonly orderSeen: unknown[];
  readonly itemSeen: unknown[];
  readonly itemSeenSlots: number;
  /**
   * Recorded: the outcomes that read the order outside field reads, in the order they came (why a
   * rule on the general path did not run, compile.ts; an action input resolved from the order,
   * compile-action.ts). A replay takes them back in the same order. Made on first use: most runs
   * have none.
   */
  private outcomes: unknown[] | null;
  private outcomesTaken = 0;

  private constructor(
    readonly order: RuleOrder,
    readonly items: readonly RuleOrderItem[],
    readonly nowMs: number,
    kept: Kept,
    recorded: RunContext | null,
  ) {
    this.orderValues = kept.orderValues;
    this.itemValues = kept.itemValues;
    this.itemSlots = kept.itemSlots;
    this.orderSeen = kept.orderSeen;
    this.itemSeen = kept.itemSeen;
    this.itemSeenSlots = kept.itemSeenSlots;
    this.outcomes = recorded === null ? null : recorded.outcomes;
    this.log = recorded === null ? NOTHING : [];
  }

  /** A fresh evaluation: nothing read yet; `record` to keep what a replay needs. */
  static start(order: RuleOrder, items: readonly RuleOrderItem[], nowMs: number, reads: FieldReads, record: boolean): RunContext {
    return new RunContext(order, items, nowMs, reads.fresh(items.length, record), null);
  }

  /** A context to replay this recorded run in: the same values, outcomes and items, and no order to read. */
  replay(): RunContext {
    return new RunContext(NO_ORDER, this.items, this.nowMs, this, this);
  }

  /** Records an outcome (recording runs). */
  keep(outcome: unknown): void {
    (this.outcomes ??= []).push(outcome);
  }

  /** The next recorded outcome (replays). */
  takeBack(): unknown {
    return this.outcomes![this.outcomesTaken++];
  }
}

/** A replay reads nothing from the order; what it needs was recorded. */
const NO_ORDER: RuleOrder = Object.freeze({});
/** The log of a run that does not log: frozen, so writing to it would fail loudly. */
const NOTHING = Object.freeze([]) as unknown as TraceLog;
