import { describe, expect, it } from "vitest";
import { edgeId, graphToRule, ruleToGraph, type GraphEdge, type GraphNode, type Rule, type RuleError, type RuleGraph } from "@/rules";
import { rule, tag } from "./helpers";

const meta = { id: "rule-1", name: "Test rule" };
const at = { x: 0, y: 0 };
const trigger = (id = "t"): GraphNode => ({ id, type: "trigger", position: at, data: { trigger: { kind: "order.created" }, scope: { kind: "order" } } });
const action = (id: string, name = id): GraphNode => ({ id, type: "action", position: at, data: { action: { kind: "add_tag", input: { tag: name } } } });
const condition = (id: string): GraphNode => ({ id, type: "condition", position: at, data: { condition: { field: "shipping.country", op: "equals", value: "US" } } });
const edge = (source: string, target: string, sourceHandle: GraphEdge["sourceHandle"] = null): GraphEdge => ({ id: edgeId(source, sourceHandle, target), source, target, sourceHandle });

const errorsOf = (graph: unknown): RuleError[] => {
  const result = graphToRule(graph, meta);
  if (result.ok) throw new Error("expected the graph to be refused");
  return result.errors;
};

/** trigger -> c1 (true -> a1 -> a2, false -> a3) */
const valid = (): RuleGraph => ({
  nodes: [trigger(), condition("c1"), action("a1"), action("a2"), action("a3")],
  edges: [edge("t", "c1"), edge("c1", "a1", "true"), edge("a1", "a2"), edge("c1", "a3", "false")],
});

describe("graphToRule", () => {
  it("turns a tree into the rule's steps", () => {
    const result = graphToRule(valid(), meta);
    expect(result).toEqual({
      ok: true,
      rule: {
        version: 1,
        ...meta,
        trigger: { kind: "order.created", nodeId: "t" },
        scope: { kind: "order" },
        body: [
          {
            kind: "if",
            nodeId: "c1",
            condition: { field: "shipping.country", op: "equals", value: "US" },
            then: [tag("a1", "a1"), tag("a2", "a2")],
            else: [tag("a3", "a3")],
          },
        ],
        layout: { t: at, c1: at, a1: at, a2: at, a3: at },
      },
    });
  });

  it("ignores React Flow's extra keys and edge ids it did not write", () => {
    const graph = valid();
    const noisy = {
      nodes: graph.nodes.map((n) => ({ ...n, selected: true, measured: { width: 10, height: 10 } })),
      edges: graph.edges.map((e, i) => ({ ...e, id: `xy-edge-${i}`, animated: false })),
    };
    expect(graphToRule(noisy, meta)).toEqual(graphToRule(graph, meta));
  });

  it.each([
    {
      case: "no trigger",
      graph: { nodes: [action("a1")], edges: [] },
      errors: [{ code: "no_trigger", message: "The rule has no trigger; add one to say when it runs." }],
    },
    {
      case: "two triggers",
      graph: { nodes: [trigger("t"), trigger("t2"), action("a1")], edges: [edge("t", "a1")] },
      errors: [{ code: "multiple_triggers", nodeId: "t2", message: 'A rule has exactly one trigger, and "t" is already it; remove trigger "t2" or make it a separate rule.' }],
    },
    {
      case: "a dangling edge",
      graph: { nodes: [trigger(), action("a1")], edges: [edge("t", "a1"), edge("a1", "ghost")] },
      errors: [{ code: "dangling_edge", edgeId: "a1:next->ghost", message: 'A connection points to "ghost", which is not in the rule; remove the connection.' }],
    },
    {
      case: "a cycle",
      graph: { nodes: [trigger(), action("a1"), action("a2")], edges: [edge("t", "a1"), edge("a1", "a2"), edge("a2", "a1")] },
      errors: [
        {
          code: "cycle",
          nodeId: "a2",
          edgeId: "a2:next->a1",
          message: 'Action "a1" → Action "a2" → Action "a1" is a loop; a rule runs from the trigger downwards, so remove the connection from "a2" to "a1".',
        },
      ],
    },
    {
      case: "a self loop",
      graph: { nodes: [trigger(), action("a1")], edges: [edge("t", "a1"), edge("a1", "a1")] },
      errors: [{ code: "cycle", nodeId: "a1", edgeId: "a1:next->a1" }],
    },
    {
      case: "a loop cut off from the trigger (reported once, as a loop)",
      graph: { nodes: [trigger(), action("a1"), action("x"), action("y")], edges: [edge("t", "a1"), edge("x", "y"), edge("y", "x")] },
      errors: [{ code: "cycle", edgeId: "y:next->x" }],
    },
    {
      case: "an unreachable node",
      graph: { nodes: [trigger(), action("a1"), action("orphan")], edges: [edge("t", "a1")] },
      errors: [{ code: "unreachable_node", nodeId: "orphan", message: 'Action "orphan" is not connected to the trigger, so it would never run; connect it or delete it.' }],
    },
    {
      case: "a node with two parents",
      graph: { nodes: [trigger(), condition("c1"), action("a1")], edges: [edge("t", "c1"), edge("c1", "a1", "true"), edge("c1", "a1", "false")] },
      errors: [
        {
          code: "multiple_parents",
          nodeId: "a1",
          edgeId: "c1:false->a1",
          message: 'Action "a1" is reached from both Condition "c1" and Condition "c1"; a step follows exactly one step, so remove one connection (duplicate the step if both paths need it).',
        },
      ],
    },
    {
      case: "two edges from one handle",
      graph: { nodes: [trigger(), condition("c1"), action("a1"), action("a2")], edges: [edge("t", "c1"), edge("c1", "a1", "true"), edge("c1", "a2", "true")] },
      errors: [
        {
          code: "duplicate_handle_edge",
          nodeId: "c1",
          edgeId: "c1:true->a2",
          message: 'Condition "c1"\'s "true" handle already leads to Action "a1"; one output leads to one step, so remove the connection to Action "a2".',
        },
      ],
    },
    {
      case: "a plain edge after a condition (an if continuation)",
      graph: { nodes: [trigger(), condition("c1"), action("a1")], edges: [edge("t", "c1"), edge("c1", "a1")] },
      errors: [
        { code: "steps_after_condition", nodeId: "c1", edgeId: "c1:next->a1", message: 'Condition "c1" has a plain connection to Action "a1"; what follows a condition hangs off its "true" or "false" handle.' },
      ],
    },
    {
      case: "a branch handle on an action",
      graph: { nodes: [trigger(), action("a1"), action("a2")], edges: [edge("t", "a1"), edge("a1", "a2", "true")] },
      errors: [{ code: "invalid_handle", nodeId: "a1", edgeId: "a1:true->a2", message: 'Action "a1" has no "true" handle; connect from its only output.' }],
    },
    {
      case: "an edge into the trigger",
      graph: { nodes: [trigger(), action("a1")], edges: [edge("t", "a1"), edge("a1", "t")] },
      errors: [{ code: "edge_into_trigger", nodeId: "t", edgeId: "a1:next->t" }],
    },
    {
      case: "two nodes with one id",
      graph: { nodes: [trigger(), action("a1"), action("a1")], edges: [edge("t", "a1")] },
      errors: [{ code: "duplicate_node_id", nodeId: "a1" }],
    },
    {
      case: "missing action input, mapped to the node",
      graph: { nodes: [trigger(), { ...action("a1"), data: { action: { kind: "move_to_folder", input: {} } } }], edges: [edge("t", "a1")] },
      errors: [{ code: "invalid_action_input", nodeId: "a1", path: "action.input.folderId", message: 'Action "Move to folder": folderId: Choose a folder.' }],
    },
    {
      case: "a field/operator mismatch",
      graph: {
        nodes: [trigger(), { ...condition("c1"), data: { condition: { field: "shipping.country", op: "greater_than", value: 5 }, label: "Ship to country" } }],
        edges: [edge("t", "c1")],
      },
      errors: [{ code: "operator_type_mismatch", nodeId: "c1", path: "condition.op", message: 'Condition "Ship to country": operator "greater than" needs a number or date field, but "Ship to country" is text.' }],
    },
    {
      case: "an unknown field",
      graph: { nodes: [trigger(), { ...condition("c1"), data: { condition: { field: "planet", op: "equals", value: "x" } } }], edges: [edge("t", "c1")] },
      errors: [{ code: "unknown_field", nodeId: "c1", path: "condition.field" }],
    },
    {
      case: "an item field outside item scope",
      graph: { nodes: [trigger(), { ...condition("c1"), data: { condition: { field: "item.code", op: "equals", value: "x" } } }], edges: [edge("t", "c1")] },
      errors: [{ code: "item_field_outside_item_scope", nodeId: "c1", path: "condition.field" }],
    },
    {
      case: "an unsafe regex, naming the node",
      graph: { nodes: [trigger(), { ...condition("c1"), data: { condition: { field: "email", op: "matches_regex", value: "(\\w+\\s?)+$" } } }], edges: [edge("t", "c1")] },
      errors: [{ code: "unsafe_regex", nodeId: "c1", path: "condition.value", message: expect.stringMatching(/^Condition "Email": the pattern .* is refused: .*exponential time/) }],
    },
    {
      case: "a bad cron on the trigger node",
      graph: { nodes: [{ ...trigger(), data: { trigger: { kind: "schedule", cron: "every day", folderId: 1 }, scope: { kind: "order" } } }, action("a1")], edges: [edge("t", "a1")] },
      errors: [{ code: "invalid_trigger", nodeId: "t", path: "trigger.cron" }],
    },
    {
      case: "malformed node data",
      graph: { nodes: [trigger(), { ...condition("c1"), data: { condition: { field: "email" } } }], edges: [edge("t", "c1")] },
      errors: [{ code: "invalid_document", nodeId: "c1", path: "condition.op" }],
    },
    {
      case: "an empty rule",
      graph: { nodes: [trigger()], edges: [] },
      errors: [{ code: "empty_rule", nodeId: "t" }],
    },
    {
      case: "not a graph",
      graph: { nodes: "many" },
      errors: [
        { code: "invalid_document", path: "nodes", message: "nodes: Invalid input: expected array, received string" },
        { code: "invalid_document", path: "edges" },
      ],
    },
  ])("refuses $case, tied to the node or edge", ({ graph, errors }) => {
    expect(errorsOf(graph)).toMatchObject(errors);
    expect(errorsOf(graph)).toHaveLength(errors.length);
  });

  it("reports several structural problems at once", () => {
    const graph = { nodes: [trigger(), trigger("t2"), action("a1"), action("lost"), action("after")], edges: [edge("t", "a1"), edge("a1", "nowhere"), edge("lost", "after")] };
    expect(errorsOf(graph).map((e) => e.code)).toEqual(["multiple_triggers", "dangling_edge", "unreachable_node"]);
    expect(errorsOf(graph)[2]!.message).toBe('Action "lost" (and the 1 step after it) is not connected to the trigger, so it would never run; connect it or delete it.');
  });

  it("refuses a bad name in the rule's meta", () => {
    expect(graphToRule(valid(), { id: "r", name: "" })).toMatchObject({ ok: false, errors: [{ code: "invalid_document", path: "name" }] });
  });
});

describe("ruleToGraph", () => {
  const sample: Rule = {
    ...rule([
      tag("a0", "first"),
      {
        kind: "if",
        nodeId: "c1",
        label: "US?",
        condition: { field: "shipping.country", op: "equals", value: "US" },
        then: [{ kind: "if", nodeId: "c2", condition: { field: "order_total", op: "greater_than", value: "100" }, then: [tag("a1", "big")], else: [] }],
        else: [tag("a2", "intl"), tag("a3", "more")],
      },
    ]),
  };

  it("lays out a rule without positions, deterministically", () => {
    const graph = ruleToGraph(sample);
    expect(graph.nodes.map((n) => [n.id, n.type, n.position])).toEqual([
      ["trigger", "trigger", { x: 0, y: 0 }],
      ["a0", "action", { x: 0, y: 160 }],
      ["c1", "condition", { x: 0, y: 320 }],
      ["c2", "condition", { x: 0, y: 480 }],
      ["a1", "action", { x: 0, y: 640 }],
      ["a2", "action", { x: 280, y: 480 }],
      ["a3", "action", { x: 280, y: 640 }],
    ]);
    expect(graph.edges.map((e) => e.id)).toEqual(["trigger:next->a0", "a0:next->c1", "c1:true->c2", "c2:true->a1", "c1:false->a2", "a2:next->a3"]);
    expect(graph.nodes[2]!.data).toEqual({ condition: { field: "shipping.country", op: "equals", value: "US" }, label: "US?" });
    expect(ruleToGraph(sample)).toEqual(graph);
  });

  it("takes positions from the layout, falling back per node", () => {
    const graph = ruleToGraph({ ...sample, layout: { c1: { x: 7, y: 9 } } });
    expect(graph.nodes.find((n) => n.id === "c1")!.position).toEqual({ x: 7, y: 9 });
    expect(graph.nodes.find((n) => n.id === "a0")!.position).toEqual({ x: 0, y: 160 });
  });

  it("round-trips: rule -> graph -> rule adds the layout, graph -> rule -> graph is exact", () => {
    const graph = ruleToGraph(sample);
    const back = graphToRule(graph, { id: sample.id, name: sample.name });
    expect(back).toEqual({ ok: true, rule: { ...sample, layout: Object.fromEntries(graph.nodes.map((n) => [n.id, n.position])) } });
    expect(back.ok && ruleToGraph(back.rule)).toEqual(graph);
  });

  it("does not share objects with the rule", () => {
    const graph = ruleToGraph(sample);
    (graph.nodes[1]!.data as { action: { input: { tag: string } } }).action.input.tag = "changed";
    expect(sample.body[0]).toEqual(tag("a0", "first"));
  });
});
