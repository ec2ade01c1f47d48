import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileRules, evaluate, explain, type Intent, type RuleOrder, type TraceEntry, type TriggerEvent } from "@/rules";
import { validRule } from "./arbitraries";
import { NOW, sampleOrder } from "./helpers";
import { TRACE_CASES, type TraceCase } from "./trace-cases";

/** What the evaluator gave for each case before its trace was made lazily: entries, sentences, intents. */
const EXPECTED = JSON.parse(readFileSync(new URL("./trace-cases.expected.json", import.meta.url), "utf8")) as Record<string, { trace: TraceEntry[]; sentences: string[]; intents: Intent[] }>;

const created: TriggerEvent = { kind: "order.created" };
const evaluateCase = ({ rules, order, event = created }: TraceCase, trace = true) => evaluate(compileRules(rules), structuredClone(order), { event, now: NOW, trace });

/** Changes everything in the order a rule could have read: values, keys, lists and items. */
function scramble(value: unknown): void {
  if (Array.isArray(value)) {
    value.forEach(scramble);
    value.reverse();
    value.push("added", { code: "ADDED", category_code: "added", price: "999" });
    return;
  }
  if (value === null || typeof value !== "object") return;
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const child = record[key];
    if (child !== null && typeof child === "object") scramble(child);
    else record[key] = typeof child === "number" ? child + 1000 : `changed ${String(child)}`;
  }
  record.tags = ["CHANGED"];
  record.added = "x";
}

describe("the trace, made when it is read", () => {
  it("has a case for every expectation and an expectation for every case", () => {
    expect(TRACE_CASES.map((c) => c.name).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(TRACE_CASES.map((c) => [c.name, c] as const))("is the trace the evaluator gave before: %s", (name, c) => {
    const result = evaluateCase(c);
    const expected = EXPECTED[name]!;
    expect(result.trace).toEqual(expected.trace);
    expect(explain(result.trace)).toEqual(expected.sentences);
    expect(result.intents).toEqual(expected.intents);
    expect(evaluateCase(c, false)).toEqual({ intents: expected.intents, trace: [], stopped: result.stopped });
  });

  it.each(TRACE_CASES.map((c) => [c.name, c] as const))("is as of the evaluation, however the order changes before it is read: %s", (name, c) => {
    const order = structuredClone(c.order);
    const result = evaluate(compileRules(c.rules), order, { event: c.event ?? created, now: NOW });
    scramble(order);
    expect(result.trace).toEqual(EXPECTED[name]!.trace);
  });

  it("is an own, enumerable property of a plain object: made once, seen by JSON, spreading and structuredClone, and replaceable", () => {
    const c = TRACE_CASES.find((each) => each.name.includes("for each item, with a filter"))!;
    const result = evaluateCase(c);
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    expect(Object.keys(result)).toEqual(["intents", "trace", "stopped"]);
    expect(Object.getOwnPropertySymbols(result)).toEqual([]);
    const trace = result.trace;
    expect(result.trace).toBe(trace);
    expect(result).toStrictEqual({ intents: result.intents, trace, stopped: result.stopped });
    expect(JSON.parse(JSON.stringify(result))).toEqual({ intents: result.intents, trace, stopped: result.stopped });
    expect({ ...result }.trace).toBe(trace);
    expect(structuredClone(result).trace).toEqual(trace);
    result.trace = [];
    expect(result.trace).toEqual([]);
  });

  it("for arbitrary rules: the same intents with and without it, and the same trace however the order changes", () => {
    const events: TriggerEvent[] = [created, { kind: "order.folder_changed", folderId: 1 }, { kind: "manual", ruleIds: ["r", "r2"] }, { kind: "schedule", ruleIds: ["r1"] }];
    const order = (): RuleOrder =>
      sampleOrder({
        tags: ["VIP", "rush"],
        order_items: [...sampleOrder().order_items!, { code: "B-2", price: 3.5, quantity: 2, category_code: "ACME", variation_list: { Size: "L" } }, { code: "c-3", price: "150.00", category_code: "Globex" }],
      });
    fc.assert(
      fc.property(fc.array(validRule({ layout: false }), { minLength: 1, maxLength: 4 }), fc.constantFrom(...events), (rules, event) => {
        const set = compileRules(rules.map((rule, i) => ({ ...rule, id: `r${i ? i : ""}` })));
        const untouched = evaluate(set, order(), { event, now: NOW });
        const plain = evaluate(set, order(), { event, now: NOW, trace: false });
        expect(plain).toEqual({ intents: untouched.intents, trace: [], stopped: untouched.stopped });
        const changed = order();
        const read = evaluate(set, changed, { event, now: NOW });
        scramble(changed);
        expect(read.trace).toEqual(untouched.trace);
        expect(read.intents).toEqual(untouched.intents);
      }),
      { numRuns: 150 },
    );
  });
});
