import type { FieldType } from "./fields";

/**
 * The comparison operators: which field types each applies to and what value it takes. Text
 * comparisons ignore case unless the condition says `caseSensitive: true` (tags too).
 *
 * Value shapes: `none` (is_empty), `one` (a single value of the field's type), `list` (one or
 * more), `range` ([min, max], both inclusive), `days` (a whole number of days before `now`),
 * `pattern` (a regular expression, checked by safe-regex.ts), `tag` (a tag name).
 */
export const OPERATOR_IDS = [
  "equals",
  "not_equals",
  "contains",
  "not_contains",
  "starts_with",
  "ends_with",
  "in_list",
  "not_in_list",
  "greater_than",
  "less_than",
  "at_least",
  "at_most",
  "between",
  "is_empty",
  "is_not_empty",
  "matches_regex",
  "date_before",
  "date_after",
  "within_last_days",
  "older_than_days",
  "has_tag",
  "lacks_tag",
] as const;
export type OperatorId = (typeof OPERATOR_IDS)[number];

export type ValueShape = "none" | "one" | "list" | "range" | "days" | "pattern" | "tag";

export interface OperatorDef {
  id: OperatorId;
  label: string;
  types: readonly FieldType[];
  /** What the operator needs, for "needs ... field" messages. */
  needs: string;
  value: ValueShape;
  /** Whether `caseSensitive` means anything here. */
  caseOption: boolean;
}

const EQUATABLE = ["text", "decimal", "integer", "folder"] as const;
const ORDERED = ["decimal", "integer", "date"] as const;
const ANY = ["text", "decimal", "integer", "date", "list", "folder"] as const;

const op = (id: OperatorId, label: string, types: readonly FieldType[], needs: string, value: ValueShape, caseOption: boolean): OperatorDef => ({
  id,
  label,
  types,
  needs,
  value,
  caseOption,
});

export const OPERATORS: readonly OperatorDef[] = [
  op("equals", "equals", EQUATABLE, "a text, number or folder field", "one", true),
  op("not_equals", "does not equal", EQUATABLE, "a text, number or folder field", "one", true),
  op("contains", "contains", ["text"], "a text field", "one", true),
  op("not_contains", "does not contain", ["text"], "a text field", "one", true),
  op("starts_with", "starts with", ["text"], "a text field", "one", true),
  op("ends_with", "ends with", ["text"], "a text field", "one", true),
  op("in_list", "is one of", EQUATABLE, "a text, number or folder field", "list", true),
  op("not_in_list", "is not one of", EQUATABLE, "a text, number or folder field", "list", true),
  op("greater_than", "greater than", ORDERED, "a number or date field", "one", false),
  op("less_than", "less than", ORDERED, "a number or date field", "one", false),
  op("at_least", "at least", ORDERED, "a number or date field", "one", false),
  op("at_most", "at most", ORDERED, "a number or date field", "one", false),
  op("between", "between", ORDERED, "a number or date field", "range", false),
  op("is_empty", "is empty", ANY, "any field", "none", false),
  op("is_not_empty", "is not empty", ANY, "any field", "none", false),
  op("matches_regex", "matches pattern", ["text"], "a text field", "pattern", true),
  op("date_before", "is before", ["date"], "a date field", "one", false),
  op("date_after", "is after", ["date"], "a date field", "one", false),
  op("within_last_days", "is within the last (days)", ["date"], "a date field", "days", false),
  op("older_than_days", "is more than (days) ago", ["date"], "a date field", "days", false),
  op("has_tag", "has tag", ["list"], "the tags field", "tag", true),
  op("lacks_tag", "does not have tag", ["list"], "the tags field", "tag", true),
];

const BY_ID = new Map(OPERATORS.map((o) => [o.id, o]));

export const findOperator = (id: string): OperatorDef | undefined => BY_ID.get(id as OperatorId);

/** How a field type reads in messages: `"Ship to country" is text`. */
export const TYPE_NAMES: Record<FieldType, string> = {
  text: "text",
  decimal: "a decimal number",
  integer: "a whole number",
  date: "a date",
  list: "a list of tags",
  folder: "a folder",
};
