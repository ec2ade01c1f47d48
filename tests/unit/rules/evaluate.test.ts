import { describe, expect, it } from "vitest";
import { compileRules, evaluate, explain, InvalidRuleError, type Condition, type Rule, type Step, type TriggerConfig, type TriggerEvent } from "@/rules";
import { ifRule, NOW, rule, sampleOrder, tag } from "./helpers";

const created: TriggerEvent = { kind: "order.created" };
const run = (rules: Rule[], order = sampleOrder(), event: TriggerEvent = created) => evaluate(compileRules(rules), order, { event, now: NOW });
const stop = (nodeId: string): Step => ({ kind: "action", nodeId, action: { kind: "stop_processing", input: {} } });

/** Three Shopify-style lines from two vendors. */
const vendorOrder = () =>
  sampleOrder({
    order_items: [
      { id: "1", name: "Mug", code: "MUG-1", price: "12.50", quantity: 1, category_code: "Acme" },
      { id: "2", name: "Poster", code: "POS-9", price: 20, quantity: 2, category_code: "Globex" },
      { id: "3", name: "Cap", code: "CAP-3", price: "8", quantity: 1, category_code: "ACME" },
    ],
  });

describe("evaluate", () => {
  it("is deterministic: the same input twice gives deep-equal output", () => {
    const rules = [
      ifRule({ all: [{ field: "shipping.country", op: "equals", value: "us" }, { anyItem: { field: "item.price", op: "at_least", value: "10" } }] }),
      rule([{ kind: "action", nodeId: "due", action: { kind: "set_metadata", input: { key: "due", value: "[DATE+2days]" } } }], { id: "rule-2" }),
    ];
    const set = compileRules(rules);
    const first = evaluate(set, sampleOrder(), { event: created, now: NOW });
    const second = evaluate(set, sampleOrder(), { event: created, now: new Date(NOW.getTime()) });
    expect(second).toEqual(first);
    expect(JSON.parse(JSON.stringify(first))).toEqual(first);
  });

  it("runs the else branch when the condition fails", () => {
    const { intents, trace } = run([ifRule({ field: "shipping.country", op: "equals", value: "CA" })]);
    expect(intents).toEqual([{ ruleId: "rule-1", nodeId: "no", kind: "add_tag", input: { tag: "no" } }]);
    expect(trace.filter((e) => e.kind === "branch")).toEqual([{ kind: "branch", ruleId: "rule-1", nodeId: "cond", label: 'Condition "Ship to country"', branch: "false" }]);
  });

  it("runs rules in order, and stop_processing stops the rules after its own", () => {
    const rules = [
      rule([tag("a1", "first"), stop("s1"), tag("a2", "same rule still runs")], { id: "r1", name: "First" }),
      rule([tag("b1", "never")], { id: "r2", name: "Second" }),
    ];
    const { intents, trace, stopped } = run(rules);
    expect(stopped).toBe(true);
    expect(intents.map((i) => i.nodeId)).toEqual(["a1", "a2"]);
    expect(trace.filter((e) => e.kind === "rule")).toEqual([
      { kind: "rule", ruleId: "r1", ruleName: "First", ran: true, reason: "its trigger matches the event" },
      { kind: "rule", ruleId: "r2", ruleName: "Second", ran: false, reason: "an earlier rule stopped processing" },
    ]);
  });

  it("stop_processing inside a branch not taken stops nothing", () => {
    const rules = [ifRule({ field: "email", op: "is_empty" }, { id: "r1" }), rule([tag("b1", "later")], { id: "r2" })];
    rules[0]!.body = [{ kind: "if", nodeId: "cond", condition: { field: "email", op: "is_empty" }, then: [stop("s1")], else: [] }];
    const { intents, stopped } = run(rules);
    expect(stopped).toBe(false);
    expect(intents.map((i) => i.nodeId)).toEqual(["b1"]);
  });

  it("for each item where vendor = X: one intent per matching item, with its index", () => {
    const perItem = rule([{ kind: "action", nodeId: "inv", action: { kind: "adjust_inventory", input: { mode: "decrement" } } }], {
      scope: { kind: "items", where: { field: "item.category_code", op: "equals", value: "acme" } },
    });
    const { intents, trace } = run([perItem], vendorOrder());
    expect(intents).toEqual([
      { ruleId: "rule-1", nodeId: "inv", kind: "adjust_inventory", input: { mode: "decrement" }, itemIndex: 0 },
      { ruleId: "rule-1", nodeId: "inv", kind: "adjust_inventory", input: { mode: "decrement" }, itemIndex: 2 },
    ]);
    expect(trace.filter((e) => e.kind === "item").map((e) => e.kind === "item" && [e.itemIndex, e.matched])).toEqual([
      [0, true],
      [1, false],
      [2, true],
    ]);
    expect(trace.find((e) => e.kind === "condition" && e.itemIndex === 1)).toMatchObject({
      nodeId: "trigger",
      path: "",
      actual: "Globex",
      passed: false,
      reason: 'Item 2: Vendor / category code is "Globex", which does not equal "acme" (ignoring case)',
    });
  });

  it("for each item, branching per item", () => {
    const perItem = rule(
      [{ kind: "if", nodeId: "pricey", condition: { field: "item.price", op: "greater_than", value: "10" }, then: [tag("t", "pricey")], else: [tag("f", "cheap")] }],
      { scope: { kind: "items" } },
    );
    const { intents } = run([perItem], vendorOrder());
    expect(intents.map((i) => [i.nodeId, i.itemIndex])).toEqual([
      ["t", 0],
      ["t", 1],
      ["f", 2],
    ]);
  });

  it.each([
    { case: "anyItem, one matches", condition: { anyItem: { field: "item.category_code", op: "equals", value: "globex" } }, expected: true },
    { case: "anyItem, none matches", condition: { anyItem: { field: "item.category_code", op: "equals", value: "initech" } }, expected: false },
    { case: "allItems, all match", condition: { allItems: { field: "item.price", op: "less_than", value: 25 } }, expected: true },
    { case: "allItems, one does not", condition: { allItems: { field: "item.category_code", op: "equals", value: "acme" } }, expected: false },
    { case: "not anyItem", condition: { not: { anyItem: { field: "item.code", op: "starts_with", value: "zzz" } } }, expected: true },
    { case: "any of two", condition: { any: [{ field: "email", op: "is_empty" }, { field: "shipping.state", op: "equals", value: "tn" }] }, expected: true },
    { case: "all with an item quantifier", condition: { all: [{ field: "shipping.country", op: "equals", value: "US" }, { anyItem: { field: "item.quantity", op: "at_least", value: 2 } }] }, expected: true },
  ] as { case: string; condition: Condition; expected: boolean }[])("$case", ({ condition, expected }) => {
    const { intents } = run([ifRule(condition)], vendorOrder());
    expect(intents.map((i) => i.nodeId)).toEqual([expected ? "yes" : "no"]);
  });

  it("allItems is false for an order without items", () => {
    const { intents } = run([ifRule({ allItems: { field: "item.price", op: "at_least", value: 0 } })], sampleOrder({ order_items: [] }));
    expect(intents.map((i) => i.nodeId)).toEqual(["no"]);
  });

  it("short-circuits groups; the trace holds the comparisons that ran, with their paths", () => {
    const { trace } = run([ifRule({ any: [{ field: "shipping.country", op: "equals", value: "US" }, { all: [{ field: "email", op: "is_empty" }] }] })]);
    expect(trace.filter((e) => e.kind === "condition").map((e) => e.kind === "condition" && e.path)).toEqual(["any[0]"]);
    const nested = run([ifRule({ all: [{ field: "email", op: "is_not_empty" }, { any: [{ field: "email", op: "is_empty" }, { anyItem: { field: "item.code", op: "equals", value: "crzyg-554" } }] }] })]);
    expect(nested.trace.filter((e) => e.kind === "condition").map((e) => e.kind === "condition" && [e.path, e.passed, e.itemIndex])).toEqual([
      ["all[0]", true, undefined],
      ["all[1].any[0]", false, undefined],
      ["all[1].any[1].anyItem", true, 0],
    ]);
  });

  const triggered = (trigger: TriggerConfig, event: TriggerEvent, order = sampleOrder()) => run([rule([tag("a", "x")], { id: "target", trigger })], order, event).intents.length === 1;
  it.each([
    { case: "same event", trigger: { kind: "order.created" }, event: { kind: "order.created" }, expected: true },
    { case: "other event", trigger: { kind: "order.created" }, event: { kind: "order.updated" }, expected: false },
    { case: "any folder change", trigger: { kind: "order.folder_changed" }, event: { kind: "order.folder_changed", folderId: 4 }, expected: true },
    { case: "the folder it waits for", trigger: { kind: "order.folder_changed", folderId: 4 }, event: { kind: "order.folder_changed", folderId: 4 }, expected: true },
    { case: "another folder", trigger: { kind: "order.folder_changed", folderId: 4 }, event: { kind: "order.folder_changed", folderId: 5 }, expected: false },
    { case: "shipment", trigger: { kind: "shipment.created" }, event: { kind: "shipment.created" }, expected: true },
    { case: "split", trigger: { kind: "order.split" }, event: { kind: "order.split" }, expected: true },
    { case: "copied in", trigger: { kind: "order.copied_in" }, event: { kind: "order.copied_in" }, expected: true },
    { case: "manual, this rule", trigger: { kind: "manual" }, event: { kind: "manual", ruleIds: ["target"] }, expected: true },
    { case: "manual, other rules", trigger: { kind: "manual" }, event: { kind: "manual", ruleIds: ["other"] }, expected: false },
    { case: "schedule, order in its folder", trigger: { kind: "schedule", cron: "0 * * * *", folderId: 1 }, event: { kind: "schedule", ruleIds: ["target"] }, expected: true },
    { case: "schedule, order moved away", trigger: { kind: "schedule", cron: "0 * * * *", folderId: 2 }, event: { kind: "schedule", ruleIds: ["target"] }, expected: false },
    { case: "schedule, other rules", trigger: { kind: "schedule", cron: "0 * * * *", folderId: 1 }, event: { kind: "schedule", ruleIds: [] }, expected: false },
  ] as { case: string; trigger: TriggerConfig; event: TriggerEvent; expected: boolean }[])("trigger: $case", ({ trigger, event, expected }) => {
    expect(triggered(trigger, event)).toBe(expected);
  });

  it("says why a rule was skipped", () => {
    const { trace } = run([rule([tag("a", "x")], { trigger: { kind: "order.folder_changed", folderId: 4 } })], sampleOrder(), { kind: "order.folder_changed", folderId: 9 });
    expect(trace).toEqual([{ kind: "rule", ruleId: "rule-1", ruleName: "Test rule", ran: false, reason: "it runs when an order moves into folder 4, and this one moved into folder 9" }]);
  });

  it("can skip the trace for bulk runs, with the same intents", () => {
    const set = compileRules([ifRule({ field: "order_total", op: "greater_than", value: 20 })]);
    const full = evaluate(set, sampleOrder(), { event: created, now: NOW });
    const lean = evaluate(set, sampleOrder(), { event: created, now: NOW, trace: false });
    expect(lean).toEqual({ ...full, trace: [] });
  });

  it("is not affected by changes to the rules after compiling, and intents cannot change it", () => {
    const source = ifRule({ field: "shipping.country", op: "in_list", value: ["US"] });
    const set = compileRules([source]);
    (source.body[0] as { condition: { value: string[] } }).condition.value.push("CA");
    const first = evaluate(set, sampleOrder(), { event: created, now: NOW });
    expect(() => ((first.intents[0]!.input as { tag: string }).tag = "changed")).toThrow(TypeError);
    expect(evaluate(set, sampleOrder({ shipping: { country: "CA" } }), { event: created, now: NOW }).intents[0]!.nodeId).toBe("no");
  });

  it("refuses to compile an invalid rule or two rules with one id, and to run without a clock", () => {
    expect(() => compileRules([ifRule({ field: "nope", op: "is_empty" })])).toThrow(InvalidRuleError);
    expect(() => compileRules([ifRule({ field: "email", op: "is_empty" }), ifRule({ field: "email", op: "is_empty" })])).toThrow(/Two rules in the set have the id "rule-1"/);
    expect(() => evaluate(compileRules([]), sampleOrder(), { event: created, now: new Date("nope") })).toThrow(RangeError);
  });
});

describe("explain", () => {
  it("reads the trace of the sample order as sentences", () => {
    const rules = [
      rule([tag("a", "x")], { id: "r0", name: "On update", trigger: { kind: "order.updated" } }),
      {
        ...rule(
          [
            {
              kind: "if",
              nodeId: "c1",
              label: "Domestic gift",
              condition: { all: [{ field: "shipping.country", op: "equals", value: "us" }, { field: "checkout_data.Gift Message", op: "is_not_empty" }] },
              then: [tag("t1", "gift"), stop("s1")],
              else: [],
            },
          ],
          { id: "r1", name: "Gifts" },
        ),
      },
      rule([tag("a", "x")], { id: "r2", name: "Later" }),
    ];
    expect(explain(run(rules).trace)).toEqual([
      'Rule "On update" is skipped: it runs on "Order details change", not on "Order is created".',
      'Rule "Gifts" runs: its trigger matches the event.',
      '  Ship to country is "US", which equals "us" (ignoring case), so "Ship to country equals" passes (at all[0]).',
      '  Checkout data "Gift Message" is "Happy Birthday", which is not empty, so "Checkout data "Gift Message" is not empty" passes (at all[1]).',
      '  Condition "Domestic gift" is true: the true branch runs.',
      '  Action "Add tag" will run.',
      '  Action "Stop processing rules": no later rule runs.',
      'Rule "Later" is skipped: an earlier rule stopped processing.',
    ]);
  });

  it("numbers items from 1", () => {
    const perItem = rule([tag("t", "acme")], { scope: { kind: "items", where: { field: "item.category_code", op: "equals", value: "acme" } } });
    expect(explain(run([perItem], vendorOrder()).trace).slice(1, 5)).toEqual([
      '  Item 1: Vendor / category code is "Acme", which equals "acme" (ignoring case), so "Vendor / category code equals" passes.',
      "  Item 1 matches the filter, so the steps run for it.",
      '  Action "Add tag" for item 1 will run.',
      '  Item 2: Vendor / category code is "Globex", which does not equal "acme" (ignoring case), so "Vendor / category code equals" fails.',
    ]);
  });
});
