import { TRPCClientError } from "@trpc/client";
import { edgeId, graphToRule, ruleToGraph, type Action, type ActionId, type Comparison, type Condition, type GraphEdge, type GraphNode, type Position, type RuleError, type RuleGraph, type SourceHandle, type TriggerConfig } from "@/rules";

/**
 * Pure helpers over the editor's `RuleGraph` (the source of truth; React Flow only renders it):
 * new nodes, connections, deletion, layout, and the problems to show on nodes.
 */

export type PaletteItem = { type: "trigger" } | { type: "condition" } | { type: "action"; kind: ActionId };

export const EMPTY_GRAPH: RuleGraph = { nodes: [], edges: [] };

/** A saved graph as the server returns it (jsonb), or an empty one if it is not a graph. */
export function asGraph(value: unknown): RuleGraph {
  const graph = value as Partial<RuleGraph> | null;
  if (!graph || !Array.isArray(graph.nodes) || !Array.isArray(graph.edges)) return EMPTY_GRAPH;
  return { nodes: graph.nodes, edges: graph.edges.map((e) => ({ id: e.id, source: e.source, target: e.target, sourceHandle: e.sourceHandle ?? null })) };
}

export const emptyComparison = (field = ""): Comparison => ({ field, op: "equals", value: "" });

export const DEFAULT_TRIGGER: TriggerConfig = { kind: "order.created" };

/** Inputs a fresh action starts with: empty where the person must fill in, sensible elsewhere. */
export function defaultActionInput(kind: ActionId): Record<string, unknown> {
  switch (kind) {
    case "add_tag":
    case "remove_tag":
      return { tag: "" };
    case "set_field":
      return { value: "" };
    case "set_checkout_data":
    case "set_metadata":
      return { key: "", value: "" };
    case "set_shipping_method":
      return { method: "" };
    case "add_note":
      return { content: "" };
    case "split_order":
      return { key: "code" };
    case "adjust_inventory":
      return { mode: "decrement" };
    case "send_email":
      return { to: "customer", subject: "", body: "" };
    case "export_orders":
      return {};
    case "post_webhook":
      return { url: "" };
    default:
      // move_to_folder, copy_to_store, move_to_store: chosen in the inspector; stop_processing: none.
      return {};
  }
}

/** An action whose input is not checked yet (the inspector edits it field by field). */
export const makeAction = (kind: ActionId, input: Record<string, unknown> = defaultActionInput(kind)) => ({ kind, input }) as unknown as Action;

export function nextNodeId(graph: RuleGraph, type: GraphNode["type"]): string {
  const ids = new Set(graph.nodes.map((n) => n.id));
  if (type === "trigger" && !ids.has("trigger")) return "trigger";
  let n = 1;
  while (ids.has(`${type}-${n}`)) n++;
  return `${type}-${n}`;
}

export function makeNode(graph: RuleGraph, item: PaletteItem, position: Position): GraphNode {
  const id = nextNodeId(graph, item.type);
  switch (item.type) {
    case "trigger":
      return { id, type: "trigger", position, data: { trigger: DEFAULT_TRIGGER, scope: { kind: "order" } } };
    case "condition":
      return { id, type: "condition", position, data: { condition: { all: [emptyComparison()] } } };
    case "action":
      return { id, type: "action", position, data: { action: makeAction(item.kind) } };
  }
}

const handleOf = (edge: GraphEdge): SourceHandle => edge.sourceHandle ?? null;

/** The output handles a node has: one "next" (null) for triggers and actions, Yes/No for conditions. */
export const handlesOf = (node: GraphNode): SourceHandle[] => (node.type === "condition" ? ["true", "false"] : [null]);

export function freeHandles(graph: RuleGraph, node: GraphNode): SourceHandle[] {
  const used = new Set(graph.edges.filter((e) => e.source === node.id).map(handleOf));
  return handlesOf(node).filter((h) => !used.has(h));
}

export function canConnect(graph: RuleGraph, source: string, target: string): boolean {
  if (source === target) return false;
  const to = graph.nodes.find((n) => n.id === target);
  return Boolean(to && to.type !== "trigger" && graph.nodes.some((n) => n.id === source));
}

/**
 * Connects `source`'s handle to `target`. One output leads to one step and a step follows one
 * step, so an edge already on that handle or into that target is replaced (undo brings it back).
 */
export function connect(graph: RuleGraph, source: string, handle: SourceHandle, target: string): RuleGraph {
  if (!canConnect(graph, source, target)) return graph;
  const from = graph.nodes.find((n) => n.id === source)!;
  const sourceHandle: SourceHandle = from.type === "condition" ? (handle ?? "true") : null;
  const edges = graph.edges.filter((e) => !(e.source === source && handleOf(e) === sourceHandle) && e.target !== target);
  return { ...graph, edges: [...edges, { id: edgeId(source, sourceHandle, target), source, target, sourceHandle }] };
}

export function disconnectTarget(graph: RuleGraph, target: string): RuleGraph {
  return { ...graph, edges: graph.edges.filter((e) => e.target !== target) };
}

export function removeElements(graph: RuleGraph, nodeIds: Iterable<string>, edgeIds: Iterable<string> = []): RuleGraph {
  const nodes = new Set(nodeIds);
  const edges = new Set(edgeIds);
  return {
    nodes: graph.nodes.filter((n) => !nodes.has(n.id)),
    edges: graph.edges.filter((e) => !edges.has(e.id) && !nodes.has(e.source) && !nodes.has(e.target)),
  };
}

export function updateNode(graph: RuleGraph, id: string, update: (node: GraphNode) => GraphNode): RuleGraph {
  return { ...graph, nodes: graph.nodes.map((n) => (n.id === id ? update(n) : n)) };
}

/** Every node below `id` (itself included), so "runs after" never offers a loop. */
export function descendants(graph: RuleGraph, id: string): Set<string> {
  const found = new Set<string>();
  const stack = [id];
  while (stack.length) {
    const at = stack.pop()!;
    if (found.has(at)) continue;
    found.add(at);
    for (const e of graph.edges) if (e.source === at) stack.push(e.target);
  }
  return found;
}

export const COLUMN = 280;
export const ROW = 170;

/**
 * Positions for "Auto layout": the compiler's own layout when the graph is a valid rule (so the
 * editor and a rule saved over the API look alike), else the same top-down tree built from the
 * edges directly, with anything unconnected in columns to the right.
 */
export function layoutGraph(graph: RuleGraph, name: string): RuleGraph {
  let positions: Record<string, Position> | undefined;
  const compiled = graphToRule(graph, { id: "layout", name: name.trim() || "Layout" });
  if (compiled.ok) {
    const laid = ruleToGraph({ ...compiled.rule, layout: undefined });
    positions = Object.fromEntries(laid.nodes.map((n) => [n.id, n.position]));
  }
  const placed = positions ?? treeLayout(graph);
  return { ...graph, nodes: graph.nodes.map((n) => ({ ...n, position: placed[n.id] ?? n.position })) };
}

function treeLayout(graph: RuleGraph): Record<string, Position> {
  const children = new Map<string, Map<SourceHandle, string>>();
  for (const e of graph.edges) {
    const out = children.get(e.source) ?? new Map<SourceHandle, string>();
    if (!out.has(handleOf(e))) out.set(handleOf(e), e.target);
    children.set(e.source, out);
  }
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const positions: Record<string, Position> = {};
  const place = (id: string, row: number, column: number): number => {
    const node = byId.get(id);
    if (!node || positions[id]) return 0;
    positions[id] = { x: column * COLUMN, y: row * ROW };
    const out = children.get(id);
    if (node.type !== "condition") {
      const next = out?.get(null);
      return Math.max(1, next ? place(next, row + 1, column) : 0);
    }
    const yes = out?.get("true");
    const no = out?.get("false");
    const yesWidth = Math.max(1, yes ? place(yes, row + 1, column) : 0);
    const noWidth = no ? place(no, row + 1, column + yesWidth) : 0;
    return yesWidth + noWidth;
  };
  const targets = new Set(graph.edges.map((e) => e.target));
  const roots = [...graph.nodes.filter((n) => n.type === "trigger"), ...graph.nodes.filter((n) => n.type !== "trigger" && !targets.has(n.id)), ...graph.nodes];
  let column = 0;
  for (const root of roots) column += place(root.id, 0, column);
  return positions;
}

/** Problems to show: on nodes (by id), on edges, on the name, and for the whole rule. */
export interface GraphProblems {
  form: string[];
  name?: string;
  nodes: Record<string, string[]>;
  edges: Record<string, string[]>;
}

export const NO_PROBLEMS: GraphProblems = { form: [], nodes: {}, edges: {} };

export const problemCount = (p: GraphProblems) => p.form.length + (p.name ? 1 : 0) + Object.values(p.nodes).flat().length + Object.values(p.edges).flat().length;

/** The compiler's errors, keyed the way the server keys them (node first, then edge, else the form). */
export function problemsFromErrors(errors: readonly RuleError[]): GraphProblems {
  const problems: GraphProblems = { form: [], nodes: {}, edges: {} };
  for (const e of errors) {
    // Shown on the node itself, so the "Node "x": " prefix says nothing new.
    if (e.nodeId) (problems.nodes[e.nodeId] ??= []).push(nodeMessage(e.message));
    else if (e.edgeId) (problems.edges[e.edgeId] ??= []).push(e.message);
    else if (e.path === "name") problems.name ??= e.message.replace(/^name: /, "");
    else problems.form.push(e.message);
  }
  return problems;
}

const CONDITION_PATH = /^(condition|scope\.where)((?:\.(?:all|any)\[\d+\]|\.not|\.anyItem|\.allItems)*)(?:\.(field|op|value|caseSensitive)(?:\[\d+\])?)?: /;
const PARTS: Record<string, string> = { field: "field", op: "operator", value: "value", caseSensitive: "case sensitive" };

/**
 * A message as the node shows it: without the `Node "x": ` prefix (it is on the node), and with a
 * condition path ("condition.all[1].any[0].field: ...") named as the inspector labels it
 * ("Condition 2.1, field: ...").
 */
export function nodeMessage(message: string): string {
  const text = message.replace(/^Node "[^"]*": /, "");
  const match = CONDITION_PATH.exec(text);
  if (!match) return text;
  const numbers = [...(match[2] ?? "").matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]) + 1);
  const base = match[1] === "condition" ? "Condition" : "Item filter";
  const part = match[3] ? PARTS[match[3]] : undefined;
  return `${numbers.length ? `${base} ${numbers.join(".")}` : base}${part ? `, ${part}` : ""}: ${text.slice(match[0].length)}`;
}

/** Checks the graph the way the server will (graphToRule), before anything is sent. */
export function checkGraph(graph: RuleGraph, meta: { id: string; name: string }): GraphProblems {
  const result = graphToRule(graph, meta);
  return result.ok ? NO_PROBLEMS : problemsFromErrors(result.errors);
}

/** A refused save: `fieldErrors` keyed `node:<id>`, `edge:<id>`, `_form` (and `name` from input checks). */
export function problemsFromServer(error: unknown): GraphProblems | undefined {
  if (!(error instanceof TRPCClientError)) return undefined;
  const raw = (error.data as { fieldErrors?: Record<string, string[] | undefined> } | undefined)?.fieldErrors;
  if (!raw || Object.keys(raw).length === 0) return undefined;
  const problems: GraphProblems = { form: [], nodes: {}, edges: {} };
  for (const [key, messages = []] of Object.entries(raw)) {
    if (key.startsWith("node:")) (problems.nodes[key.slice(5)] ??= []).push(...messages.map(nodeMessage));
    else if (key.startsWith("edge:")) (problems.edges[key.slice(5)] ??= []).push(...messages);
    else if (key === "name") problems.name = messages[0];
    else problems.form.push(...messages);
  }
  return problems;
}

/** Edge problems have no place of their own on the canvas: they are listed with the rule's. */
export const formMessages = (p: GraphProblems) => [...p.form, ...Object.values(p.edges).flat()];

export const isConditionGroup = (c: Condition): c is { all: Condition[] } | { any: Condition[] } => "all" in c || "any" in c;

