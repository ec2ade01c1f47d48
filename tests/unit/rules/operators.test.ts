import { describe, expect, it } from "vitest";
import { OPERATOR_IDS, parseRule, type Comparison, type OperatorId, type RuleOrder } from "@/rules";
import { check, ifRule, sampleOrder } from "./helpers";

interface Row {
  case: string;
  field: string;
  op: OperatorId;
  value?: Comparison["value"];
  caseSensitive?: boolean;
  order?: Partial<RuleOrder>;
  expected: boolean;
}

const shipTo = (country: string) => ({ shipping: { ...sampleOrder().shipping, country } });
const items = (...list: Record<string, unknown>[]) => ({ order_items: list });

// The sample order: shipping.country "US", email "test@orderdesk.com", order_total 21.17,
// folder_id 1, no `tags` (tag_name "success"), date_added "2014-10-08 12:10:00", one item
// (code "crzyg-554", category_code "DEFAULT", price "10", variation Size "Small").
const rows: Row[] = [
  // text: equals / not_equals, case-insensitive unless asked
  { case: "equals ignores case by default", field: "shipping.country", op: "equals", value: "us", expected: true },
  { case: "equals, case-sensitive, other case", field: "shipping.country", op: "equals", value: "us", caseSensitive: true, expected: false },
  { case: "equals, case-sensitive, same case", field: "shipping.country", op: "equals", value: "US", caseSensitive: true, expected: true },
  { case: "equals, other value", field: "shipping.country", op: "equals", value: "CA", expected: false },
  { case: "equals an empty value", field: "shipping.company", op: "equals", value: "", expected: true },
  { case: "not_equals, same ignoring case", field: "shipping.country", op: "not_equals", value: "us", expected: false },
  { case: "not_equals, case-sensitive", field: "shipping.country", op: "not_equals", value: "us", caseSensitive: true, expected: true },
  { case: "not_equals, other value", field: "shipping.country", op: "not_equals", value: "CA", expected: true },
  { case: "equals on a missing field reads empty", field: "shipping.country", op: "equals", value: "US", order: { shipping: {} }, expected: false },
  // text: contains / starts / ends
  { case: "contains, ignoring case", field: "email", op: "contains", value: "ORDERDESK", expected: true },
  { case: "contains, case-sensitive", field: "email", op: "contains", value: "ORDERDESK", caseSensitive: true, expected: false },
  { case: "not_contains", field: "email", op: "not_contains", value: "gmail", expected: true },
  { case: "not_contains, present", field: "email", op: "not_contains", value: "@orderdesk", expected: false },
  { case: "starts_with", field: "email", op: "starts_with", value: "TEST@", expected: true },
  { case: "starts_with, case-sensitive", field: "email", op: "starts_with", value: "TEST@", caseSensitive: true, expected: false },
  { case: "ends_with", field: "email", op: "ends_with", value: ".com", expected: true },
  { case: "ends_with, other", field: "email", op: "ends_with", value: ".net", expected: false },
  // text: lists
  { case: "in_list, ignoring case", field: "shipping.country", op: "in_list", value: ["CA", "us"], expected: true },
  { case: "in_list, case-sensitive", field: "shipping.country", op: "in_list", value: ["CA", "us"], caseSensitive: true, expected: false },
  { case: "in_list, absent", field: "shipping.country", op: "in_list", value: ["CA", "MX"], expected: false },
  { case: "not_in_list", field: "shipping.country", op: "not_in_list", value: ["CA", "MX"], expected: true },
  { case: "not_in_list, present", field: "shipping.country", op: "not_in_list", value: ["us"], expected: false },
  // empty
  { case: "is_empty on an empty string", field: "shipping.company", op: "is_empty", expected: true },
  { case: "is_empty on whitespace", field: "shipping.company", op: "is_empty", order: { shipping: { company: "   " } }, expected: true },
  { case: "is_empty on a value", field: "email", op: "is_empty", expected: false },
  { case: "is_empty on a missing key", field: "checkout_data.Nope", op: "is_empty", expected: true },
  { case: "is_not_empty", field: "email", op: "is_not_empty", expected: true },
  { case: "is_not_empty on empty", field: "fulfillment_name", op: "is_not_empty", expected: false },
  { case: "is_empty on a missing total", field: "order_total", op: "is_empty", order: { order_total: undefined }, expected: true },
  { case: "is_empty on a zero total (0 is a value)", field: "order_total", op: "is_empty", order: { order_total: 0 }, expected: false },
  { case: "is_empty on no tags", field: "tags", op: "is_empty", order: { tags: [], tag_name: "" }, expected: true },
  { case: "is_empty on an unreadable date", field: "date_added", op: "is_empty", order: { date_added: "0000-00-00 00:00:00" }, expected: true },
  // regex
  { case: "matches_regex, ignoring case", field: "email", op: "matches_regex", value: "^TEST@[a-z]+\\.com$", expected: true },
  { case: "matches_regex, case-sensitive", field: "email", op: "matches_regex", value: "^TEST@", caseSensitive: true, expected: false },
  { case: "matches_regex, no match", field: "email", op: "matches_regex", value: "^x", expected: false },
  { case: "matches_regex reads only the first 10,000 characters", field: "order_metadata.note", op: "matches_regex", value: "end$", order: { order_metadata: { note: `${"a".repeat(10_000)}end` } }, expected: false },
  // custom data (keyed fields), numbers in maps read as text
  { case: "checkout data by key", field: "checkout_data.Gift Message", op: "equals", value: "happy birthday", expected: true },
  { case: "order metadata holding a number", field: "order_metadata.fraud_protection_score", op: "equals", value: "0", expected: true },
  { case: "a key named like a prototype member reads nothing", field: "checkout_data.constructor", op: "is_empty", expected: true },
  { case: "an empty map sent as []", field: "checkout_data.Gift Message", op: "is_empty", order: { checkout_data: [] }, expected: true },
  // decimals: exact, never floats
  { case: "0.3 equals \"0.30\"", field: "order_total", op: "equals", value: "0.30", order: { order_total: 0.3 }, expected: true },
  { case: "0.3 equals 0.3", field: "order_total", op: "equals", value: 0.3, order: { order_total: 0.3 }, expected: true },
  { case: "0.1 + 0.2 is not 0.3", field: "order_total", op: "equals", value: "0.3", order: { order_total: 0.1 + 0.2 }, expected: false },
  { case: "0.1 + 0.2 is greater than 0.3", field: "order_total", op: "greater_than", value: "0.3", order: { order_total: 0.1 + 0.2 }, expected: true },
  { case: "a decimal string in the order", field: "order_total", op: "equals", value: 21.17, order: { order_total: "21.170" }, expected: true },
  { case: "tiny numbers in exponent form", field: "weight_total", op: "equals", value: "0.0000001", order: { weight_total: 1e-7 }, expected: true },
  { case: "greater_than", field: "order_total", op: "greater_than", value: "21.16", expected: true },
  { case: "greater_than, equal", field: "order_total", op: "greater_than", value: "21.17", expected: false },
  { case: "at_least, equal", field: "order_total", op: "at_least", value: "21.17", expected: true },
  { case: "less_than", field: "order_total", op: "less_than", value: 21.18, expected: true },
  { case: "at_most, equal", field: "order_total", op: "at_most", value: 21.17, expected: true },
  { case: "at_most, above", field: "order_total", op: "at_most", value: "21.169", expected: false },
  { case: "between, inclusive", field: "order_total", op: "between", value: ["21.17", "21.17"], expected: true },
  { case: "between, just below", field: "order_total", op: "between", value: [0, "21.169999"], expected: false },
  { case: "negative amounts", field: "discount_total", op: "less_than", value: 0, order: { discount_total: -1.7 }, expected: true },
  { case: "in_list, canonical decimals", field: "order_total", op: "in_list", value: ["10", "21.170"], expected: true },
  { case: "not_in_list, decimals", field: "order_total", op: "not_in_list", value: ["21.1"], expected: true },
  { case: "not_equals, decimals", field: "order_total", op: "not_equals", value: "21.17", expected: false },
  { case: "a missing total is not greater than 0", field: "order_total", op: "greater_than", value: 0, order: { order_total: undefined }, expected: false },
  { case: "a missing total does not equal 5", field: "order_total", op: "not_equals", value: 5, order: { order_total: undefined }, expected: true },
  { case: "a non-numeric total compares as missing", field: "order_total", op: "less_than", value: 100, order: { order_total: "n/a" }, expected: false },
  // integers
  { case: "integer equals a string", field: "quantity_total", op: "equals", value: "3", order: { quantity_total: 3 }, expected: true },
  { case: "integer between", field: "quantity_total", op: "between", value: [1, 3], order: { quantity_total: 3 }, expected: true },
  { case: "integer against a fraction", field: "quantity_total", op: "greater_than", value: 2.5, order: { quantity_total: 3 }, expected: true },
  // dates (now = 2024-06-15 12:00:00 UTC)
  { case: "date_before", field: "date_added", op: "date_before", value: "2024-06-11", order: { date_added: "2024-06-10 08:00:00" }, expected: true },
  { case: "date_after, same instant", field: "date_added", op: "date_after", value: "2024-06-10 08:00:00", order: { date_added: "2024-06-10 08:00:00" }, expected: false },
  { case: "date_after a day", field: "date_added", op: "date_after", value: "2024-06-10", order: { date_added: "2024-06-10 08:00:00" }, expected: true },
  { case: "date_before, ISO with an offset", field: "date_added", op: "date_before", value: "2024-06-10T09:00:00+02:00", order: { date_added: "2024-06-10 08:00:00" }, expected: false },
  { case: "greater_than on a date", field: "date_added", op: "greater_than", value: "2024-06-01", order: { date_added: "2024-06-10 08:00:00" }, expected: true },
  { case: "between dates", field: "date_added", op: "between", value: ["2024-06-01", "2024-06-30"], order: { date_added: "2024-06-10 08:00:00" }, expected: true },
  { case: "within_last_days 6 (5 days 4 hours ago)", field: "date_added", op: "within_last_days", value: 6, order: { date_added: "2024-06-10 08:00:00" }, expected: true },
  { case: "within_last_days 5 (5 days 4 hours ago)", field: "date_added", op: "within_last_days", value: 5, order: { date_added: "2024-06-10 08:00:00" }, expected: false },
  { case: "within_last_days, in the future", field: "date_added", op: "within_last_days", value: 5, order: { date_added: "2024-06-16 00:00:00" }, expected: false },
  { case: "older_than_days 5", field: "date_added", op: "older_than_days", value: 5, order: { date_added: "2024-06-10 08:00:00" }, expected: true },
  { case: "older_than_days 7", field: "date_added", op: "older_than_days", value: 7, order: { date_added: "2024-06-10 08:00:00" }, expected: false },
  { case: "older_than_days, missing date", field: "date_added", op: "older_than_days", value: 7, order: { date_added: "" }, expected: false },
  // tags
  { case: "has_tag, ignoring case", field: "tags", op: "has_tag", value: "vip", order: { tags: ["VIP", "rush"] }, expected: true },
  { case: "has_tag, case-sensitive", field: "tags", op: "has_tag", value: "vip", caseSensitive: true, order: { tags: ["VIP", "rush"] }, expected: false },
  { case: "lacks_tag", field: "tags", op: "lacks_tag", value: "wholesale", order: { tags: ["VIP", "rush"] }, expected: true },
  { case: "lacks_tag, present", field: "tags", op: "lacks_tag", value: "RUSH", order: { tags: ["VIP", "rush"] }, expected: false },
  { case: "has_tag from tag_name when tags are absent", field: "tags", op: "has_tag", value: "success", expected: true },
  { case: "is_not_empty tags", field: "tags", op: "is_not_empty", order: { tags: ["x"] }, expected: true },
  // folders
  { case: "folder equals", field: "folder_id", op: "equals", value: 1, expected: true },
  { case: "folder not_equals", field: "folder_id", op: "not_equals", value: 1, expected: false },
  { case: "folder in_list", field: "folder_id", op: "in_list", value: [2, 1], expected: true },
  { case: "folder not_in_list", field: "folder_id", op: "not_in_list", value: [2, 3], expected: true },
  { case: "folder is_empty", field: "folder_id", op: "is_empty", order: { folder_id: undefined }, expected: true },
];

// Item fields, tested through "any item".
const itemRows: Row[] = [
  { case: "vendor equals, ignoring case", field: "item.category_code", op: "equals", value: "default", expected: true },
  { case: "SKU in_list", field: "item.code", op: "in_list", value: ["CRZYG-554", "x"], expected: true },
  { case: "price greater_than (price is a string)", field: "item.price", op: "greater_than", value: "9.99", expected: true },
  { case: "price equals 10.00", field: "item.price", op: "equals", value: "10.00", expected: true },
  { case: "quantity at_least 2", field: "item.quantity", op: "at_least", value: 2, expected: false },
  { case: "variation by key", field: "item.variation_list.Size", op: "equals", value: "small", expected: true },
  { case: "item metadata by key", field: "item.metadata.image", op: "is_not_empty", expected: true },
  { case: "delivery type starts_with", field: "item.delivery_type", op: "starts_with", value: "SH", expected: true },
  { case: "a second item matches", field: "item.code", op: "equals", value: "b", order: items({ code: "a" }, { code: "B" }), expected: true },
];

const comparisonOf = (row: Row): Comparison => ({
  field: row.field,
  op: row.op,
  ...(row.value === undefined ? {} : { value: row.value }),
  ...(row.caseSensitive === undefined ? {} : { caseSensitive: row.caseSensitive }),
});

describe("operators on order fields", () => {
  it.each(rows)("$case", (row) => {
    const comparison = comparisonOf(row);
    expect(parseRule(ifRule(comparison))).toMatchObject({ ok: true });
    const { passed, result } = check(comparison, sampleOrder(row.order));
    expect(passed).toBe(row.expected);
    const leaf = result.trace.find((entry) => entry.kind === "condition");
    expect(leaf).toMatchObject({ kind: "condition", field: row.field, op: row.op, passed: row.expected, path: "" });
    expect(leaf?.kind === "condition" && leaf.reason.length).toBeGreaterThan(10);
  });
});

describe("operators on item fields (inside anyItem)", () => {
  it.each(itemRows)("$case", (row) => {
    const condition = { anyItem: comparisonOf(row) };
    expect(parseRule(ifRule(condition))).toMatchObject({ ok: true });
    expect(check(condition, sampleOrder(row.order)).passed).toBe(row.expected);
  });
});

describe("the operator table", () => {
  it("covers every operator", () => {
    const tested = new Set([...rows, ...itemRows].map((row) => row.op));
    expect(OPERATOR_IDS.filter((op) => !tested.has(op))).toEqual([]);
  });

  it("explains a comparison in a sentence", () => {
    const { result } = check({ field: "shipping.country", op: "equals", value: "us" }, sampleOrder());
    expect(result.trace.find((e) => e.kind === "condition")).toMatchObject({
      fieldLabel: "Ship to country",
      expected: "us",
      actual: "US",
      reason: 'Ship to country is "US", which equals "us" (ignoring case)',
    });
    const total = check({ field: "order_total", op: "between", value: ["10", "20"] }, sampleOrder());
    expect(total.result.trace.find((e) => e.kind === "condition")).toMatchObject({ actual: 21.17, reason: "Order total is 21.17, which is not between 10 and 20" });
    const days = check({ field: "date_added", op: "within_last_days", value: 7 }, sampleOrder());
    expect(days.result.trace.find((e) => e.kind === "condition")).toMatchObject({
      reason: "Date added is 2014-10-08 12:10:00, which is not within the last 7 days (2024-06-08 12:00:00 to 2024-06-15 12:00:00)",
    });
  });

  it("states the fact, not the verdict, for negated operators", () => {
    const { passed, result } = check({ field: "shipping.country", op: "not_equals", value: "us" }, sampleOrder(shipTo("US")));
    expect(passed).toBe(false);
    expect(result.trace.find((e) => e.kind === "condition")).toMatchObject({ passed: false, reason: 'Ship to country is "US", which equals "us" (ignoring case)' });
  });
});
