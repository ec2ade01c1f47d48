import { describe, expect, it } from "vitest";
import { parseRule, type RuleError } from "@/rules";
import { ifRule, rule, tag } from "./helpers";

const errorsOf = (json: unknown): RuleError[] => {
  const parsed = parseRule(json);
  if (parsed.ok) throw new Error("expected the rule to be refused");
  return parsed.errors;
};

describe("parseRule: the document's structure", () => {
  it("accepts a valid rule and returns it unchanged", () => {
    const valid = ifRule({ all: [{ field: "shipping.country", op: "equals", value: "US" }, { anyItem: { field: "item.code", op: "in_list", value: ["A", "B"] } }] });
    expect(parseRule(valid)).toEqual({ ok: true, rule: valid });
  });

  it.each([
    { case: "not an object", json: "rule", path: "", message: /expected object/ },
    { case: "another version", json: { ...rule([tag("a", "x")]), version: 2 }, path: "version", message: /needs "version": 1/ },
    { case: "an unknown key", json: { ...rule([tag("a", "x")]), colour: "red" }, path: "", message: /Unrecognized key: "colour"/ },
    { case: "a blank name", json: { ...rule([tag("a", "x")]), name: " " }, path: "name", message: /Give the rule a name/ },
    { case: "an unknown step kind", json: rule([{ kind: "loop", nodeId: "s1" } as never]), path: "body[0].kind", message: /'if' \| 'action'/, nodeId: "s1" },
    { case: "an unknown action", json: rule([{ kind: "action", nodeId: "s1", action: { kind: "launch", input: {} } } as never]), path: "body[0].action.kind", message: /expected one of/, nodeId: "s1" },
    { case: "an unknown operator", json: ifRule({ field: "email", op: "eq" } as never), path: "body[0].condition.op", message: /expected one of "equals"/, nodeId: "cond" },
    { case: "a shapeless condition", json: ifRule({ every: [] } as never), path: "body[0].condition", message: /Not a condition/, nodeId: "cond" },
    { case: "a bad node id", json: rule([tag("has space", "x")]), path: "body[0].nodeId", message: /node id/, nodeId: "has space" },
    { case: "a node id that would replace a prototype", json: rule([tag("__proto__", "x")]), path: "body[0].nodeId", message: /node id/, nodeId: "__proto__" },
    { case: "a schedule without cron", json: rule([tag("a", "x")], { trigger: { kind: "schedule", folderId: 1 } as never }), path: "trigger.cron", message: /Enter when to run/, nodeId: "trigger" },
    { case: "a bad scope", json: { ...rule([tag("a", "x")]), scope: { kind: "lines" } }, path: "scope.kind", message: /'order' \| 'items'/, nodeId: "trigger" },
  ])("refuses $case", ({ json, path, message, nodeId }) => {
    const [error, ...rest] = errorsOf(json);
    expect(rest).toEqual([]);
    expect(error).toMatchObject({ code: "invalid_document", path });
    expect(error!.message).toMatch(message);
    expect(error!.nodeId).toBe(nodeId);
  });

  it("refuses a document nested too deeply before zod walks it", () => {
    let condition: unknown = { field: "email", op: "is_empty" };
    for (let i = 0; i < 5000; i++) condition = { not: condition };
    expect(errorsOf(ifRule(condition as never))).toMatchObject([{ code: "too_large" }]);
  });
});

describe("parseRule: meaning", () => {
  it.each([
    {
      case: "an operator that does not fit the field",
      json: ifRule({ field: "shipping.country", op: "greater_than", value: 3 }),
      error: { code: "operator_type_mismatch", nodeId: "cond", path: "body[0].condition.op" },
      message: 'Condition "Ship to country": operator "greater than" needs a number or date field, but "Ship to country" is text.',
    },
    {
      case: "an unknown field",
      json: ifRule({ field: "shipping.planet", op: "equals", value: "Mars" }),
      error: { code: "unknown_field", nodeId: "cond", path: "body[0].condition.field" },
      message: 'Condition "shipping.planet": there is no field "shipping.planet".',
    },
    {
      case: "an item field in an order rule",
      json: ifRule({ all: [{ field: "email", op: "is_not_empty" }, { field: "item.code", op: "equals", value: "A" }] }),
      error: { code: "item_field_outside_item_scope", nodeId: "cond", path: "body[0].condition.all[1].field" },
      message: 'Condition "Email, SKU (item code)": "SKU (item code)" is an item field; test it in a "for each item" rule or inside "any item" / "every item".',
    },
    {
      case: "a label names the node",
      json: rule([{ kind: "if", nodeId: "c9", label: "Big spender", condition: { field: "order_total", op: "greater_than", value: "lots" }, then: [], else: [] }]),
      error: { code: "invalid_value", nodeId: "c9", path: "body[0].condition.value" },
      message: 'Condition "Big spender": "greater than" on "Order total" needs a number such as 19.99, not "lots".',
    },
    {
      case: "a catastrophic pattern",
      json: ifRule({ field: "email", op: "matches_regex", value: "(a+)+$" }),
      error: { code: "unsafe_regex", nodeId: "cond", path: "body[0].condition.value" },
      message: expect.stringMatching(/^Condition "Email": the pattern "\(a\+\)\+\$" is refused: the group "\(a\+\)\+" repeats/),
    },
    {
      case: "an empty group",
      json: ifRule({ any: [] }),
      error: { code: "empty_group", nodeId: "cond", path: "body[0].condition.any" },
      message: 'Condition "cond": an "any" group is empty; add a condition to it or remove it.',
    },
    {
      case: "case sensitivity on a number",
      json: ifRule({ field: "order_total", op: "equals", value: 5, caseSensitive: true }),
      error: { code: "invalid_value", path: "body[0].condition.caseSensitive" },
      message: expect.stringContaining('so "case sensitive" means nothing here'),
    },
    {
      case: "a backwards range",
      json: ifRule({ field: "order_total", op: "between", value: ["50", "10.5"] }),
      error: { code: "invalid_value" },
      message: expect.stringContaining("which is backwards"),
    },
    {
      case: "a value on is_empty",
      json: ifRule({ field: "email", op: "is_empty", value: "x" }),
      error: { code: "invalid_value" },
      message: expect.stringContaining('"is empty" takes no value'),
    },
    {
      case: "an empty list",
      json: ifRule({ field: "email", op: "in_list", value: [] }),
      error: { code: "invalid_value" },
      message: expect.stringContaining("needs a list of one or more values"),
    },
    {
      case: "a bad date",
      json: ifRule({ field: "date_added", op: "date_before", value: "2024-02-30" }),
      error: { code: "invalid_value" },
      message: expect.stringContaining('needs a date such as "2024-05-31"'),
    },
    {
      case: "fractional days",
      json: ifRule({ field: "date_added", op: "within_last_days", value: 1.5 }),
      error: { code: "invalid_value" },
      message: expect.stringContaining("a whole number of days"),
    },
    {
      case: "a folder given as text",
      json: ifRule({ field: "folder_id", op: "equals", value: "New" }),
      error: { code: "invalid_value" },
      message: expect.stringContaining("needs a folder"),
    },
    {
      case: "steps after a condition",
      json: rule([{ kind: "if", nodeId: "c1", condition: { field: "email", op: "is_empty" }, then: [], else: [] }, tag("t1", "x")]),
      error: { code: "steps_after_condition", nodeId: "c1", path: "body[0]" },
      message: 'Condition "Email": the steps after it (Action "Add tag") would never run; move them into its true or false branch.',
    },
    {
      case: "two nodes with one id",
      json: rule([tag("same", "a"), tag("same", "b")]),
      error: { code: "duplicate_node_id", nodeId: "same", path: "body[1].nodeId" },
      message: 'Action "Add tag": another node already has the id "same"; give each node its own id.',
    },
    {
      case: "a step reusing the trigger's id",
      json: rule([tag("trigger", "a")]),
      error: { code: "duplicate_node_id", nodeId: "trigger" },
      message: expect.stringContaining('already has the id "trigger"'),
    },
    {
      case: "an empty rule",
      json: rule([]),
      error: { code: "empty_rule", nodeId: "trigger" },
      message: 'Rule "Test rule" does nothing yet: connect a condition or an action to the trigger.',
    },
    {
      case: "a cron with four fields",
      json: rule([tag("a", "x")], { trigger: { kind: "schedule", cron: "0 9 * *", folderId: 2 } }),
      error: { code: "invalid_trigger", nodeId: "trigger", path: "trigger.cron" },
      message: expect.stringContaining('Trigger "On a schedule": "0 9 * *" has 4 fields; a schedule needs 5'),
    },
    {
      case: "a cron hour out of range",
      json: rule([tag("a", "x")], { trigger: { kind: "schedule", cron: "0 24 * * *", folderId: 2 } }),
      error: { code: "invalid_trigger", path: "trigger.cron" },
      message: 'Trigger "On a schedule": the hour field "24" must use values from 0 to 23.',
    },
    {
      case: "an unknown time zone",
      json: rule([tag("a", "x")], { trigger: { kind: "schedule", cron: "*/15 9-17 * * MON-FRI", timezone: "Mars/Olympus", folderId: 2 } }),
      error: { code: "invalid_trigger", path: "trigger.timezone" },
      message: expect.stringContaining('"Mars/Olympus" is not a time zone'),
    },
    {
      case: "a bad item filter",
      json: rule([tag("a", "x")], { scope: { kind: "items", where: { field: "item.price", op: "contains", value: "9" } } }),
      error: { code: "operator_type_mismatch", nodeId: "trigger", path: "scope.where.op" },
      message: 'The "for each item where" filter: operator "contains" needs a text field, but "Item price" is a decimal number.',
    },
  ])("refuses $case, naming the node", ({ json, error, message }) => {
    const errors = errorsOf(json);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ ...error, message });
  });

  it("reports every problem, not only the first", () => {
    const errors = errorsOf(
      rule([
        { kind: "if", nodeId: "c1", condition: { all: [{ field: "nope", op: "equals", value: "x" }, { field: "email", op: "matches_regex", value: "(.*)*" }] }, then: [], else: [] },
        tag("c1", "dup"),
      ]),
    );
    expect(errors.map((e) => e.code).sort()).toEqual(["duplicate_node_id", "steps_after_condition", "unknown_field", "unsafe_regex"]);
  });

  it("accepts item fields in a for-each-item rule and inside anyItem/allItems", () => {
    expect(parseRule(ifRule({ field: "item.category_code", op: "equals", value: "ACME" }, { scope: { kind: "items" } })).ok).toBe(true);
    expect(parseRule(ifRule({ allItems: { field: "item.delivery_type", op: "equals", value: "download" } })).ok).toBe(true);
    expect(parseRule(ifRule({ not: { anyItem: { field: "item.variation_list.Size", op: "equals", value: "XL" } } })).ok).toBe(true);
  });

  it.each(["0 9 * * MON-FRI", "*/15 * * * *", "0 0 1 JAN,JUL *", "30 6 * * 0,7", "0 8-18/2 * * *"])("accepts the cron %j", (cron) => {
    expect(parseRule(rule([tag("a", "x")], { trigger: { kind: "schedule", cron, timezone: "Europe/Paris", folderId: 2 } })).ok).toBe(true);
  });
});
