import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileRules, evaluate, explain, FIELDS, findField, KEYED_FIELDS, type Rule, type RuleOrder, type RuleOrderItem, type TriggerEvent } from "@/rules";
import { FieldReads } from "@/rules/reads";
import { RunContext } from "@/rules/run-context";
import { Constants, js } from "@/rules/source";
import { seenOf } from "@/rules/trace-log";
import { ifRule, NOW, rule, sampleOrder, tag } from "./helpers";

const created: TriggerEvent = { kind: "order.created" };

describe("generated code", () => {
  it("is written from fragments and whole numbers only", () => {
    const name = "x";
    expect(js`a${1}b${js`c`}`.text).toBe("a1bc");
    expect(() => js`a${name as never}`).toThrow(TypeError);
    expect(() => js`a${1.5}`).toThrow(TypeError);
    const constants = new Constants();
    const [text, list] = [constants.bind('"); throw 1; ("'), constants.bind(["a"])];
    expect(constants.build<() => unknown[]>(js`return () => [${text}, ${list}];`)()).toEqual(['"); throw 1; ("', ["a"]]);
  });

  it("runs rules whose ids, names, labels and values read like code as plain text", () => {
    const hostile = ["\"); throw new Error('x'); (\"", "`${process.exit(1)}`", "*/ throw 1 /*", "\u2028\u2029", "</script>", "\\", "c0", "ctx"];
    const rules: Rule[] = hostile.map((text, i) => ({
      ...rule(
        [
          {
            kind: "if",
            nodeId: `n${i}${text}`,
            label: text,
            condition: { any: [{ field: "email", op: "equals", value: text }, { field: `checkout_data.${text}`, op: "is_not_empty" }] },
            then: [tag(`t${i}${text}`, `tag ${text}`)],
            else: [],
          },
        ],
        { id: `r${i}${text}`, name: text },
      ),
    }));
    const order = sampleOrder({ email: hostile[0], checkout_data: { [hostile[1]!]: "yes" } });
    const { intents, trace } = evaluate(compileRules(rules), order, { event: created, now: NOW });
    expect(intents.map((i) => i.input)).toEqual([{ tag: `tag ${hostile[0]}` }, { tag: `tag ${hostile[1]}` }]);
    expect(explain(trace).filter((line) => line.startsWith("Rule")).map((line) => line.slice(6, line.indexOf('" runs')))).toEqual(hostile);
  });
});

describe("field reads", () => {
  /** The order with every value (but the list of items) made a getter that counts its reads. */
  function counted(order: RuleOrder) {
    const reads = new Map<string, number>();
    const watch = (target: Record<string, unknown>, path: string) => {
      for (const [key, value] of Object.entries(target)) {
        if (key === "order_items") continue;
        if (value !== null && typeof value === "object" && !Array.isArray(value)) watch(value as Record<string, unknown>, `${path}${key}.`);
        else Object.defineProperty(target, key, { get: () => (reads.set(`${path}${key}`, (reads.get(`${path}${key}`) ?? 0) + 1), value), enumerable: true });
      }
    };
    order.order_items?.forEach((item, i) => watch(item as Record<string, unknown>, `item${i}.`));
    watch(order as Record<string, unknown>, "");
    return { order, reads };
  }

  const vendorOrder = () =>
    sampleOrder({
      order_items: [
        { id: "1", code: "MUG-1", price: "12.50", category_code: "Acme" },
        { id: "2", code: "POS-9", price: 20, category_code: "Globex" },
        { id: "3", code: "CAP-3", price: "8", category_code: "ACME" },
      ],
    });

  // Five rules read the ship-to country and the item vendors: one with no action at all, a "for
  // each item" rule, anyItem/allItems, and an order field tested with an item in hand.
  const rules: Rule[] = [
    rule([{ kind: "if", nodeId: "c", condition: { field: "shipping.country", op: "equals", value: "us" }, then: [], else: [] }], { id: "no-action" }),
    rule([tag("t", "acme")], { id: "per-item", scope: { kind: "items", where: { field: "item.category_code", op: "equals", value: "acme" } } }),
    ifRule({ all: [{ anyItem: { field: "item.category_code", op: "in_list", value: ["globex"] } }, { field: "shipping.country", op: "equals", value: "US" }] }, { id: "any-item" }),
    ifRule({ allItems: { field: "item.category_code", op: "not_equals", value: "initech" } }, { id: "all-items" }),
    rule([{ kind: "if", nodeId: "c", condition: { field: "shipping.country", op: "not_equals", value: "ca" }, then: [tag("t", "x")], else: [] }], { id: "per-item-order-field", scope: { kind: "items" } }),
  ];

  it.each([true, false])("reads each value once per order (each item's once per item), and every rule sees it (trace: %s)", (trace) => {
    const { order, reads } = counted(vendorOrder());
    const result = evaluate(compileRules(rules), order, { event: created, now: NOW, trace });
    expect(result.intents.map((i) => [i.ruleId, i.nodeId, i.itemIndex])).toEqual([
      ["per-item", "t", 0],
      ["per-item", "t", 2],
      ["any-item", "yes", undefined],
      ["all-items", "yes", undefined],
      ["per-item-order-field", "t", 0],
      ["per-item-order-field", "t", 1],
      ["per-item-order-field", "t", 2],
    ]);
    expect(Object.fromEntries(reads)).toEqual({ "shipping.country": 1, "item0.category_code": 1, "item1.category_code": 1, "item2.category_code": 1 });
  });

  it("tells each item's value from the others' and from the order's in the trace", () => {
    const sentences = explain(evaluate(compileRules(rules), vendorOrder(), { event: created, now: NOW }).trace).filter((line) => line.includes(" is "));
    expect(sentences).toContain('  Item 3: Vendor / category code is "ACME", which equals "acme" (ignoring case), so "Vendor / category code equals" passes.');
    expect(sentences).toContain('  Item 2: Vendor / category code is "Globex", which does not equal "acme" (ignoring case), so "Vendor / category code equals" fails.');
    expect(sentences).toContain('  Item 2: Vendor / category code is "Globex", which is in the list ("globex") (ignoring case), so "Vendor / category code is one of" passes (at all[0].anyItem).');
    expect(sentences.filter((line) => line.startsWith('  Ship to country is "US", which does not equal "ca"'))).toHaveLength(3);
  });

  /** The value, or the error, as the trace would show it (an object without a usable toString cannot be shown). */
  const attempt = (read: () => unknown) => {
    try {
      return { value: read() };
    } catch (error) {
      return { error: String(error) };
    }
  };

  it("compiled reads get what the catalog's getters get, for every field and any order", () => {
    const keyed = KEYED_FIELDS.flatMap(({ prefix }) => ["Gift Message", "constructor", "__proto__", "toString", "0"].map((key) => findField(`${prefix}.${key}`)!));
    const fields = [...FIELDS, ...keyed];
    const keys = [...new Set(fields.flatMap((field) => (field.access ? [field.access.key, field.access.via ?? "shipping"] : ["tags", "tag_name"])))];
    // Through JSON, as orders come: plain objects, a "__proto__" key an own one.
    const json = <T>(arbitrary: fc.Arbitrary<T>) => arbitrary.map((v) => JSON.parse(JSON.stringify(v)) as T);
    const value = fc.oneof(json(fc.jsonValue({ maxDepth: 1 })), json(fc.dictionary(fc.constantFrom(...keys, "constructor", "__proto__"), fc.jsonValue({ maxDepth: 1 }))));
    const object = json(fc.dictionary(fc.constantFrom(...keys, "toString", "hasOwnProperty", "__proto__"), value));
    fc.assert(
      // An item may be null too: order_items is whatever the order says.
      fc.property(object, fc.oneof(object, fc.constant(null)), (orderFields, itemFields) => {
        const [order, item] = [orderFields as RuleOrder, itemFields as RuleOrderItem];
        const reads = new FieldReads();
        const forms = fields.map((field) => [field, reads.of(field, "text")] as const);
        const ctx = RunContext.start(order, [item], NOW.getTime(), reads, true);
        for (const [field, read] of forms) {
          const compiled = attempt(() => {
            read.fillRecorded(ctx, item, field.scope === "item" ? 0 : undefined);
            return field.scope === "order" ? ctx.orderSeen[reads.seenSlot(field)] : ctx.itemSeen[reads.seenSlot(field)];
          });
          expect(compiled).toEqual(attempt(() => seenOf(field, field.get(order, item))));
        }
      }),
      { numRuns: 300 },
    );
  });
});
