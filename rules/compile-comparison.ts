import { findField, type FieldDef } from "./catalog/fields";
import type { OperatorId } from "./catalog/operators";
import { DAY_MS, formatDateTime, parseDate } from "./dates";
import { compareDecimals, formatDecimal, parseDecimal, type Decimal } from "./decimal";
import { PATTERN_INPUT_LIMIT } from "./safe-regex";
import type { Comparison } from "./schema";
import type { TraceValue } from "./trace";

/**
 * A comparison compiled once: constants parsed (decimals, dates, lower-cased text, sets for
 * lists, the regex), leaving per order only the read and the test. `holds` tests the operator's
 * positive form (not_equals tests "equals"; `negated` says to flip it), so the trace can state
 * the fact ("... which equals "us"") whichever way the operator points.
 */
export interface CompiledComparison {
  field: FieldDef;
  expected: TraceValue;
  negated: boolean;
  holds: (raw: unknown, nowMs: number) => boolean;
  /** The sentence for the trace, from the value read and what `holds` said. */
  reason: (raw: unknown, holds: boolean, nowMs: number, itemIndex: number | undefined) => string;
}

interface Relation {
  holds: (raw: unknown, nowMs: number) => boolean;
  /** The fact as a phrase after "which": "equals "us" (ignoring case)" / "does not equal ...". */
  says: (holds: boolean, nowMs: number) => string;
}

const NEGATIONS: Partial<Record<OperatorId, OperatorId>> = {
  not_equals: "equals",
  not_contains: "contains",
  not_in_list: "in_list",
  is_not_empty: "is_empty",
  lacks_tag: "has_tag",
};

export function compileComparison(comparison: Comparison): CompiledComparison {
  const field = findField(comparison.field)!;
  const positive = NEGATIONS[comparison.op] ?? comparison.op;
  const negated = positive !== comparison.op;
  const relation = relationFor(positive, field, comparison);
  const expected = comparison.value === undefined ? null : comparison.value;
  return {
    field,
    expected,
    negated,
    holds: relation.holds,
    reason: (raw, holds, nowMs, itemIndex) => {
      const subject = itemIndex === undefined ? field.label : `Item ${itemIndex + 1}: ${field.label}`;
      return `${subject} ${describeActual(field, raw)}, which ${relation.says(holds, nowMs)}`;
    },
  };
}

/** What the order holds, for the trace's `actual`. */
export function traceValue(raw: unknown): TraceValue {
  if (raw === undefined || raw === null) return null;
  if (typeof raw === "string" || typeof raw === "number") return raw;
  if (Array.isArray(raw)) return raw.map((v) => (typeof v === "number" ? v : String(v)));
  return String(raw);
}

const asText = (raw: unknown) => (typeof raw === "string" ? raw : typeof raw === "number" || typeof raw === "boolean" ? String(raw) : "");
const asList = (raw: unknown): string[] => (Array.isArray(raw) ? raw.map(asText) : []);
const asFolder = (raw: unknown) => (raw === null || raw === undefined || raw === "" ? null : Number(raw) || null);

function describeActual(field: FieldDef, raw: unknown): string {
  if (field.type === "list") {
    const list = asList(raw);
    return `are (${list.length ? quote(list) : "none"})`;
  }
  const text = asText(raw);
  if (text.trim() === "") return "is empty";
  // A note can be 10,000 characters; the sentence quotes the start.
  const shown = text.length > 200 ? `${text.slice(0, 200)}…` : text;
  return field.type === "text" ? `is ${JSON.stringify(shown)}` : `is ${shown}`;
}

const quote = (values: readonly (string | number)[]) => values.map((v) => JSON.stringify(v)).join(", ");
const yesNo = (holds: boolean, yes: string, no: string) => (holds ? yes : no);

function relationFor(op: OperatorId, field: FieldDef, comparison: Comparison): Relation {
  const { value } = comparison;
  const ignoreCase = comparison.caseSensitive !== true;
  const fold = (text: string) => (ignoreCase ? text.toLowerCase() : text);
  const caseNote = ignoreCase && (field.type === "text" || field.type === "list") ? " (ignoring case)" : "";
  const shown = field.type === "text" || field.type === "list" ? JSON.stringify(value) : String(value);

  switch (op) {
    case "equals":
      return equalsRelation(field, value as string | number, fold, `${shown}${field.type === "text" ? caseNote : ""}`);
    case "in_list": {
      const values = value as (string | number)[];
      const member = membership(field, values, fold);
      const list = `(${quote(values)})${field.type === "text" ? caseNote : ""}`;
      return { holds: member, says: (holds) => yesNo(holds, `is in the list ${list}`, `is not in the list ${list}`) };
    }
    case "contains":
    case "starts_with":
    case "ends_with": {
      const needle = fold(value as string);
      const test = op === "contains" ? (s: string) => s.includes(needle) : op === "starts_with" ? (s: string) => s.startsWith(needle) : (s: string) => s.endsWith(needle);
      const verb = { contains: ["contains", "does not contain"], starts_with: ["starts with", "does not start with"], ends_with: ["ends with", "does not end with"] }[op];
      return { holds: (raw) => test(fold(asText(raw))), says: (holds) => `${yesNo(holds, verb[0]!, verb[1]!)} ${shown}${caseNote}` };
    }
    case "greater_than":
    case "less_than":
    case "at_least":
    case "at_most": {
      const accept = { greater_than: (c: number) => c > 0, less_than: (c: number) => c < 0, at_least: (c: number) => c >= 0, at_most: (c: number) => c <= 0 }[op];
      const words = { greater_than: "greater than", less_than: "less than", at_least: "at least", at_most: "at most" }[op];
      const compare = orderedCompare(field, value as string | number);
      return { holds: (raw) => { const c = compare(raw); return c !== null && accept(c); }, says: (holds) => `is ${holds ? "" : "not "}${words} ${String(value)}` };
    }
    case "between": {
      const [from, to] = value as [string | number, string | number];
      const above = orderedCompare(field, from);
      const below = orderedCompare(field, to);
      return {
        holds: (raw) => { const a = above(raw); const b = below(raw); return a !== null && b !== null && a >= 0 && b <= 0; },
        says: (holds) => `is ${holds ? "" : "not "}between ${from} and ${to}`,
      };
    }
    case "date_before":
    case "date_after": {
      const at = parseDate(value)!;
      const before = op === "date_before";
      return {
        holds: (raw) => { const ms = parseDate(raw); return ms !== null && (before ? ms < at : ms > at); },
        says: (holds) => `is ${holds ? "" : "not "}${before ? "before" : "after"} ${formatDateTime(at)}`,
      };
    }
    case "within_last_days":
    case "older_than_days": {
      const span = (value as number) * DAY_MS;
      const within = op === "within_last_days";
      return {
        holds: (raw, nowMs) => { const ms = parseDate(raw); return ms !== null && (within ? ms >= nowMs - span && ms <= nowMs : ms < nowMs - span); },
        says: (holds, nowMs) =>
          within
            ? `is ${holds ? "" : "not "}within the last ${value} days (${formatDateTime(nowMs - span)} to ${formatDateTime(nowMs)})`
            : `is ${holds ? "" : "not "}more than ${value} days ago (before ${formatDateTime(nowMs - span)})`,
      };
    }
    case "is_empty":
      return { holds: (raw) => isEmpty(field, raw), says: (holds) => (holds ? "counts as empty" : "is not empty") };
    case "matches_regex": {
      const pattern = new RegExp(value as string, ignoreCase ? "i" : "");
      return { holds: (raw) => pattern.test(asText(raw).slice(0, PATTERN_INPUT_LIMIT)), says: (holds) => `${holds ? "matches" : "does not match"} ${String(pattern)}` };
    }
    case "has_tag": {
      const tag = fold(value as string);
      return { holds: (raw) => asList(raw).some((t) => fold(t) === tag), says: (holds) => `${holds ? "include" : "do not include"} ${shown}${caseNote}` };
    }
    default:
      throw new Error(`Operator "${op}" has no relation`);
  }
}

function equalsRelation(field: FieldDef, value: string | number, fold: (s: string) => string, shown: string): Relation {
  const says = (holds: boolean) => `${holds ? "equals" : "does not equal"} ${shown}`;
  if (field.type === "text") {
    const wanted = fold(value as string);
    return { holds: (raw) => fold(asText(raw)) === wanted, says };
  }
  if (field.type === "folder") return { holds: (raw) => asFolder(raw) === value, says };
  const wanted = parseDecimal(value)!;
  return { holds: (raw) => { const d = parseDecimal(raw); return d !== null && compareDecimals(d, wanted) === 0; }, says };
}

/** A set lookup per order: text folded, decimals in canonical form ("19.990" -> "19.99"). */
function membership(field: FieldDef, values: readonly (string | number)[], fold: (s: string) => string): (raw: unknown) => boolean {
  if (field.type === "text") {
    const set = new Set(values.map((v) => fold(String(v))));
    return (raw) => set.has(fold(asText(raw)));
  }
  if (field.type === "folder") {
    const set = new Set(values.map(Number));
    return (raw) => set.has(asFolder(raw) ?? NaN);
  }
  const set = new Set(values.map((v) => formatDecimal(parseDecimal(v)!)));
  return (raw) => {
    const d = parseDecimal(raw);
    return d !== null && set.has(formatDecimal(d));
  };
}

/** -1/0/1 of the order's value against a constant, or null when the order's value is missing. */
function orderedCompare(field: FieldDef, value: string | number): (raw: unknown) => number | null {
  if (field.type === "date") {
    const at = parseDate(value)!;
    return (raw) => {
      const ms = parseDate(raw);
      return ms === null ? null : Math.sign(ms - at);
    };
  }
  const wanted: Decimal = parseDecimal(value)!;
  return (raw) => {
    const d = parseDecimal(raw);
    return d === null ? null : compareDecimals(d, wanted);
  };
}

function isEmpty(field: FieldDef, raw: unknown): boolean {
  switch (field.type) {
    case "list":
      return asList(raw).length === 0;
    case "folder":
      return asFolder(raw) === null;
    case "decimal":
    case "integer":
      return parseDecimal(raw) === null;
    case "date":
      return parseDate(raw) === null;
    case "text":
      return asText(raw).trim() === "";
  }
}
