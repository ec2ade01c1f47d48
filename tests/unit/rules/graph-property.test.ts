import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileRules, evaluate, graphToRule, parseRule, ruleToGraph, type TriggerEvent } from "@/rules";
import { autoLayout } from "@/rules/layout";
import { validRule } from "./arbitraries";
import { NOW, sampleOrder } from "./helpers";

const meta = (rule: { id: string; name: string }) => ({ id: rule.id, name: rule.name });

describe("graph <-> rule, for arbitrary valid rules", () => {
  it("generates only valid rules, and they survive JSON", () => {
    fc.assert(
      fc.property(validRule({ layout: true }), (rule) => {
        expect(parseRule(JSON.parse(JSON.stringify(rule)))).toEqual({ ok: true, rule });
      }),
    );
  });

  it("rule -> graph -> rule gives the same rule", () => {
    fc.assert(
      fc.property(validRule({ layout: true }), (rule) => {
        expect(graphToRule(ruleToGraph(rule), meta(rule))).toEqual({ ok: true, rule });
      }),
    );
  });

  it("graph -> rule -> graph is exact for graphs ruleToGraph made", () => {
    fc.assert(
      fc.property(validRule({ layout: true }), (rule) => {
        const graph = ruleToGraph(rule);
        const back = graphToRule(graph, meta(rule));
        expect(back.ok && ruleToGraph(back.rule)).toEqual(graph);
      }),
    );
  });

  it("a rule without positions comes back with the automatic layout", () => {
    fc.assert(
      fc.property(validRule({ layout: false }), (rule) => {
        expect(graphToRule(ruleToGraph(rule), meta(rule))).toEqual({ ok: true, rule: { ...rule, layout: autoLayout(rule) } });
      }),
    );
  });

  it("the order of nodes and edges in a graph does not matter", () => {
    fc.assert(
      fc.property(validRule({ layout: true }), fc.func(fc.integer()), (rule, key) => {
        const graph = ruleToGraph(rule);
        const shuffle = <T>(list: T[]) => [...list].sort((a, b) => key(a) - key(b));
        expect(graphToRule({ nodes: shuffle(graph.nodes), edges: shuffle(graph.edges) }, meta(rule))).toEqual({ ok: true, rule });
      }),
    );
  });
});

describe("evaluation of arbitrary valid rules", () => {
  const events: TriggerEvent[] = [{ kind: "order.created" }, { kind: "order.folder_changed", folderId: 1 }, { kind: "manual", ruleIds: ["r"] }];
  it("compiles, never throws, and gives deep-equal results for the same input", () => {
    fc.assert(
      fc.property(fc.array(validRule({ layout: false }), { minLength: 1, maxLength: 3 }), fc.constantFrom(...events), (rules, event) => {
        const unique = rules.map((rule, i) => ({ ...rule, id: `r${i ? i : ""}` }));
        const set = compileRules(unique);
        const order = sampleOrder({ tags: ["VIP"], order_items: [...sampleOrder().order_items!, { code: "B-2", price: 3.5, quantity: 2, category_code: "ACME" }] });
        const first = evaluate(set, order, { event, now: NOW });
        expect(evaluate(set, structuredClone(order), { event, now: NOW })).toEqual(first);
        expect(evaluate(compileRules(unique), order, { event, now: NOW })).toEqual(first);
      }),
      { numRuns: 50 },
    );
  });
});
