import { describe, expect, it } from "vitest";
import { ACTION_IDS, ACTIONS, compileRules, evaluate, parseRule, type ActionId, type Rule, type Step } from "@/rules";
import { resolveTokens } from "@/rules/tokens";
import { NOW, rule, sampleOrder } from "./helpers";

const examples: Record<ActionId, { valid: unknown[]; invalid: [unknown, RegExp][] }> = {
  move_to_folder: { valid: [{ folderId: 3 }], invalid: [[{}, /folder/], [{ folderId: 0 }, /folder/], [{ folderId: "3" }, /folder/], [{ folderId: 3, extra: 1 }, /Unrecognized key/]] },
  add_tag: { valid: [{ tag: "VIP" }, { tag: "VIP", color: "success" }], invalid: [[{ tag: " " }, /tag/], [{ tag: "x".repeat(51) }, /50 characters/], [{}, /tag/]] },
  remove_tag: { valid: [{ tag: "VIP" }], invalid: [[{ tag: "" }, /tag/]] },
  set_field: {
    valid: [{ field: "shipping_method", value: "Ground" }, { field: "item.quantity", value: "++" }, { field: "email", value: "" }],
    invalid: [[{ field: "order_total", value: "1" }, /not a field a rule can set/], [{ field: "nope", value: "x" }, /not a field/], [{ field: "email" }, /value/]],
  },
  set_checkout_data: { valid: [{ key: "Gift Message", value: "[DATE]" }], invalid: [[{ key: "", value: "x" }, /key/], [{ key: "k", value: 5 }, /value/]] },
  set_metadata: { valid: [{ key: "count", value: "++" }], invalid: [[{ key: "k", value: "x".repeat(1001) }, /1000 characters/]] },
  set_shipping_method: {
    valid: [{ method: "Ground" }, { mapping: [{ from: "Standard", to: "USPS Ground" }] }, { mapping: [{ from: "a", to: "b" }], default: "c" }],
    invalid: [[{ mapping: [] }, /at least one mapping/], [{ method: "" }, /shipping method/], [{ foo: 1 }, /either a "method" or a "mapping"/]],
  },
  add_note: { valid: [{ content: "Checked by a rule" }], invalid: [[{ content: "" }, /note/]] },
  split_order: {
    valid: [{ key: "code" }, { key: "category_code" }, { key: "delivery_type" }, { key: "variation:Size" }, { key: "variation" }, { key: "name" }],
    invalid: [[{ key: "variation:" }, /Split by/], [{ key: "weight" }, /Split by/]],
  },
  copy_to_store: { valid: [{ storeId: 2 }], invalid: [[{ storeId: -1 }, /store/]] },
  move_to_store: { valid: [{ storeId: 2 }], invalid: [[{ storeId: 1.5 }, /store/]] },
  adjust_inventory: {
    valid: [{ mode: "decrement" }, { mode: "increment", quantity: 2 }, { mode: "set", quantity: 0 }],
    invalid: [[{ mode: "set" }, /"set" needs one/], [{ mode: "double" }, /decrement/], [{ mode: "decrement", quantity: -1 }, /0 or more/]],
  },
  send_email: {
    valid: [{ to: "customer", subject: "Shipped", body: "Hi" }, { to: "ops@example.com", subject: "New", body: "Look", templateId: 4 }],
    invalid: [[{ to: "nobody", subject: "s", body: "b" }, /"customer" or an email/], [{ to: "customer", subject: "", body: "b" }, /subject/]],
  },
  export_orders: { valid: [{ templateId: 3 }], invalid: [[{}, /export template/], [{ templateId: 0 }, /export template/], [{ templateId: 3, again: true }, /Unrecognized key/]] },
  // No secret in the rule: the server signs with the store's derived webhook secret.
  post_webhook: { valid: [{ url: "https://example.com/hook" }, { url: "http://localhost:8080/x" }], invalid: [[{ url: "ftp://x" }, /http\(s\) URL/], [{ url: "https://e.com", secret: "0123456789abcdef" }, /Unrecognized key/]] },
  stop_processing: { valid: [{}], invalid: [[{ now: true }, /Unrecognized key/]] },
};

const actionRule = (kind: ActionId, input: unknown, scope: Rule["scope"] = { kind: "order" }) =>
  ({ ...rule([], { scope }), body: [{ kind: "action", nodeId: "act", action: { kind, input } }] }) as unknown;

describe("action input schemas", () => {
  it("has examples for every action, and every action has a label, description and scope", () => {
    expect(Object.keys(examples).sort()).toEqual([...ACTION_IDS].sort());
    for (const id of ACTION_IDS) {
      expect(ACTIONS[id].label).not.toBe("");
      expect(ACTIONS[id].description).not.toBe("");
      expect(["order", "item", "both"]).toContain(ACTIONS[id].scope);
    }
  });

  const valid = ACTION_IDS.flatMap((id) => examples[id].valid.map((input) => ({ id, input })));
  it.each(valid)("$id accepts $input", ({ id, input }) => {
    expect(ACTIONS[id].input.safeParse(input).success).toBe(true);
    const scope = id === "set_field" && (input as { field: string }).field.startsWith("item.") ? ({ kind: "items" } as const) : undefined;
    expect(parseRule(actionRule(id, input, scope))).toMatchObject({ ok: true });
  });

  const invalid = ACTION_IDS.flatMap((id) => examples[id].invalid.map(([input, message]) => ({ id, input, message })));
  it.each(invalid)("$id refuses $input", ({ id, input, message }) => {
    expect(ACTIONS[id].input.safeParse(input).success).toBe(false);
    const parsed = parseRule(actionRule(id, input));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors[0]).toMatchObject({ code: "invalid_action_input", nodeId: "act" });
    expect(parsed.errors[0]!.message).toMatch(new RegExp(`^Action "${ACTIONS[id].label}": `));
    expect(parsed.errors.map((e) => e.message).join(" ")).toMatch(message);
  });

  it("refuses an order-only action in a for-each-item rule, naming the node", () => {
    const parsed = parseRule(actionRule("split_order", { key: "code" }, { kind: "items" }));
    expect(parsed).toMatchObject({ ok: false, errors: [{ code: "action_scope_mismatch", nodeId: "act", message: expect.stringContaining('Action "Split order" acts on the whole order') }] });
  });

  it("refuses setting an item field from an order rule", () => {
    const parsed = parseRule(actionRule("set_field", { field: "item.code", value: "X" }));
    expect(parsed).toMatchObject({ ok: false, errors: [{ code: "item_field_outside_item_scope", nodeId: "act", path: "body[0].action.input.field" }] });
  });

  it.each(["[DATE+5dayz]", "[date]", "Ship by [DATE+2 days]", "[SHORTDATE-1fortnight]"])("refuses the malformed token in %j", (value) => {
    const parsed = parseRule(actionRule("set_metadata", { key: "k", value }));
    expect(parsed).toMatchObject({ ok: false, errors: [{ code: "invalid_action_input", nodeId: "act", message: expect.stringContaining("is not a date token") }] });
  });
});

describe("value tokens", () => {
  const now = NOW.getTime(); // 2024-06-15 12:00:00 UTC
  it.each([
    ["[DATE]", undefined, "2024-06-15 12:00:00"],
    ["[DATE+5days]", undefined, "2024-06-20 12:00:00"],
    ["[DATE-2hours]", undefined, "2024-06-15 10:00:00"],
    ["[DATE+30minutes]", undefined, "2024-06-15 12:30:00"],
    ["[DATE+1day]", undefined, "2024-06-16 12:00:00"],
    ["[SHORTDATE-1week]", undefined, "2024-06-08"],
    ["[DATE+1year]", undefined, "2025-06-15 12:00:00"],
    ["Checked [SHORTDATE] until [SHORTDATE+2days]", undefined, "Checked 2024-06-15 until 2024-06-17"],
    ["plain text [not a token]", undefined, "plain text [not a token]"],
    ["++", "4", "5"],
    ["++", undefined, "1"],
    ["++", "", "1"],
    ["++", 9, "10"],
    ["++", "not a number", "1"],
    ["--", "2.5", "1.5"],
    ["--", "0", "-1"],
    ["a++", "4", "a++"],
  ] as const)("%j with current value %j -> %j", (value, current, expected) => {
    expect(resolveTokens(value, now, current)).toBe(expected);
  });

  it("adds calendar months, clamping the day", () => {
    expect(resolveTokens("[SHORTDATE+1month]", Date.UTC(2024, 0, 31), undefined)).toBe("2024-02-29");
    expect(resolveTokens("[SHORTDATE-1month]", Date.UTC(2024, 2, 31), undefined)).toBe("2024-02-29");
    expect(resolveTokens("[SHORTDATE+12months]", Date.UTC(2023, 1, 28), undefined)).toBe("2024-02-28");
  });

  it("resolves tokens into intents from `now` and the order's current values", () => {
    const body: Step[] = [
      { kind: "action", nodeId: "due", action: { kind: "set_checkout_data", input: { key: "Due", value: "[DATE+5days]" } } },
      { kind: "action", nodeId: "count", action: { kind: "set_metadata", input: { key: "fraud_protection_score", value: "++" } } },
      { kind: "action", nodeId: "method", action: { kind: "set_field", input: { field: "shipping_method", value: "Rush by [SHORTDATE+1day]" } } },
    ];
    const { intents } = evaluate(compileRules([rule(body)]), sampleOrder(), { event: { kind: "order.created" }, now: NOW });
    expect(intents).toEqual([
      { ruleId: "rule-1", nodeId: "due", kind: "set_checkout_data", input: { key: "Due", value: "2024-06-20 12:00:00" } },
      { ruleId: "rule-1", nodeId: "count", kind: "set_metadata", input: { key: "fraud_protection_score", value: "1" } },
      { ruleId: "rule-1", nodeId: "method", kind: "set_field", input: { field: "shipping_method", value: "Rush by 2024-06-16" } },
    ]);
  });

  it("counts each item's own value up in a for-each-item rule", () => {
    const body: Step[] = [{ kind: "action", nodeId: "bump", action: { kind: "set_field", input: { field: "item.quantity", value: "++" } } }];
    const order = sampleOrder({ order_items: [{ quantity: 1 }, { quantity: 7 }] });
    const { intents } = evaluate(compileRules([rule(body, { scope: { kind: "items" } })]), order, { event: { kind: "order.created" }, now: NOW });
    expect(intents.map((i) => [i.itemIndex, i.input])).toEqual([
      [0, { field: "item.quantity", value: "2" }],
      [1, { field: "item.quantity", value: "8" }],
    ]);
  });

  it("maps the shipping method, ignoring case, with a default, or skips with a reason", () => {
    const mapping = { mapping: [{ from: "fedex home delivery", to: "FedEx Ground" }], default: "USPS" };
    const set = compileRules([rule([{ kind: "action", nodeId: "ship", action: { kind: "set_shipping_method", input: mapping } }])]);
    const run = (shipping_method: string) => evaluate(set, sampleOrder({ shipping_method }), { event: { kind: "order.created" }, now: NOW });
    expect(run("FedEx Home Delivery").intents[0]?.input).toEqual({ method: "FedEx Ground" });
    expect(run("Pigeon").intents[0]?.input).toEqual({ method: "USPS" });
    const noDefault = compileRules([rule([{ kind: "action", nodeId: "ship", action: { kind: "set_shipping_method", input: { mapping: mapping.mapping } } }])]);
    const skipped = evaluate(noDefault, sampleOrder({ shipping_method: "Pigeon" }), { event: { kind: "order.created" }, now: NOW });
    expect(skipped.intents).toEqual([]);
    expect(skipped.trace.at(-1)).toEqual({ kind: "action", ruleId: "rule-1", nodeId: "ship", action: "set_shipping_method", skipped: 'no mapping for the shipping method "Pigeon" and no default' });
  });
});
