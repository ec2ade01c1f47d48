import type { RuleError } from "./errors";

type Handle = "true" | "false" | null;
interface ShapeNode {
  id: string;
  type: "trigger" | "condition" | "action";
  data: unknown;
}
interface ShapeEdge {
  id: string;
  source: string;
  target: string;
  sourceHandle?: Handle;
}

export interface GraphShape {
  errors: RuleError[];
  trigger: ShapeNode | undefined;
  /** node id -> handle -> child id, for the edges that passed. */
  children: Map<string, Map<Handle, string>>;
}

const KIND_NAMES = { trigger: "Trigger", condition: "Condition", action: "Action" } as const;

/**
 * Checks that the graph is a rule's shape: exactly one trigger, edges between known nodes from
 * the handles each node type has, at most one edge per handle, one parent per node, no loops,
 * nothing cut off from the trigger. Every problem is reported, not only the first.
 */
export function checkGraphShape(graph: { nodes: ShapeNode[]; edges: ShapeEdge[] }): GraphShape {
  const errors: RuleError[] = [];
  const byId = new Map<string, ShapeNode>();
  for (const node of graph.nodes) {
    if (byId.has(node.id)) errors.push({ code: "duplicate_node_id", message: `Two nodes have the id "${node.id}"; give each node its own id.`, nodeId: node.id });
    else byId.set(node.id, node);
  }
  const name = (id: string) => `${KIND_NAMES[byId.get(id)!.type]} "${id}"`;

  const triggers = [...byId.values()].filter((node) => node.type === "trigger");
  if (triggers.length === 0) errors.push({ code: "no_trigger", message: "The rule has no trigger; add one to say when it runs." });
  for (const extra of triggers.slice(1)) {
    errors.push({ code: "multiple_triggers", message: `A rule has exactly one trigger, and "${triggers[0]!.id}" is already it; remove trigger "${extra.id}" or make it a separate rule.`, nodeId: extra.id });
  }
  const trigger = triggers[0];

  const refusedInto = new Set<string>();
  const usable = graph.edges.filter((edge) => {
    const fail = (code: RuleError["code"], message: string, nodeId?: string) => {
      errors.push({ code, message, edgeId: edge.id, ...(nodeId ? { nodeId } : {}) });
      refusedInto.add(edge.target);
      return false;
    };
    const missing = [edge.source, edge.target].filter((id) => !byId.has(id));
    if (missing.length) {
      // Not a refused way into its target: once removed, the target still needs a parent.
      errors.push({ code: "dangling_edge", message: `A connection points to ${missing.map((id) => `"${id}"`).join(" and ")}, which is not in the rule; remove the connection.`, edgeId: edge.id });
      return false;
    }
    const handle = edge.sourceHandle ?? null;
    const from = byId.get(edge.source)!;
    if (byId.get(edge.target)!.type === "trigger") return fail("edge_into_trigger", `${name(edge.source)} connects into the trigger; the trigger starts the rule, so nothing can lead into it.`, edge.target);
    if (from.type === "condition" && handle === null) {
      return fail("steps_after_condition", `${name(edge.source)} has a plain connection to ${name(edge.target)}; what follows a condition hangs off its "true" or "false" handle.`, edge.source);
    }
    if (from.type !== "condition" && handle !== null) return fail("invalid_handle", `${name(edge.source)} has no "${handle}" handle; connect from its only output.`, edge.source);
    return true;
  });

  const cyclic = findLoops(graph.nodes, usable, trigger, errors, name);
  const children = new Map<string, Map<Handle, string>>();
  const parents = new Map<string, string>();
  for (const edge of usable) {
    if (cyclic.edges.has(edge)) continue;
    const handle = edge.sourceHandle ?? null;
    const out = children.get(edge.source) ?? new Map<Handle, string>();
    if (out.has(handle)) {
      const which = handle === null ? "output" : `"${handle}" handle`;
      refusedInto.add(edge.target);
      errors.push({ code: "duplicate_handle_edge", message: `${name(edge.source)}'s ${which} already leads to ${name(out.get(handle)!)}; one output leads to one step, so remove the connection to ${name(edge.target)}.`, nodeId: edge.source, edgeId: edge.id });
      continue;
    }
    if (parents.has(edge.target)) {
      errors.push({ code: "multiple_parents", message: `${name(edge.target)} is reached from both ${name(parents.get(edge.target)!)} and ${name(edge.source)}; a step follows exactly one step, so remove one connection (duplicate the step if both paths need it).`, nodeId: edge.target, edgeId: edge.id });
      continue;
    }
    out.set(handle, edge.target);
    children.set(edge.source, out);
    parents.set(edge.target, edge.source);
  }

  if (trigger) {
    // Only the top of each cut-off subtree is reported, and not when a refused edge (already
    // reported) was meant to reach it: one problem, one message.
    const reached = descendants(trigger.id, children);
    for (const node of byId.values()) {
      if (reached.has(node.id) || parents.has(node.id) || refusedInto.has(node.id) || cyclic.nodes.has(node.id) || node.type === "trigger") continue;
      const after = descendants(node.id, children).size - 1;
      const also = after ? ` (and the ${after} step${after === 1 ? "" : "s"} after it)` : "";
      errors.push({ code: "unreachable_node", message: `${name(node.id)}${also} is not connected to the trigger, so it would never run; connect it or delete it.`, nodeId: node.id });
    }
  }
  return { errors, trigger, children };
}

function descendants(root: string, children: Map<string, Map<Handle, string>>): Set<string> {
  const found = new Set<string>();
  const stack = [root];
  while (stack.length) {
    const id = stack.pop()!;
    found.add(id);
    stack.push(...(children.get(id)?.values() ?? []));
  }
  return found;
}

/** Depth-first from the trigger, then from every other node: each edge back into the path is a loop. */
function findLoops(nodes: ShapeNode[], edges: ShapeEdge[], trigger: ShapeNode | undefined, errors: RuleError[], name: (id: string) => string) {
  const out = new Map<string, ShapeEdge[]>();
  for (const edge of edges) out.set(edge.source, [...(out.get(edge.source) ?? []), edge]);
  const state = new Map<string, "open" | "done">();
  const loopEdges = new Set<ShapeEdge>();
  const loopNodes = new Set<string>();
  const visit = (start: string) => {
    const path: string[] = [];
    const stack: { id: string; next: number }[] = [{ id: start, next: 0 }];
    state.set(start, "open");
    path.push(start);
    while (stack.length) {
      const frame = stack.at(-1)!;
      const edge = out.get(frame.id)?.[frame.next++];
      if (!edge) {
        state.set(frame.id, "done");
        stack.pop();
        path.pop();
        continue;
      }
      const seen = state.get(edge.target);
      if (seen === "open") {
        const loop = path.slice(path.indexOf(edge.target));
        loop.forEach((id) => loopNodes.add(id));
        loopEdges.add(edge);
        errors.push({
          code: "cycle",
          message: `${[...loop, edge.target].map(name).join(" → ")} is a loop; a rule runs from the trigger downwards, so remove the connection from "${edge.source}" to "${edge.target}".`,
          nodeId: edge.source,
          edgeId: edge.id,
        });
      } else if (seen === undefined) {
        state.set(edge.target, "open");
        path.push(edge.target);
        stack.push({ id: edge.target, next: 0 });
      }
    }
  };
  for (const node of [...(trigger ? [trigger] : []), ...nodes]) if (!state.has(node.id)) visit(node.id);
  return { edges: loopEdges, nodes: loopNodes };
}
