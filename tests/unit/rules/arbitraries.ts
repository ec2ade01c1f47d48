import fc from "fast-check";
import type { Action, Comparison, Condition, Rule, Scope, Step, TriggerConfig } from "@/rules";

/** fast-check generators of valid rules (every one passes parseRule), for the property tests. */

const text = (max = 40) => fc.string({ maxLength: max });
const nonBlank = (max = 40) => fc.string({ minLength: 1, maxLength: max }).filter((s) => /\S/.test(s));
/** No "[": a bracket could spell a malformed date token, which validation rightly refuses. */
const plain = (max = 40) => text(max).filter((s) => !s.includes("["));
const decimal = fc.oneof(
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
  fc.tuple(fc.integer({ min: -99_999, max: 99_999 }), fc.integer({ min: 0, max: 9999 })).map(([whole, fraction]) => `${whole}.${String(fraction).padStart(4, "0")}`),
);
const day = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }).map((ms) => new Date(ms).toISOString().slice(0, 19).replace("T", " "));
const caseOption = fc.option(fc.boolean(), { nil: undefined });
const SAFE_PATTERNS = ["^[A-Z]{2}-\\d{4}$", "\\w+@\\w+\\.com$", "^\\d+(\\.\\d+)?$", "gift|present", "^SKU-(red|blue)$"];
const TEXT_FIELDS = ["email", "shipping.country", "shipping.state", "customer.city", "source_name", "payment_status", "checkout_data.Gift Message"];
const keyed = (prefix: string) => nonBlank(20).map((key) => `${prefix}.${key}`);

const withCase = (comparison: Comparison, caseSensitive: boolean | undefined): Comparison => (caseSensitive === undefined ? comparison : { ...comparison, caseSensitive });

const orderComparison: fc.Arbitrary<Comparison> = fc.oneof(
  fc
    .tuple(fc.oneof(fc.constantFrom(...TEXT_FIELDS), keyed("order_metadata")), fc.constantFrom("equals", "not_equals", "contains", "not_contains", "starts_with", "ends_with" as const), text(), caseOption)
    .map(([field, op, value, cs]) => withCase({ field, op, value }, cs)),
  fc.tuple(fc.constantFrom(...TEXT_FIELDS), fc.constantFrom("in_list", "not_in_list" as const), fc.array(text(), { minLength: 1, maxLength: 4 }), caseOption).map(([field, op, value, cs]) => withCase({ field, op, value }, cs)),
  fc.tuple(fc.constantFrom("order_total", "shipping_total", "quantity_total"), fc.constantFrom("equals", "greater_than", "less_than", "at_least", "at_most" as const), decimal).map(([field, op, value]) => ({ field, op, value })),
  fc.tuple(fc.constantFrom("order_total", "tax_total"), decimal, decimal).map(([field, a, b]): Comparison => {
    const [from, to] = Number(a) <= Number(b) ? [a, b] : [b, a];
    return { field, op: "between", value: [from, to] };
  }),
  fc.tuple(fc.constantFrom("date_added", "date_updated"), fc.constantFrom("date_before", "date_after", "greater_than" as const), day).map(([field, op, value]) => ({ field, op, value })),
  fc.tuple(fc.constantFrom("within_last_days", "older_than_days" as const), fc.integer({ min: 0, max: 3650 })).map(([op, value]) => ({ field: "date_added", op, value })),
  fc.tuple(fc.constantFrom("has_tag", "lacks_tag" as const), nonBlank(), caseOption).map(([op, value, cs]) => withCase({ field: "tags", op, value }, cs)),
  fc.tuple(fc.constantFrom("in_list", "not_in_list" as const), fc.array(fc.integer({ min: 1, max: 10_000 }), { minLength: 1, maxLength: 4 })).map(([op, value]) => ({ field: "folder_id", op, value })),
  fc.tuple(fc.constantFrom(...TEXT_FIELDS), fc.constantFrom(...SAFE_PATTERNS), caseOption).map(([field, value, cs]) => withCase({ field, op: "matches_regex", value }, cs)),
  fc.tuple(fc.constantFrom("email", "order_total", "tags", "date_added", "folder_id"), fc.constantFrom("is_empty", "is_not_empty" as const)).map(([field, op]) => ({ field, op })),
);

const itemComparison: fc.Arbitrary<Comparison> = fc.oneof(
  fc.tuple(fc.constantFrom("item.code", "item.category_code", "item.delivery_type"), fc.constantFrom("equals", "starts_with" as const), text(), caseOption).map(([field, op, value, cs]) => withCase({ field, op, value }, cs)),
  fc.tuple(fc.constantFrom("item.code", "item.name"), fc.array(text(), { minLength: 1, maxLength: 3 })).map(([field, value]) => ({ field, op: "in_list" as const, value })),
  fc.tuple(fc.constantFrom("item.price", "item.quantity", "item.weight"), fc.constantFrom("at_least", "less_than" as const), decimal).map(([field, op, value]) => ({ field, op, value })),
  fc.tuple(fc.oneof(keyed("item.variation_list"), keyed("item.metadata")), text()).map(([field, value]) => ({ field, op: "equals" as const, value })),
);

/** Item fields are allowed where an item is in hand: item rules and anyItem/allItems. */
export function condition(inItem: boolean, depth = 3): fc.Arbitrary<Condition> {
  const leaf = inItem ? fc.oneof(orderComparison, itemComparison) : orderComparison;
  if (depth === 0) return leaf;
  const inner = condition(inItem, depth - 1);
  const items = condition(true, depth - 1);
  return fc.oneof(
    { weight: 3, arbitrary: leaf },
    { weight: 1, arbitrary: fc.array(inner, { minLength: 1, maxLength: 3 }).map((all) => ({ all })) },
    { weight: 1, arbitrary: fc.array(inner, { minLength: 1, maxLength: 3 }).map((any) => ({ any })) },
    { weight: 1, arbitrary: inner.map((not) => ({ not })) },
    { weight: 1, arbitrary: items.map((anyItem) => ({ anyItem })) },
    { weight: 1, arbitrary: items.map((allItems) => ({ allItems })) },
  );
}

const both: fc.Arbitrary<Action>[] = [
  fc.integer({ min: 1, max: 1e6 }).map((folderId) => ({ kind: "move_to_folder", input: { folderId } })),
  fc.tuple(nonBlank(50), fc.option(fc.constantFrom("success", "info", "#ff0000"), { nil: undefined })).map(([tag, color]) => ({ kind: "add_tag", input: color === undefined ? { tag } : { tag, color } })),
  nonBlank(50).map((tag) => ({ kind: "remove_tag", input: { tag } })),
  fc.tuple(fc.constantFrom("email", "shipping_method", "shipping.country"), fc.oneof(plain(), fc.constantFrom("[DATE]", "[DATE+5days]", "++", "Due [SHORTDATE-1week]"))).map(([field, value]) => ({ kind: "set_field", input: { field, value } })),
  fc.tuple(nonBlank(30), plain()).map(([key, value]) => ({ kind: "set_checkout_data", input: { key, value } })),
  fc.tuple(nonBlank(30), fc.constantFrom("++", "--", "[DATE-2hours]")).map(([key, value]) => ({ kind: "set_metadata", input: { key, value } })),
  nonBlank().map((method) => ({ kind: "set_shipping_method", input: { method } })),
  fc.array(fc.record({ from: nonBlank(), to: nonBlank() }), { minLength: 1, maxLength: 3 }).map((mapping) => ({ kind: "set_shipping_method", input: { mapping } })),
  nonBlank(200).map((content) => ({ kind: "add_note", input: { content } })),
  fc.constantFrom("decrement", "increment" as const).map((mode) => ({ kind: "adjust_inventory", input: { mode } })),
  fc.integer({ min: 0, max: 1000 }).map((quantity) => ({ kind: "adjust_inventory", input: { mode: "set", quantity } })),
  fc.tuple(fc.constantFrom("customer", "ops@example.com"), nonBlank(), nonBlank(200)).map(([to, subject, body]) => ({ kind: "send_email", input: { to, subject, body } })),
  fc.tuple(fc.constantFrom("customer", "ops@example.com"), fc.integer({ min: 1, max: 1e6 })).map(([to, templateId]) => ({ kind: "send_email", input: { to, subject: "-", body: "-", templateId } })),
  fc.constantFrom("https://example.com/hook", "http://localhost:3000/in").map((url) => ({ kind: "post_webhook", input: { url } })),
  fc.constant({ kind: "stop_processing", input: {} }),
] as fc.Arbitrary<Action>[];
const orderOnly: fc.Arbitrary<Action>[] = [
  fc.constantFrom("code", "category_code", "delivery_type", "variation:Size").map((key) => ({ kind: "split_order", input: { key } })),
  fc.integer({ min: 1, max: 1e6 }).map((storeId) => ({ kind: "copy_to_store", input: { storeId } })),
  fc.integer({ min: 1, max: 1e6 }).map((storeId) => ({ kind: "move_to_store", input: { storeId } })),
  fc.integer({ min: 1, max: 1e6 }).map((templateId) => ({ kind: "export_orders", input: { templateId } })),
] as fc.Arbitrary<Action>[];
const itemOnly: fc.Arbitrary<Action>[] = [
  fc.tuple(fc.constantFrom("item.quantity", "item.code", "item.metadata.note"), fc.constantFrom("++", "X-1", "[DATE]")).map(([field, value]) => ({ kind: "set_field", input: { field, value } })),
] as fc.Arbitrary<Action>[];

const action = (itemRule: boolean) => fc.oneof(...both, ...(itemRule ? itemOnly : orderOnly));

/** Steps with placeholder node ids ("?"); `withIds` numbers them. */
type Draft = { kind: "action"; action: Action } | { kind: "if"; label?: string; condition: Condition; then: Draft[]; else: Draft[] };

function drafts(itemRule: boolean, depth: number): fc.Arbitrary<Draft[]> {
  const actions = fc.array(action(itemRule).map((a): Draft => ({ kind: "action", action: a })), { maxLength: 3 });
  if (depth === 0) return actions;
  const branch = drafts(itemRule, depth - 1);
  const ending = fc.record({ label: fc.option(text(), { nil: undefined }), condition: condition(itemRule, 2), then: branch, else: branch }).map(
    ({ label, ...rest }): Draft => ({ kind: "if", ...(label === undefined ? {} : { label }), ...rest }),
  );
  return fc.tuple(actions, fc.option(ending, { nil: undefined })).map(([list, last]) => (last ? [...list, last] : list));
}

const count = (list: Draft[]): number => list.reduce((n, d) => n + 1 + (d.kind === "if" ? count(d.then) + count(d.else) : 0), 0);

function withIds(list: Draft[], ids: string[]): Step[] {
  return list.map((draft): Step => {
    const nodeId = ids.shift()!;
    if (draft.kind === "action") return { kind: "action", nodeId, action: draft.action };
    const { then, else: otherwise, ...rest } = draft;
    return { ...rest, nodeId, then: withIds(then, ids), else: withIds(otherwise, ids) };
  });
}

const trigger: fc.Arbitrary<TriggerConfig> = fc.oneof(
  fc.constantFrom<TriggerConfig>({ kind: "order.created" }, { kind: "order.updated" }, { kind: "shipment.created" }, { kind: "order.split" }, { kind: "order.copied_in" }, { kind: "manual" }, { kind: "order.folder_changed" }),
  fc.integer({ min: 1, max: 1000 }).map((folderId): TriggerConfig => ({ kind: "order.folder_changed", folderId })),
  fc
    .tuple(fc.constantFrom("0 9 * * MON-FRI", "*/15 * * * *", "0 0 1 * *"), fc.option(fc.constantFrom("UTC", "Europe/Paris", "America/New_York"), { nil: undefined }), fc.integer({ min: 1, max: 1000 }))
    .map(([cron, timezone, folderId]): TriggerConfig => (timezone === undefined ? { kind: "schedule", cron, folderId } : { kind: "schedule", cron, timezone, folderId })),
);

// `+ 0` turns -0 into 0: JSON cannot carry -0.
const coordinate = fc.double({ min: -1e5, max: 1e5, noNaN: true }).map((v) => v + 0);
const position = fc.record({ x: coordinate, y: coordinate });
const nodeId = fc.oneof(fc.stringMatching(/^[A-Za-z0-9_.-]{1,12}$/).filter((id) => id !== "__proto__"), fc.constantFrom("constructor", "toString", "hasOwnProperty"));

/** A valid rule; with `layout: true` every node has a position (the editor's canonical form). */
export function validRule({ layout }: { layout: boolean }): fc.Arbitrary<Rule> {
  return fc
    .record({ itemRule: fc.boolean(), id: nonBlank(30), name: nonBlank(60), trigger })
    .chain(({ itemRule, ...head }) => {
      const scope: fc.Arbitrary<Scope> = itemRule
        ? fc.option(condition(true, 2), { nil: undefined }).map((where): Scope => (where === undefined ? { kind: "items" } : { kind: "items", where }))
        : fc.constant({ kind: "order" });
      const body = drafts(itemRule, 3).filter((list) => list.length > 0);
      return fc.tuple(fc.constant(head), scope, body);
    })
    .chain(([head, scope, body]) => {
      const nodes = count(body) + 1;
      return fc.tuple(fc.uniqueArray(nodeId, { minLength: nodes, maxLength: nodes }), fc.array(position, { minLength: nodes, maxLength: nodes })).map(([ids, positions]) => {
        const [triggerId, ...stepIds] = ids;
        const steps = withIds(body, [...stepIds]);
        const rule: Rule = { version: 1, id: head.id, name: head.name, trigger: { ...head.trigger, nodeId: triggerId! }, scope, body: steps };
        return layout ? { ...rule, layout: Object.fromEntries(ids.map((id, i) => [id, positions[i]!])) } : rule;
      });
    });
}
