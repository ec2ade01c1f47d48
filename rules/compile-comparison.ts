import { findField, type FieldDef } from "./catalog/fields";
import type { OperatorId } from "./catalog/operators";
import { dateBetween, dateOrdered, decimalBetween, decimalEquals, decimalOrdered, type OrderedOp } from "./compile-ordered";
import { DAY_MS, formatDateTime, parseDate } from "./dates";
import { exactKey, toExactDecimal } from "./decimal";
import type { FieldReads, FormRead } from "./reads";
import { PATTERN_INPUT_LIMIT } from "./safe-regex";
import type { Comparison } from "./schema";
import { type Code, type Constants, joined, js } from "./source";
import type { TraceValue } from "./trace";
import { quote } from "./trace-values";

/**
 * A comparison compiled once: constants parsed (decimals, dates, lower-cased text, lists ready
 * for lookup, the regex) and phrases prepared, leaving per order only the read and the test of its
 * value. The test is an expression of the value in `x` for the rule's generated code (source.ts),
 * its constants bound there. It tests the operator's positive form (not_equals tests "equals";
 * `negated` says to flip it), so the trace can state the fact ("... which equals "us"") whichever
 * way the operator points.
 */
export interface CompiledComparison {
  field: FieldDef;
  expected: TraceValue;
  negated: boolean;
  /** The field in the form the test takes: folded text, exact decimal, date... */
  read: FormRead;
  test: Code;
  /** The end of the trace sentence, the fact: ', which equals "us" (ignoring case)' / ', which does not equal ...'. */
  which: (holds: boolean, nowMs: number) => string;
  /** Whether the fact depends on the clock ("within the last 7 days (... to ...)"). */
  clock: boolean;
}

type Which = CompiledComparison["which"];

interface Relation {
  read: FormRead;
  test: Code;
  which: Which;
  clock?: true;
}

const NEGATIONS: Partial<Record<OperatorId, OperatorId>> = {
  not_equals: "equals",
  not_contains: "contains",
  not_in_list: "in_list",
  is_not_empty: "is_empty",
  lacks_tag: "has_tag",
};

export function compileComparison(comparison: Comparison, reads: FieldReads, constants: Constants): CompiledComparison {
  const field = findField(comparison.field)!;
  const positive = NEGATIONS[comparison.op] ?? comparison.op;
  const { read, test, which, clock = false } = relationFor(positive, field, comparison, reads, constants);
  return { field, expected: comparison.value === undefined ? null : comparison.value, negated: positive !== comparison.op, read, test, which, clock };
}

/** A fact that does not depend on the clock, both ways built once. */
function fixed(yes: string, no: string) {
  const [whichYes, whichNo] = [`, which ${yes}`, `, which ${no}`];
  return (holds: boolean) => (holds ? whichYes : whichNo);
}

/** "is greater than 100" / "is not greater than 100". */
const isOrNot = (phrase: string) => fixed(`is ${phrase}`, `is not ${phrase}`);

function relationFor(op: OperatorId, field: FieldDef, comparison: Comparison, reads: FieldReads, c: Constants): Relation {
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
      if (field.type === "text") return { read: text(), test: js`x === ${c.bind(fold(value as string))}`, which };
      if (field.type === "folder") return { read: reads.of(field, "folder"), test: js`x === ${c.bind(value)}`, which };
      return { read: reads.of(field, "exact"), test: decimalEquals(toExactDecimal(value)!, c), which };
    }
    case "in_list": {
      const values = value as (string | number)[];
      const list = `(${quote(values)})${field.type === "text" ? caseNote : ""}`;
      return { ...membership(field, values, fold, reads, text, c), which: fixed(`is in the list ${list}`, `is not in the list ${list}`) };
    }
    case "contains":
    case "starts_with":
    case "ends_with": {
      const needle = c.bind(fold(value as string));
      const [yes, no] = { contains: ["contains", "does not contain"], starts_with: ["starts with", "does not start with"], ends_with: ["ends with", "does not end with"] }[op];
      const test = { contains: js`x.includes(${needle})`, starts_with: js`x.startsWith(${needle})`, ends_with: js`x.endsWith(${needle})` }[op];
      return { read: text(), test, which: fixed(`${yes} ${shown}${caseNote}`, `${no} ${shown}${caseNote}`) };
    }
    case "greater_than":
    case "less_than":
    case "at_least":
    case "at_most": {
      const which = isOrNot(`${{ greater_than: "greater than", less_than: "less than", at_least: "at least", at_most: "at most" }[op]} ${String(value)}`);
      if (field.type === "date") return { read: reads.of(field, "date"), test: dateOrdered(op, parseDate(value)!, c), which };
      return { read: reads.of(field, "exact"), test: decimalOrdered(op as OrderedOp, toExactDecimal(value)!, c), which };
    }
    case "between": {
      const [from, to] = value as [string | number, string | number];
      const which = isOrNot(`between ${from} and ${to}`);
      if (field.type === "date") return { read: reads.of(field, "date"), test: dateBetween(parseDate(from)!, parseDate(to)!, c), which };
      return { read: reads.of(field, "exact"), test: decimalBetween(toExactDecimal(from)!, toExactDecimal(to)!, c), which };
    }
    case "date_before":
    case "date_after": {
      const at = parseDate(value)!;
      const before = op === "date_before";
      return { read: reads.of(field, "date"), test: dateOrdered(before ? "less_than" : "greater_than", at, c), which: isOrNot(`${before ? "before" : "after"} ${formatDateTime(at)}`) };
    }
    case "within_last_days":
    case "older_than_days": {
      const span = (value as number) * DAY_MS;
      const within = op === "within_last_days";
      const inWindow = (ms: number | null, nowMs: number) => ms !== null && (within ? ms >= nowMs - span && ms <= nowMs : ms < nowMs - span);
      return {
        read: reads.of(field, "date"),
        test: js`${c.bind(inWindow)}(x, ctx.nowMs)`,
        clock: true,
        which: (holds, nowMs) =>
          within
            ? `, which is ${holds ? "" : "not "}within the last ${value} days (${formatDateTime(nowMs - span)} to ${formatDateTime(nowMs)})`
            : `, which is ${holds ? "" : "not "}more than ${value} days ago (before ${formatDateTime(nowMs - span)})`,
      };
    }
    case "is_empty":
      return { ...emptiness(field, reads), which: fixed("counts as empty", "is not empty") };
    case "matches_regex": {
      const pattern = new RegExp(value as string, ignoreCase ? "i" : "");
      return { read: reads.of(field, "text"), test: js`${c.bind(pattern)}.test(x.slice(0, ${PATTERN_INPUT_LIMIT}))`, which: fixed(`matches ${String(pattern)}`, `does not match ${String(pattern)}`) };
    }
    case "has_tag": {
      const read = reads.of(field, ignoreCase ? "foldedList" : "list");
      return { read, test: js`x.includes(${c.bind(fold(value as string))})`, which: fixed(`include ${shown}${caseNote}`, `do not include ${shown}${caseNote}`) };
    }
    default:
      throw new Error(`Operator "${op}" has no relation`);
  }
}

// Comparing with a few texts one by one, or scanning a short list, beats hashing the order's
// value (a new string each order) for a set.
const COMPARED_LIST = 4;
const SCANNED_LIST = 8;

/** A lookup per order: text folded, decimals by exact value ("19.990" is "19.99"). */
function membership(field: FieldDef, values: readonly (string | number)[], fold: (s: string) => string, reads: FieldReads, text: () => FormRead, c: Constants) {
  if (field.type === "text") {
    const wanted = values.map((v) => fold(String(v)));
    // The value is a text: === is includes' SameValueZero.
    if (wanted.length > 0 && wanted.length <= COMPARED_LIST) return { read: text(), test: js`(${joined(wanted.map((w) => js`x === ${c.bind(w)}`), js` || `)})` };
    return { read: text(), test: wanted.length <= SCANNED_LIST ? js`${c.bind(wanted)}.includes(x)` : js`${c.bind(new Set(wanted))}.has(x)` };
  }
  if (field.type === "folder") return { read: reads.of(field, "folder"), test: js`${c.bind(new Set(values.map(Number)))}.has(x ?? NaN)` };
  const set = new Set(values.map((v) => exactKey(toExactDecimal(v)!)));
  return { read: reads.of(field, "exact"), test: js`(x !== null && ${c.bind(set)}.has(${c.bind(exactKey)}(x)))` };
}

function emptiness(field: FieldDef, reads: FieldReads) {
  switch (field.type) {
    case "list":
      return { read: reads.of(field, "list"), test: js`x.length === 0` };
    case "folder":
    case "decimal":
    case "integer":
    case "date":
      return { read: reads.of(field, field.type === "folder" ? "folder" : field.type === "date" ? "date" : "exact"), test: js`x === null` };
    case "text":
      return { read: reads.of(field, "text"), test: js`x.trim() === ""` };
  }
}
