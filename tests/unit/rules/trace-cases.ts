import type { Condition, Rule, RuleOrder, Step, TriggerEvent } from "@/rules";
import { ifRule, rule, sampleOrder, tag } from "./helpers";

/**
 * Rule sets, orders and events whose traces cover every way a trace entry is made: each operator
 * family, negated and case-sensitive tests, missing, numeric, long and quoted values, tags, items
 * (anyItem, allItems, "for each item"), the clock, skipped rules, stops and resolved actions. The
 * sentences they give were taken from the evaluator before its trace was made lazily
 * (trace.test.ts), so the lazy trace is checked against the words people already saw.
 */
export interface TraceCase {
  name: string;
  rules: Rule[];
  order: RuleOrder;
  event?: TriggerEvent;
}

const items = (...list: Record<string, unknown>[]) => ({ order_items: list });
const vendors = items(
  { id: "1", name: "Mug", code: "MUG-1", price: "12.50", quantity: 1, category_code: "Acme", variation_list: { Size: "Large" } },
  { id: "2", name: "Poster", code: "POS-9", price: 20, quantity: 2, category_code: "Globex" },
  { id: "3", name: "Cap", code: "CAP-3", price: "8", quantity: 1, category_code: "ACME", metadata: { note: 'say "hi"' } },
);
const when = (condition: Condition, order: Partial<RuleOrder> = {}): TraceCase => ({ name: JSON.stringify(condition), rules: [ifRule(condition)], order: sampleOrder(order) });
const stop = (nodeId: string): Step => ({ kind: "action", nodeId, action: { kind: "stop_processing", input: {} } });

export const TRACE_CASES: TraceCase[] = [
  when({ field: "shipping.country", op: "equals", value: "us" }),
  when({ field: "shipping.country", op: "equals", value: "us", caseSensitive: true }),
  when({ field: "shipping.country", op: "not_equals", value: "CA" }),
  when({ field: "shipping.country", op: "in_list", value: ["CA", "us", "MX"] }),
  when({ field: "shipping.country", op: "not_in_list", value: ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"] }),
  when({ field: "email", op: "contains", value: "ORDERDESK" }),
  when({ field: "email", op: "not_contains", value: "gmail" }),
  when({ field: "email", op: "starts_with", value: "TEST@", caseSensitive: true }),
  when({ field: "email", op: "ends_with", value: ".com" }),
  when({ field: "email", op: "matches_regex", value: "^test@[a-z]+\\.com$" }),
  when({ field: "shipping.company", op: "is_empty" }),
  when({ field: "email", op: "is_not_empty" }, { email: null }),
  when({ field: "checkout_data.Gift Message", op: "equals", value: 'He said "hi"\\' }, { checkout_data: { "Gift Message": 'He said "hi"\\\n' } }),
  when({ field: "order_metadata.note", op: "contains", value: "end" }, { order_metadata: { note: `${"a".repeat(250)}end` } }),
  when({ field: "order_metadata.fraud_protection_score", op: "equals", value: "0" }),
  when({ field: "checkout_data.constructor", op: "is_empty" }),
  when({ field: "order_total", op: "equals", value: "21.170" }),
  when({ field: "order_total", op: "greater_than", value: "0.3" }, { order_total: 0.1 + 0.2 }),
  when({ field: "order_total", op: "between", value: ["10", "20"] }),
  when({ field: "order_total", op: "at_most", value: "21.169" }, { order_total: "21.17" }),
  when({ field: "order_total", op: "less_than", value: 100 }, { order_total: "n/a" }),
  when({ field: "order_total", op: "in_list", value: ["10", "21.170", "1e2"] }),
  when({ field: "weight_total", op: "equals", value: "0.0000001" }, { weight_total: 1e-7 }),
  when({ field: "discount_total", op: "at_least", value: "-2" }, { discount_total: -1.7 }),
  when({ field: "quantity_total", op: "between", value: [1, 3] }, { quantity_total: 3 }),
  when({ field: "order_total", op: "equals", value: "12345678901234567890.12" }, { order_total: "12345678901234567890.120" }),
  when({ field: "date_added", op: "date_before", value: "2024-06-11" }, { date_added: "2024-06-10 08:00:00" }),
  when({ field: "date_added", op: "date_after", value: "2024-06-10T09:00:00+02:00" }, { date_added: "2024-06-10 08:00:00" }),
  when({ field: "date_added", op: "greater_than", value: "2024-06-01" }, { date_added: "2024-06-10 08:00:00" }),
  when({ field: "date_added", op: "between", value: ["2024-06-01", "2024-06-30"] }),
  when({ field: "date_added", op: "within_last_days", value: 6 }, { date_added: "2024-06-10 08:00:00" }),
  when({ field: "date_added", op: "older_than_days", value: 7 }, { date_added: "" }),
  when({ field: "tags", op: "has_tag", value: "vip" }, { tags: ["VIP", "rush"] }),
  when({ field: "tags", op: "lacks_tag", value: "rush", caseSensitive: true }, { tags: ["VIP", "Rush"] }),
  when({ field: "tags", op: "has_tag", value: "success" }),
  when({ field: "tags", op: "is_empty" }, { tags: [], tag_name: "" }),
  when({ field: "folder_id", op: "in_list", value: [2, 1] }),
  when({ field: "folder_id", op: "not_equals", value: 1 }, { folder_id: "7" }),
  when({ field: "folder_id", op: "is_empty" }, { folder_id: undefined }),
  when({ any: [{ field: "shipping.country", op: "equals", value: "CA" }, { all: [{ field: "email", op: "is_empty" }, { field: "shipping.state", op: "equals", value: "tn" }] }, { not: { field: "order_total", op: "less_than", value: 1 } }] }),
  when({ anyItem: { field: "item.category_code", op: "equals", value: "globex" } }, vendors),
  when({ allItems: { all: [{ field: "item.price", op: "less_than", value: 25 }, { field: "shipping.country", op: "equals", value: "us" }] } }, vendors),
  when({ allItems: { field: "item.price", op: "at_least", value: 0 } }, { order_items: [] }),
  when({ anyItem: { any: [{ field: "item.variation_list.Size", op: "equals", value: "large" }, { field: "item.metadata.note", op: "is_not_empty" }] } }, vendors),
  when({ not: { anyItem: { allItems: { field: "item.code", op: "in_list", value: ["mug-1", "pos-9"] } } } }, vendors),
  {
    name: "for each item, with a filter and branches per item",
    rules: [
      rule([{ kind: "if", nodeId: "pricey", label: "Pricey", condition: { field: "item.price", op: "greater_than", value: "10" }, then: [tag("t", "pricey")], else: [tag("f", "cheap"), stop("s")] }], {
        scope: { kind: "items", where: { field: "item.category_code", op: "not_equals", value: "globex" } },
      }),
      rule([tag("later", "x")], { id: "rule-2", name: "Later" }),
    ],
    order: sampleOrder(vendors),
  },
  {
    name: "for each item without a filter, on an order without items",
    rules: [rule([tag("t", "x")], { scope: { kind: "items" } })],
    order: sampleOrder({ order_items: [] }),
  },
  {
    name: "skipped rules: other event, other folder, a schedule, a manual run",
    rules: [
      rule([tag("a", "x")], { id: "r0", name: "On update", trigger: { kind: "order.updated" } }),
      rule([tag("b", "x")], { id: "r1", name: "Into folder 4", trigger: { kind: "order.folder_changed", folderId: 4 } }),
      rule([tag("c", "x")], { id: "r2", name: "Into any folder", trigger: { kind: "order.folder_changed" } }),
      rule([tag("d", "x")], { id: "r3", name: "Nightly", trigger: { kind: "schedule", cron: "0 0 * * *", folderId: 1 } }),
    ],
    order: sampleOrder(),
    event: { kind: "order.folder_changed", folderId: 9 },
  },
  {
    name: "a schedule run: the rule it names, in its folder or not",
    rules: [
      rule([tag("d", "x")], { id: "r3", name: "Nightly", trigger: { kind: "schedule", cron: "0 0 * * *", folderId: 2 } }),
      rule([tag("e", "x")], { id: "r4", name: "By hand", trigger: { kind: "manual" } }),
    ],
    order: sampleOrder(),
    event: { kind: "schedule", ruleIds: ["r3", "r4"] },
  },
  {
    name: "resolved action inputs: tokens, a counter, a method mapping with and without a match",
    rules: [
      rule([
        { kind: "action", nodeId: "due", action: { kind: "set_metadata", input: { key: "due", value: "[DATE+2days]" } } },
        { kind: "action", nodeId: "count", action: { kind: "set_checkout_data", input: { key: "Gift Message", value: "++" } } },
        { kind: "action", nodeId: "map", action: { kind: "set_shipping_method", input: { mapping: [{ from: "fedex home delivery", to: "Ground" }] } } },
        { kind: "action", nodeId: "nomap", action: { kind: "set_shipping_method", input: { mapping: [{ from: "UPS", to: "Air" }] } } },
      ]),
    ],
    order: sampleOrder(),
  },
  {
    name: "a stop in the middle: the rule finishes, later rules are skipped",
    rules: [
      rule([{ kind: "if", nodeId: "c1", condition: { field: "shipping.country", op: "equals", value: "us" }, then: [stop("s1"), tag("t1", "after")], else: [] }], { id: "r1", name: "Stops" }),
      rule([tag("a", "x")], { id: "r2", name: "Later" }),
    ],
    order: sampleOrder(),
  },
];
