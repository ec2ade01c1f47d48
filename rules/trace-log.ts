import type { FieldDef } from "./catalog/fields";
import type { OperatorId } from "./catalog/operators";
import type { TraceEntry, TraceValue } from "./trace";
import { describeActual, traceValue } from "./trace-values";

/**
 * What a replay logs (run-context.ts), in order: finished trace entries, and for each comparison
 * that ran only its LeafNote (which comparison, and whether it held), followed by the item's index
 * when it ran with an item in hand. Its entry and sentence are made from the note and the value the
 * comparison saw, which the recorded run kept in the field's seen slot (reads.ts). The words come
 * from the same functions as when the trace was built during the run, so it reads exactly the same.
 */
export type TraceLog = (TraceEntry | LeafNote | number)[];

/**
 * A value a comparison saw, kept so that a later change to the order cannot change the trace: a
 * primitive as it is (it cannot change), anything else (a list of tags) described right away.
 * Never undefined, which marks "not read yet" in the evaluation's slots: a missing value is null.
 */
export type Seen = Snapshot | string | number | boolean | bigint | symbol | null;

/** An object value as the trace shows it, taken when it was read. */
export class Snapshot {
  constructor(
    readonly actual: TraceValue,
    readonly description: string,
  ) {}
}

export function seenOf(field: FieldDef, raw: unknown): Seen {
  if (raw === undefined || raw === null) return null;
  // Functions cannot come from JSON; described now like objects, so they too are fixed.
  if (typeof raw === "object" || typeof raw === "function") return new Snapshot(traceValue(raw), describeActual(field, raw));
  return raw as Seen;
}

/** One comparison of a rule with one outcome (held or not), as its trace entry names it; built when the rule compiles. */
export class LeafNote {
  readonly fieldId: string;
  readonly fieldLabel: string;
  /** The field is an item's: the value is the item's, and the sentence names the item. */
  readonly ofItem: boolean;
  readonly passed: boolean;
  /** The end of the sentence, the fact (', which equals "us" (ignoring case)'), or how to state it at the run's clock. */
  readonly fact: string | ((nowMs: number) => string);

  constructor(
    readonly ruleId: string,
    readonly nodeId: string,
    readonly path: string,
    readonly field: FieldDef,
    readonly op: OperatorId,
    readonly expected: TraceValue,
    /** The operator's positive form held (not_equals tests "equals": the fact is stated positively). */
    held: boolean,
    negated: boolean,
    comparison: { which: (held: boolean, nowMs: number) => string; clock: boolean },
    /** Where the run kept the value the comparison saw. */
    readonly seenSlot: number,
    /** It runs with an item in hand (in anyItem/allItems or a "for each item" rule): the log holds the item's index after it. */
    readonly inItem: boolean,
  ) {
    [this.fieldId, this.fieldLabel, this.ofItem] = [field.id, field.label, field.scope === "item"];
    this.passed = held !== negated;
    const { which } = comparison;
    this.fact = comparison.clock ? (nowMs) => which(held, nowMs) : which(held, 0);
  }
}

/** What the trace needs of a run besides its log: the clock, and the values seen, by seen slot (reads.ts). */
export interface SeenValues {
  nowMs: number;
  orderSeen: readonly unknown[];
  itemSeen: readonly unknown[];
  itemSeenSlots: number;
}

/** The log as the public trace. */
export function traceOf(log: TraceLog, run: SeenValues): TraceEntry[] {
  const trace = new Array<TraceEntry>(log.length);
  let length = 0;
  // A value's half of the sentence is made once, however many comparisons saw it.
  const statements: Statements = { order: new Array(run.orderSeen.length), item: new Array(run.itemSeen.length) };
  for (let i = 0; i < log.length; i++) {
    const record = log[i]!;
    trace[length++] = record instanceof LeafNote ? conditionEntry(record, record.inItem ? (log[++i] as number) : undefined, run, statements) : (record as TraceEntry);
  }
  // Item indexes took a place in the log each.
  trace.length = length;
  return trace;
}

/** By seen slot (a field, and an item for an item's field): 'Item 2: Vendor / category code is "Globex"'. */
type Statements = Record<"order" | "item", (string | undefined)[]>;

function conditionEntry(note: LeafNote, itemIndex: number | undefined, run: SeenValues, statements: Statements): TraceEntry {
  const { ruleId, nodeId, path, fieldId, fieldLabel, op, expected, passed, fact, ofItem } = note;
  const at = ofItem ? itemIndex! * run.itemSeenSlots + note.seenSlot : note.seenSlot;
  const seen = (ofItem ? run.itemSeen : run.orderSeen)[at] as Seen;
  const snapshot = seen instanceof Snapshot ? seen : null;
  // Each entry gets its own list, as if read afresh.
  const actual = snapshot === null ? traceValue(seen) : Array.isArray(snapshot.actual) ? [...snapshot.actual] : snapshot.actual;
  const made = ofItem ? statements.item : statements.order;
  const statement = (made[at] ??= `${ofItem ? `Item ${itemIndex! + 1}: ${fieldLabel}` : fieldLabel} ${snapshot === null ? describeActual(note.field, seen) : snapshot.description}`);
  const reason = statement + (typeof fact === "string" ? fact : fact(run.nowMs));
  return itemIndex === undefined
    ? { kind: "condition", ruleId, nodeId, path, field: fieldId, fieldLabel, op, expected, actual, passed, reason }
    : { kind: "condition", ruleId, nodeId, path, field: fieldId, fieldLabel, op, expected, actual, passed, reason, itemIndex };
}
