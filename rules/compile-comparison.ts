import { findField, type FieldDef } from "./catalog/fields";
import type { OperatorId } from "./catalog/operators";
import type { RuleOrderItem } from "./catalog/order";
import { DAY_MS, formatDateTime, parseDate } from "./dates";
import { compareExact, exactKey, toExactDecimal, type ExactDecimal } from "./decimal";
import { quote, type FieldRead, type FieldReads, type SeenValue } from "./reads";
import type { RunContext } from "./run-context";
import { PATTERN_INPUT_LIMIT } from "./safe-regex";
import type { Comparison } from "./schema";
import type { TraceValue } from "./trace";

/** A test on the order (or the item in hand), reading fields through the evaluation's shared reads. */
export type Test = (ctx: RunContext, item: RuleOrderItem | undefined, itemIndex: number | undefined) => boolean;

/**
 * A comparison compiled once: constants parsed (decimals, dates, lower-cased text, lists ready
 * for lookup, the regex) and phrases prepared, leaving per order only the read and the test. `holds`
 * tests the operator's positive form (not_equals tests "equals"; `negated` says to flip it), so the
 * trace can state the fact ("... which equals "us"") whichever way the operator points.
 */
export interface CompiledComparison {
  field: FieldDef;
  expected: TraceValue;
  negated: boolean;
  holds: Test;
  /** Whether the comparison passes: `holds`, flipped when negated. */
  test: Test;
  /** The value as the trace shows it, and the sentence's start: 'Ship to country is "US"'. */
  seen: FieldRead<SeenValue>;
  /** The end of the trace sentence, the fact: ', which equals "us" (ignoring case)' / ', which does not equal ...'. */
  which: (holds: boolean, nowMs: number) => string;
}

interface Relation {
  holds: Test;
  which: (holds: boolean, nowMs: number) => string;
}

const NEGATIONS: Partial<Record<OperatorId, OperatorId>> = {
  not_equals: "equals",
  not_contains: "contains",
  not_in_list: "in_list",
  is_not_empty: "is_empty",
  lacks_tag: "has_tag",
};

export function compileComparison(comparison: Comparison, reads: FieldReads): CompiledComparison {
  const field = findField(comparison.field)!;
  const positive = NEGATIONS[comparison.op] ?? comparison.op;
  const negated = positive !== comparison.op;
  const { holds, which } = relationFor(positive, field, comparison, reads);
  return {
    field,
    expected: comparison.value === undefined ? null : comparison.value,
    negated,
    holds,
    test: negated ? (ctx, item, itemIndex) => !holds(ctx, item, itemIndex) : holds,
    seen: reads.seen(field),
    which,
  };
}

/** A fact that does not depend on the clock, both ways built once. */
function fixed(yes: string, no: string) {
  const [whichYes, whichNo] = [`, which ${yes}`, `, which ${no}`];
  return (holds: boolean) => (holds ? whichYes : whichNo);
}

/** "is greater than 100" / "is not greater than 100". */
const isOrNot = (phrase: string) => fixed(`is ${phrase}`, `is not ${phrase}`);

function relationFor(op: OperatorId, field: FieldDef, comparison: Comparison, reads: FieldReads): Relation {
  const { value } = comparison;
  const ignoreCase = comparison.caseSensitive !== true;
  const fold = (text: string) => (ignoreCase ? text.toLowerCase() : text);
  /** The field's text as the test sees it: lower-cased unless the comparison is case-sensitive. */
  const text = () => reads.of(field, ignoreCase ? "folded" : "text");
  const caseNote = ignoreCase && (field.type === "text" || field.type === "list") ? " (ignoring case)" : "";
  const shown = field.type === "text" || field.type === "list" ? JSON.stringify(value) : String(value);

  switch (op) {
    case "equals": {
      const target = `${shown}${field.type === "text" ? caseNote : ""}`;
      const which = fixed(`equals ${target}`, `does not equal ${target}`);
      if (field.type === "text") {
        const [read, wanted] = [text(), fold(value as string)];
        return { holds: (ctx, item, i) => ctx.read(read, item, i) === wanted, which };
      }
      if (field.type === "folder") {
        const read = reads.of(field, "folder");
        return { holds: (ctx, item, i) => ctx.read(read, item, i) === value, which };
      }
      const [read, wanted] = [reads.of(field, "exact"), toExactDecimal(value)!];
      return { holds: (ctx, item, i) => isEqual(ctx.read(read, item, i), wanted), which };
    }
    case "in_list": {
      const values = value as (string | number)[];
      const list = `(${quote(values)})${field.type === "text" ? caseNote : ""}`;
      return { holds: membership(field, values, fold, reads, text), which: fixed(`is in the list ${list}`, `is not in the list ${list}`) };
    }
    case "contains":
    case "starts_with":
    case "ends_with": {
      const [read, needle] = [text(), fold(value as string)];
      const [yes, no] = { contains: ["contains", "does not contain"], starts_with: ["starts with", "does not start with"], ends_with: ["ends with", "does not end with"] }[op];
      const which = fixed(`${yes} ${shown}${caseNote}`, `${no} ${shown}${caseNote}`);
      if (op === "contains") return { holds: (ctx, item, i) => ctx.read(read, item, i).includes(needle), which };
      if (op === "starts_with") return { holds: (ctx, item, i) => ctx.read(read, item, i).startsWith(needle), which };
      return { holds: (ctx, item, i) => ctx.read(read, item, i).endsWith(needle), which };
    }
    case "greater_than":
    case "less_than":
    case "at_least":
    case "at_most": {
      const words = { greater_than: "greater than", less_than: "less than", at_least: "at least", at_most: "at most" }[op];
      return { holds: ordered(op, field, value as string | number, reads), which: isOrNot(`${words} ${String(value)}`) };
    }
    case "between": {
      const [from, to] = value as [string | number, string | number];
      return { holds: between(field, from, to, reads), which: isOrNot(`between ${from} and ${to}`) };
    }
    case "date_before":
    case "date_after": {
      const [read, at] = [reads.of(field, "date"), parseDate(value)!];
      const before = op === "date_before";
      return {
        holds: (ctx, item, i) => {
          const ms = ctx.read(read, item, i);
          return ms !== null && (before ? ms < at : ms > at);
        },
        which: isOrNot(`${before ? "before" : "after"} ${formatDateTime(at)}`),
      };
    }
    case "within_last_days":
    case "older_than_days": {
      const read = reads.of(field, "date");
      const span = (value as number) * DAY_MS;
      const within = op === "within_last_days";
      return {
        holds: (ctx, item, i) => {
          const ms = ctx.read(read, item, i);
          return ms !== null && (within ? ms >= ctx.nowMs - span && ms <= ctx.nowMs : ms < ctx.nowMs - span);
        },
        which: (holds, nowMs) =>
          within
            ? `, which is ${holds ? "" : "not "}within the last ${value} days (${formatDateTime(nowMs - span)} to ${formatDateTime(nowMs)})`
            : `, which is ${holds ? "" : "not "}more than ${value} days ago (before ${formatDateTime(nowMs - span)})`,
      };
    }
    case "is_empty":
      return { holds: emptiness(field, reads), which: fixed("counts as empty", "is not empty") };
    case "matches_regex": {
      const read = reads.of(field, "text");
      const pattern = new RegExp(value as string, ignoreCase ? "i" : "");
      return { holds: (ctx, item, i) => pattern.test(ctx.read(read, item, i).slice(0, PATTERN_INPUT_LIMIT)), which: fixed(`matches ${String(pattern)}`, `does not match ${String(pattern)}`) };
    }
    case "has_tag": {
      const [read, tag] = [reads.of(field, ignoreCase ? "foldedList" : "list"), fold(value as string)];
      return { holds: (ctx, item, i) => ctx.read(read, item, i).includes(tag), which: fixed(`include ${shown}${caseNote}`, `do not include ${shown}${caseNote}`) };
    }
    default:
      throw new Error(`Operator "${op}" has no relation`);
  }
}

const isEqual = (actual: ExactDecimal | null, wanted: ExactDecimal) => actual !== null && compareExact(actual, wanted) === 0;

// Scanning a short list beats hashing the order's value (a new string each order) for a set.
const SCANNED_LIST = 8;

/** A lookup per order: text folded, decimals by exact value ("19.990" is "19.99"). */
function membership(field: FieldDef, values: readonly (string | number)[], fold: (s: string) => string, reads: FieldReads, text: () => FieldRead<string>): Test {
  if (field.type === "text") {
    const [read, wanted] = [text(), values.map((v) => fold(String(v)))];
    if (wanted.length <= SCANNED_LIST) return (ctx, item, i) => wanted.includes(ctx.read(read, item, i));
    const set = new Set(wanted);
    return (ctx, item, i) => set.has(ctx.read(read, item, i));
  }
  if (field.type === "folder") {
    const [read, set] = [reads.of(field, "folder"), new Set(values.map(Number))];
    return (ctx, item, i) => set.has(ctx.read(read, item, i) ?? NaN);
  }
  const [read, set] = [reads.of(field, "exact"), new Set(values.map((v) => exactKey(toExactDecimal(v)!)))];
  return (ctx, item, i) => {
    const d = ctx.read(read, item, i);
    return d !== null && set.has(exactKey(d));
  };
}

type OrderedOp = "greater_than" | "less_than" | "at_least" | "at_most";

/** Whether `sign` (the order's value minus the constant, in sign) satisfies the operator. */
function accepts(op: OrderedOp, sign: number): boolean {
  switch (op) {
    case "greater_than":
      return sign > 0;
    case "less_than":
      return sign < 0;
    case "at_least":
      return sign >= 0;
    case "at_most":
      return sign <= 0;
  }
}

/** The order's date or decimal against a constant; false when the order's value is missing. */
function ordered(op: OrderedOp, field: FieldDef, value: string | number, reads: FieldReads): Test {
  if (field.type === "date") {
    const [read, at] = [reads.of(field, "date"), parseDate(value)!];
    return (ctx, item, i) => {
      const ms = ctx.read(read, item, i);
      return ms !== null && accepts(op, ms - at);
    };
  }
  const [read, wanted] = [reads.of(field, "exact"), toExactDecimal(value)!];
  return (ctx, item, i) => {
    const d = ctx.read(read, item, i);
    return d !== null && accepts(op, compareExact(d, wanted));
  };
}

/** Both bounds inclusive. */
function between(field: FieldDef, from: string | number, to: string | number, reads: FieldReads): Test {
  if (field.type === "date") {
    const [read, low, high] = [reads.of(field, "date"), parseDate(from)!, parseDate(to)!];
    return (ctx, item, i) => {
      const ms = ctx.read(read, item, i);
      return ms !== null && ms >= low && ms <= high;
    };
  }
  const [read, low, high] = [reads.of(field, "exact"), toExactDecimal(from)!, toExactDecimal(to)!];
  return (ctx, item, i) => {
    const d = ctx.read(read, item, i);
    return d !== null && compareExact(d, low) >= 0 && compareExact(d, high) <= 0;
  };
}

function emptiness(field: FieldDef, reads: FieldReads): Test {
  switch (field.type) {
    case "list": {
      const read = reads.of(field, "list");
      return (ctx, item, i) => ctx.read(read, item, i).length === 0;
    }
    case "folder": {
      const read = reads.of(field, "folder");
      return (ctx, item, i) => ctx.read(read, item, i) === null;
    }
    case "decimal":
    case "integer": {
      const read = reads.of(field, "exact");
      return (ctx, item, i) => ctx.read(read, item, i) === null;
    }
    case "date": {
      const read = reads.of(field, "date");
      return (ctx, item, i) => ctx.read(read, item, i) === null;
    }
    case "text": {
      const read = reads.of(field, "text");
      return (ctx, item, i) => ctx.read(read, item, i).trim() === "";
    }
  }
}
