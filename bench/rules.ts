// Rule evaluation throughput: the same 50 rules over the same 1,000 generated orders, in
// Switchyard's rule language (compiled once), json-logic-js and json-rules-engine, side by side.
// All three must agree on which rules match each order. Run alone: `npx tsx bench/rules.ts`.
import { pathToFileURL } from "node:url";
import jsonLogic, { type RulesLogic } from "json-logic-js";
import { Engine, type TopLevelCondition } from "json-rules-engine";
import { compileRules, evaluate, type Condition, type Rule, type RuleOrder } from "@/rules";
import { round } from "./stats";

const ORDERS = 1000;
const MIN_MS = Number(process.env.BENCH_RULES_MS ?? 1000);
const WARMUP_MS = 300;
const NOW = new Date("2024-06-15T12:00:00Z");

export interface RuleEngineResult {
  engine: string;
  orders_per_s: number;
  per_order_us: number;
  /** How many times longer a peer takes per order than ours with the trace; > 1 is slower. */
  x_vs_ours_trace?: number;
  /** The same against ours without the trace (a bulk run). */
  x_vs_ours_no_trace?: number;
}

// ---------------------------------------------------------------- orders

/** mulberry32: a small seeded generator, so every run sees the same orders. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const COUNTRIES: [string, number][] = [["US", 55], ["CA", 10], ["GB", 10], ["DE", 7], ["FR", 6], ["AU", 6], ["MX", 3], ["JP", 3]];
const US_STATES = ["CA", "NY", "TX", "FL", "WA", "IL", "TN", "OR", "NV", "AZ"];
const NAMES = ["john", "maria", "test", "orders", "li", "ahmed", "sofia", "noah", "emma", "lucas"];
const DOMAINS = ["gmail.com", "yahoo.com", "outlook.com", "icloud.com", "acme-corp.com", "example.org", "shop.co.uk"];
const SOURCES: [string, number][] = [["Shopify", 50], ["WooCommerce", 20], ["Amazon", 15], ["Etsy", 10], ["Order Desk", 5]];
const METHODS = ["Ground", "Express", "Priority", "Standard", "Free Shipping", "2-Day"];
const PAYMENTS: [string, number][] = [["Approved", 85], ["Pending", 8], ["Authorized", 5], ["Rejected", 2]];
const VENDORS = ["Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark", "Wayne", "Wonka"];
const TAGS: [string, number][] = [["vip", 0.08], ["wholesale", 0.05], ["rush", 0.1], ["gift", 0.12], ["fraud-check", 0.03], ["repeat", 0.2]];

/** Realistic orders in Order Desk's v2 shape: money as numbers, item prices as decimal strings. */
export function generateOrders(count: number, seed = 42): RuleOrder[] {
  const next = random(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const weighted = (list: [string, number][]) => {
    let r = next() * list.reduce((sum, [, w]) => sum + w, 0);
    for (const [value, weight] of list) if ((r -= weight) < 0) return value;
    return list[0]![0];
  };
  return Array.from({ length: count }, (_, i) => {
    const country = weighted(COUNTRIES);
    const items = Array.from({ length: 1 + Math.floor(next() * 5) }, (_, j) => {
      const cents = 299 + Math.floor(next() * 19_700);
      return {
        id: `${i}-${j}`,
        name: `Product ${j}`,
        code: `SKU-${Math.floor(next() * 500)}`,
        price: (cents / 100).toFixed(2),
        quantity: 1 + Math.floor(next() * 3),
        cents,
        delivery_type: next() < 0.1 ? "download" : "ship",
        category_code: pick(VENDORS),
      };
    });
    const productCents = items.reduce((sum, item) => sum + item.cents * item.quantity, 0);
    const shippingCents = pick([0, 495, 995, 1495]);
    const taxCents = country === "US" ? Math.round(productCents * 0.08) : 0;
    const discountCents = next() < 0.2 ? Math.round(productCents * 0.1) : 0;
    const checkout: Record<string, string> = {};
    if (next() < 0.15) checkout["Gift Message"] = pick(["Happy Birthday", "Congrats", "Thank you"]);
    if (next() < 0.1) checkout["Delivery Instructions"] = pick(["Leave at door", "Call first"]);
    return {
      id: String(100_001 + i),
      email: `${pick(NAMES)}${i}@${pick(DOMAINS)}`,
      source_name: weighted(SOURCES),
      shipping_method: pick(METHODS),
      payment_status: weighted(PAYMENTS),
      quantity_total: items.reduce((sum, item) => sum + item.quantity, 0),
      product_total: productCents / 100,
      shipping_total: shippingCents / 100,
      tax_total: taxCents / 100,
      discount_total: discountCents / 100,
      order_total: (productCents + shippingCents + taxCents - discountCents) / 100,
      tags: TAGS.filter(([, p]) => next() < p).map(([tag]) => tag),
      folder_id: 1,
      date_added: "2024-06-14 10:00:00",
      shipping: {
        country,
        state: country === "US" ? pick(US_STATES) : pick(["ON", "BC", "BY", "NSW", "IDF", "ENG"]),
        postal_code: String(10_000 + Math.floor(next() * 89_999)),
      },
      customer: { country: next() < 0.9 ? country : pick(["US", "CA"]) },
      checkout_data: checkout,
      order_items: items.map(({ cents: _cents, ...item }) => item),
    };
  });
}

// ---------------------------------------------------------------- the 50 rules, three ways

/** One condition in each engine's language. Peers read flat, lower-cased facts (peerFacts). */
interface Spec {
  ours: Condition;
  logic: RulesLogic;
  jre: Record<string, unknown>;
}

const lower = (s: string) => s.toLowerCase();
const itemsSome = (test: RulesLogic): RulesLogic => ({ some: [{ var: "items" }, test] }) as RulesLogic;
const equals = (field: string, fact: string, value: string): Spec => ({
  ours: { field, op: "equals", value },
  logic: { "==": [{ var: fact }, lower(value)] },
  jre: { fact, operator: "equal", value: lower(value) },
});
const notEquals = (field: string, fact: string, value: string): Spec => ({
  ours: { field, op: "not_equals", value },
  logic: { "!=": [{ var: fact }, lower(value)] },
  jre: { fact, operator: "notEqual", value: lower(value) },
});
const inList = (field: string, fact: string, values: string[]): Spec => ({
  ours: { field, op: "in_list", value: values },
  logic: { in: [{ var: fact }, values.map(lower)] },
  jre: { fact, operator: "in", value: values.map(lower) },
});
const notInList = (field: string, fact: string, values: string[]): Spec => ({
  ours: { field, op: "not_in_list", value: values },
  logic: { "!": { in: [{ var: fact }, values.map(lower)] } },
  jre: { fact, operator: "notIn", value: values.map(lower) },
});
const compare = (field: string, fact: string, op: "equals" | "greater_than" | "less_than" | "at_least", value: string): Spec => {
  const [logicOp, jreOp] = { equals: ["==", "equal"], greater_than: [">", "greaterThan"], less_than: ["<", "lessThan"], at_least: [">=", "greaterThanInclusive"] }[op];
  return { ours: { field, op, value }, logic: { [logicOp!]: [{ var: fact }, Number(value)] } as RulesLogic, jre: { fact, operator: jreOp, value: Number(value) } };
};
const between = (field: string, fact: string, from: string, to: string): Spec => ({
  ours: { field, op: "between", value: [from, to] },
  logic: { "<=": [Number(from), { var: fact }, Number(to)] },
  jre: { all: [{ fact, operator: "greaterThanInclusive", value: Number(from) }, { fact, operator: "lessThanInclusive", value: Number(to) }] },
});
const endsWith = (field: string, fact: string, suffix: string): Spec => ({
  ours: { field, op: "ends_with", value: suffix },
  logic: { "==": [{ substr: [{ var: fact }, -suffix.length] }, lower(suffix)] },
  jre: { fact, operator: "endsWith", value: lower(suffix) },
});
const startsWith = (field: string, fact: string, prefix: string): Spec => ({
  ours: { field, op: "starts_with", value: prefix },
  logic: { "==": [{ substr: [{ var: fact }, 0, prefix.length] }, lower(prefix)] },
  jre: { fact, operator: "startsWith", value: lower(prefix) },
});
const contains = (field: string, fact: string, needle: string): Spec => ({
  ours: { field, op: "contains", value: needle },
  logic: { in: [lower(needle), { var: fact }] },
  jre: { fact, operator: "includes", value: lower(needle) },
});
const hasTag = (tag: string): Spec => ({ ours: { field: "tags", op: "has_tag", value: tag }, logic: { in: [tag, { var: "tags" }] }, jre: { fact: "tags", operator: "contains", value: tag } });
const lacksTag = (tag: string): Spec => ({ ours: { field: "tags", op: "lacks_tag", value: tag }, logic: { "!": { in: [tag, { var: "tags" }] } }, jre: { fact: "tags", operator: "doesNotContain", value: tag } });
const notEmpty = (field: string, fact: string): Spec => ({ ours: { field, op: "is_not_empty" }, logic: { "!!": [{ var: fact }] }, jre: { fact, operator: "notEqual", value: "" } });
const anyVendor = (vendor: string): Spec => ({
  ours: { anyItem: { field: "item.category_code", op: "equals", value: vendor } },
  logic: itemsSome({ "==": [{ var: "vendor" }, lower(vendor)] }),
  jre: { fact: "vendors", operator: "contains", value: lower(vendor) },
});
const anyVendorIn = (vendors: string[]): Spec => ({
  ours: { anyItem: { field: "item.category_code", op: "in_list", value: vendors } },
  logic: itemsSome({ in: [{ var: "vendor" }, vendors.map(lower)] }),
  jre: { fact: "vendors", operator: "intersects", value: vendors.map(lower) },
});
const anySku = (skus: string[]): Spec => ({
  ours: { anyItem: { field: "item.code", op: "in_list", value: skus } },
  logic: itemsSome({ in: [{ var: "code" }, skus.map(lower)] }),
  jre: { fact: "skus", operator: "intersects", value: skus.map(lower) },
});
const all = (...specs: Spec[]): Spec => ({ ours: { all: specs.map((s) => s.ours) }, logic: { and: specs.map((s) => s.logic) }, jre: { all: specs.map((s) => s.jre) } });
const any = (...specs: Spec[]): Spec => ({ ours: { any: specs.map((s) => s.ours) }, logic: { or: specs.map((s) => s.logic) }, jre: { any: specs.map((s) => s.jre) } });
const not = (spec: Spec): Spec => ({ ours: { not: spec.ours }, logic: { "!": spec.logic }, jre: { not: spec.jre } });

const skuRange = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `SKU-${from + i}`);
const country = (value: string) => equals("shipping.country", "country", value);
const state = (value: string) => equals("shipping.state", "state", value);
const total = (op: "greater_than" | "less_than" | "at_least", value: string) => compare("order_total", "total", op, value);

export const SPECS: Spec[] = [
  country("US"),
  country("CA"),
  inList("shipping.country", "country", ["GB", "DE", "FR"]),
  notInList("shipping.country", "country", ["US", "CA"]),
  all(country("US"), state("CA")),
  inList("shipping.state", "state", ["NY", "TX", "FL"]),
  state("TN"),
  endsWith("email", "email", "@gmail.com"),
  endsWith("email", "email", ".co.uk"),
  contains("email", "email", "acme"),
  total("greater_than", "100"),
  total("greater_than", "250"),
  between("order_total", "total", "50", "100"),
  total("less_than", "20"),
  total("at_least", "500"),
  compare("shipping_total", "shipping", "equals", "0"),
  compare("tax_total", "tax", "greater_than", "20"),
  compare("quantity_total", "quantity", "at_least", "5"),
  hasTag("vip"),
  hasTag("wholesale"),
  all(hasTag("rush"), equals("shipping_method", "method", "Ground")),
  all(lacksTag("repeat"), total("greater_than", "150")),
  notEmpty("checkout_data.Gift Message", "gift"),
  equals("checkout_data.Gift Message", "gift", "Happy Birthday"),
  equals("checkout_data.Delivery Instructions", "instructions", "Call first"),
  anyVendor("Acme"),
  anyVendor("Globex"),
  anyVendorIn(["Wayne", "Wonka"]),
  anySku(skuRange(1, 20)),
  anySku(skuRange(100, 149)),
  {
    ours: { anyItem: { field: "item.price", op: "greater_than", value: "150" } },
    logic: itemsSome({ ">": [{ var: "price" }, 150] }),
    jre: { fact: "maxItemPrice", operator: "greaterThan", value: 150 },
  },
  {
    ours: { anyItem: { field: "item.delivery_type", op: "equals", value: "download" } },
    logic: itemsSome({ "==": [{ var: "delivery" }, "download"] }),
    jre: { fact: "deliveryTypes", operator: "contains", value: "download" },
  },
  equals("source_name", "source", "Shopify"),
  all(equals("source_name", "source", "Amazon"), notEquals("shipping.country", "country", "US")),
  inList("shipping_method", "method", ["Express", "Priority", "2-Day"]),
  equals("payment_status", "payment", "Pending"),
  notInList("payment_status", "payment", ["Approved", "Captured"]),
  any(hasTag("vip"), total("greater_than", "300")),
  all(country("US"), total("greater_than", "75"), anyVendor("Initech")),
  not(inList("shipping.country", "country", ["US", "CA", "GB"])),
  startsWith("email", "email", "test"),
  startsWith("shipping.postal_code", "postal", "9"),
  equals("customer.country", "customerCountry", "CA"),
  all(anyVendor("Hooli"), anyVendor("Stark")),
  any(state("WA"), state("OR"), state("NV")),
  all(between("order_total", "total", "100", "200"), hasTag("gift")),
  compare("discount_total", "discount", "greater_than", "0"),
  all(equals("source_name", "source", "Etsy"), hasTag("gift")),
  any(equals("payment_status", "payment", "Rejected"), hasTag("fraud-check")),
  all(country("US"), state("NY"), total("greater_than", "50")),
];

const ruleId = (i: number) => `r${String(i + 1).padStart(2, "0")}`;

/** Each rule tags the order with its id when its condition holds. */
export const ourRules = (): Rule[] =>
  SPECS.map((spec, i) => ({
    version: 1,
    id: ruleId(i),
    name: `Bench rule ${i + 1}`,
    trigger: { kind: "order.created", nodeId: "t" },
    scope: { kind: "order" },
    body: [{ kind: "if", nodeId: "c", condition: spec.ours, then: [{ kind: "action", nodeId: "a", action: { kind: "add_tag", input: { tag: ruleId(i) } } }], else: [] }],
  }));

/** What the peers read: flat facts, text lower-cased (their comparisons are case-sensitive). */
function peerFacts(order: RuleOrder) {
  const text = (value: unknown) => lower(String(value ?? ""));
  const checkout = order.checkout_data as Record<string, string>;
  const items = (order.order_items ?? []).map((item) => ({ vendor: text(item.category_code), code: text(item.code), price: Number(item.price), delivery: text(item.delivery_type) }));
  return {
    country: text(order.shipping?.country),
    state: text(order.shipping?.state),
    postal: text(order.shipping?.postal_code),
    customerCountry: text(order.customer?.country),
    email: text(order.email),
    source: text(order.source_name),
    method: text(order.shipping_method),
    payment: text(order.payment_status),
    total: order.order_total,
    shipping: order.shipping_total,
    tax: order.tax_total,
    discount: order.discount_total,
    quantity: order.quantity_total,
    tags: (order.tags ?? []).map(lower),
    gift: text(checkout["Gift Message"]),
    instructions: text(checkout["Delivery Instructions"]),
    items,
    vendors: items.map((item) => item.vendor),
    skus: items.map((item) => item.code),
    deliveryTypes: items.map((item) => item.delivery),
    maxItemPrice: Math.max(...items.map((item) => item.price)),
  };
}

function jreEngine(): Engine {
  const engine = new Engine([], { allowUndefinedFacts: true });
  engine.addOperator<string, string>("endsWith", (fact, value) => typeof fact === "string" && fact.endsWith(value));
  engine.addOperator<string, string>("startsWith", (fact, value) => typeof fact === "string" && fact.startsWith(value));
  engine.addOperator<string, string>("includes", (fact, value) => typeof fact === "string" && fact.includes(value));
  engine.addOperator<string[], string[]>("intersects", (fact, value) => Array.isArray(fact) && fact.some((v) => value.includes(v)));
  SPECS.forEach((spec, i) => {
    const conditions = ("all" in spec.jre || "any" in spec.jre || "not" in spec.jre ? spec.jre : { all: [spec.jre] }) as unknown as TopLevelCondition;
    engine.addRule({ name: ruleId(i), conditions, event: { type: ruleId(i) } });
  });
  return engine;
}

// ---------------------------------------------------------------- measuring

type Matcher = (order: RuleOrder) => string[] | Promise<string[]>;

/** Time a turn of each engine aims at: short, so every engine is measured in the same moments. */
const TURN_MS = 20;

/**
 * Per-order microseconds of each engine, measured in turns taken in rotation (ours, the peers,
 * ours...) for MIN_MS per engine in all: each turn runs the next orders for about TURN_MS, so a
 * slow second on a noisy machine falls on every engine alike. The median turn is reported.
 */
async function perOrderMicros(matchers: Matcher[], orders: RuleOrder[]): Promise<number[]> {
  let sink = 0;
  const cursor = matchers.map(() => 0);
  const turn = async (engine: number, count: number) => {
    const match = matchers[engine]!;
    const started = performance.now();
    for (let n = 0; n < count; n++) {
      const order = orders[cursor[engine]!]!;
      cursor[engine] = (cursor[engine]! + 1) % orders.length;
      const matched = match(order);
      sink += (matched instanceof Promise ? await matched : matched).length;
    }
    return (performance.now() - started) * 1000 / count;
  };
  // Warm-up, which also sizes each engine's turn.
  const perTurn = [];
  for (let engine = 0; engine < matchers.length; engine++) {
    let micros = 0;
    for (const warm = performance.now(); performance.now() - warm < WARMUP_MS; ) micros = await turn(engine, 10);
    perTurn.push(Math.max(1, Math.round((TURN_MS * 1000) / micros)));
  }
  const samples: number[][] = matchers.map(() => []);
  for (const started = performance.now(); performance.now() - started < MIN_MS * matchers.length; ) {
    for (let engine = 0; engine < matchers.length; engine++) samples[engine]!.push(await turn(engine, perTurn[engine]!));
  }
  if (sink < 0) throw new Error("unreachable: keeps the work observable");
  return samples.map((turns) => turns.sort((a, b) => a - b)[Math.floor(turns.length / 2)]!);
}

export async function measureRuleEvaluation(): Promise<RuleEngineResult[]> {
  const orders = generateOrders(ORDERS);
  const set = compileRules(ourRules());
  const event = { kind: "order.created" } as const;
  const logic = SPECS.map((spec) => spec.logic);
  const engine = jreEngine();

  // Ours keeps what the trace is made from and makes it when it is read (rules/trace-log.ts):
  // "with trace" is an evaluation whose trace is there to read; "trace read" also reads it, as
  // the rule-run job and the editor's test panel do.
  const matchers: [string, Matcher][] = [
    ["switchyard rules (with trace)", (order) => evaluate(set, order, { event, now: NOW }).intents.map((intent) => intent.ruleId)],
    ["switchyard rules (no trace)", (order) => evaluate(set, order, { event, now: NOW, trace: false }).intents.map((intent) => intent.ruleId)],
    [
      "json-logic-js",
      (order) => {
        const facts = peerFacts(order);
        return logic.flatMap((rule, i) => (jsonLogic.apply(rule, facts) ? [ruleId(i)] : []));
      },
    ],
    ["json-rules-engine", async (order) => (await engine.run(peerFacts(order))).events.map((e) => e.type).sort()],
    // Measured after the others, apart, so the garbage its traces leave is collected in no peer's time.
    [
      "switchyard rules (trace read)",
      (order) => {
        const { intents, trace } = evaluate(set, order, { event, now: NOW });
        return trace.length > 0 ? intents.map((intent) => intent.ruleId) : [];
      },
    ],
  ];

  await checkAgreement(matchers, orders);
  const compared = matchers.slice(0, -1).map(([, match]) => match);
  const micros = [...(await perOrderMicros(compared, orders)), ...(await perOrderMicros([matchers.at(-1)![1]], orders))];
  const results: RuleEngineResult[] = matchers.map(([name], i) => ({ engine: name, orders_per_s: Math.round(1e6 / micros[i]!), per_order_us: round(micros[i]!, 2) }));
  const [traced, untraced] = [results[0]!.per_order_us, results[1]!.per_order_us];
  return results.map((r) => (r.engine.startsWith("switchyard") ? r : { ...r, x_vs_ours_trace: round(r.per_order_us / traced, 2), x_vs_ours_no_trace: round(r.per_order_us / untraced, 2) }));
}

/** Same matches everywhere, and every rule is selective (matches some orders, not all). */
async function checkAgreement(matchers: [string, Matcher][], orders: RuleOrder[]) {
  const hits = new Map<string, number>();
  const [[, reference], ...others] = matchers as [[string, Matcher], ...[string, Matcher][]];
  for (const order of orders) {
    const expected = (await reference(order)).join(",");
    for (const id of expected ? expected.split(",") : []) hits.set(id, (hits.get(id) ?? 0) + 1);
    for (const [name, match] of others) {
      const got = (await match(order)).join(",");
      if (got !== expected) throw new Error(`${name} disagrees on order ${order.id}: [${got}] vs ours [${expected}]`);
    }
  }
  const dull = SPECS.map((_, i) => ruleId(i)).filter((id) => !hits.get(id) || hits.get(id) === orders.length);
  if (dull.length) throw new Error(`rules that match no order or every order: ${dull.join(", ")}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(`Rule evaluation: ${SPECS.length} rules x ${ORDERS} orders, engines in ${TURN_MS} ms turns, ${MIN_MS} ms each`);
  console.table(await measureRuleEvaluation());
}
