import { z } from "zod";
import { ACTION_IDS } from "./catalog/actions";
import { formatPath, type RuleError, type RuleResult } from "./errors";
import { checkGraphShape, type GraphShape } from "./graph-shape";
import { autoLayout } from "./layout";
import {
  conditionSchema,
  NODE_ID,
  positionSchema,
  ruleDocumentSchema,
  RULE_VERSION,
  scopeSchema,
  triggerConfigSchema,
  type Action,
  type Condition,
  type Position,
  type Rule,
  type Scope,
  type Step,
  type TriggerConfig,
  type UncheckedAction,
} from "./schema";
import { validateRule } from "./validate";
import { describeProblem, flattenIssues } from "./zod-issues";

/**
 * The editor's graph, React Flow-like but plain JSON: one trigger node, then a tree. The trigger
 * and each action have one "next" handle (sourceHandle null), a condition a "true" and a "false"
 * handle; every other node has exactly one incoming edge. Rule-level settings the canvas edits
 * (trigger, scope) live on the trigger node; the rule's id and name travel beside the graph.
 *
 * Edge ids are `${source}:${handle}->${target}` with handle "next", "true" or "false". ruleToGraph
 * writes them that way and graphToRule ignores the ids it is given, so graph -> rule -> graph is
 * exact for graphs ruleToGraph made and equal up to edge ids (and node order) for any other.
 */
export interface TriggerNodeData {
  trigger: TriggerConfig;
  scope: Scope;
}
export interface ConditionNodeData {
  condition: Condition;
  label?: string;
}
export interface ActionNodeData {
  action: Action;
}
export type GraphNode =
  | { id: string; type: "trigger"; position: Position; data: TriggerNodeData }
  | { id: string; type: "condition"; position: Position; data: ConditionNodeData }
  | { id: string; type: "action"; position: Position; data: ActionNodeData };
export type GraphNodeType = GraphNode["type"];
export type SourceHandle = "true" | "false" | null;
export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  sourceHandle?: SourceHandle;
}
export interface RuleGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}
export interface RuleMeta {
  id: string;
  name: string;
}

export const edgeId = (source: string, handle: SourceHandle | undefined, target: string) => `${source}:${handle ?? "next"}->${target}`;

export function ruleToGraph(rule: Rule): RuleGraph {
  const positions = { ...autoLayout(rule), ...rule.layout };
  const { nodeId: triggerId, ...trigger } = rule.trigger;
  const nodes: GraphNode[] = [{ id: triggerId, type: "trigger", position: positions[triggerId]!, data: structuredClone({ trigger: trigger as TriggerConfig, scope: rule.scope }) }];
  const edges: GraphEdge[] = [];
  const link = (source: string, handle: SourceHandle, steps: Step[]) => {
    if (steps[0]) edges.push({ id: edgeId(source, handle, steps[0].nodeId), source, target: steps[0].nodeId, sourceHandle: handle });
  };
  const walk = (steps: Step[]) => {
    for (const [i, step] of steps.entries()) {
      const position = positions[step.nodeId]!;
      if (step.kind === "action") {
        nodes.push({ id: step.nodeId, type: "action", position, data: structuredClone({ action: step.action }) });
        link(step.nodeId, null, steps.slice(i + 1));
        continue;
      }
      const data = structuredClone(step.label === undefined ? { condition: step.condition } : { condition: step.condition, label: step.label });
      nodes.push({ id: step.nodeId, type: "condition", position, data });
      link(step.nodeId, "true", step.then);
      walk(step.then);
      link(step.nodeId, "false", step.else);
      walk(step.else);
    }
  };
  link(triggerId, null, rule.body);
  walk(rule.body);
  return { nodes, edges };
}

const graphSchema = z.object({
  nodes: z
    .array(z.object({ id: z.string().regex(NODE_ID, "Use 1 to 64 letters, digits, '_', '-' or '.' for a node id."), type: z.enum(["trigger", "condition", "action"]), position: positionSchema, data: z.unknown() }))
    .max(500, "A rule can have at most 500 nodes."),
  edges: z.array(z.object({ id: z.string().max(300), source: z.string(), target: z.string(), sourceHandle: z.enum(["true", "false"]).nullable().optional() })).max(1000),
});
const metaSchema = ruleDocumentSchema.pick({ id: true, name: true });
const dataSchemas = {
  trigger: z.strictObject({ trigger: triggerConfigSchema, scope: scopeSchema }),
  condition: z.strictObject({ condition: conditionSchema, label: z.string().max(200).optional() }),
  action: z.strictObject({ action: z.strictObject({ kind: z.enum(ACTION_IDS), input: z.unknown() }) }),
};

/**
 * The graph as a rule, or every problem found, each tied to the node or edge to fix. Extra keys on
 * nodes and edges (React Flow's `selected`, `measured`...) are ignored; node data is strict.
 */
export function graphToRule(graph: unknown, meta: RuleMeta): RuleResult<Rule> {
  const errors: RuleError[] = [];
  const shell = graphSchema.safeParse(graph);
  if (!shell.success) return { ok: false, errors: flattenIssues(shell.error.issues).map((p) => shellError(graph, p.path, describeProblem(p, formatPath))) };
  const metaCheck = metaSchema.safeParse(meta);
  if (!metaCheck.success) errors.push(...flattenIssues(metaCheck.error.issues).map((p) => ({ code: "invalid_document" as const, message: describeProblem(p, formatPath), path: formatPath(p.path) })));

  for (const node of shell.data.nodes) {
    const data = dataSchemas[node.type].safeParse(node.data);
    if (data.success) continue;
    for (const p of flattenIssues(data.error.issues)) {
      errors.push({ code: "invalid_document", message: `Node "${node.id}": ${describeProblem(p, formatPath)}`, nodeId: node.id, ...(p.path.length ? { path: formatPath(p.path) } : {}) });
    }
  }
  const shape = checkGraphShape(shell.data);
  errors.push(...shape.errors);
  if (errors.length || !shape.trigger) return { ok: false, errors };

  const { document, prefixes } = toDocument(shell.data as RuleGraph, shape, meta);
  const checked = validateRule(document);
  if (checked.ok) return checked;
  return { ok: false, errors: checked.errors.map((error) => relativeToNode(error, prefixes)) };
}

function toDocument(graph: RuleGraph, shape: GraphShape, meta: RuleMeta) {
  const byId = new Map(graph.nodes.map((node) => [node.id, node]));
  const prefixes = new Map<string, PropertyKey[]>();
  const steps = (nodeId: string | undefined, path: PropertyKey[]): Step<UncheckedAction>[] => {
    const node = nodeId === undefined ? undefined : byId.get(nodeId);
    if (!node) return [];
    prefixes.set(node.id, path);
    const next = shape.children.get(node.id);
    if (node.type === "action") return [{ kind: "action", nodeId: node.id, action: node.data.action }, ...steps(next?.get(null), [...path.slice(0, -1), (path.at(-1) as number) + 1])];
    const { condition, label } = node.data as ConditionNodeData;
    return [
      { kind: "if", nodeId: node.id, ...(label === undefined ? {} : { label }), condition, then: steps(next?.get("true"), [...path, "then", 0]), else: steps(next?.get("false"), [...path, "else", 0]) },
    ];
  };
  const trigger = shape.trigger!;
  const data = trigger.data as TriggerNodeData;
  prefixes.set(trigger.id, []);
  const document: Rule<UncheckedAction> = {
    version: RULE_VERSION,
    id: meta.id,
    name: meta.name,
    trigger: { ...data.trigger, nodeId: trigger.id },
    scope: data.scope,
    body: steps(shape.children.get(trigger.id)?.get(null), ["body", 0]),
    layout: Object.fromEntries(graph.nodes.map((node) => [node.id, node.position])),
  };
  return { document, prefixes };
}

/** validateRule speaks in document paths; the editor wants paths inside the node's data. */
function relativeToNode(error: RuleError, prefixes: Map<string, PropertyKey[]>): RuleError {
  const { path, ...rest } = error;
  const prefix = error.nodeId === undefined ? undefined : prefixes.get(error.nodeId);
  if (path === undefined || prefix === undefined) return error;
  const base = formatPath(prefix);
  const inData = base === "" ? /^(trigger|scope)\b/.test(path) : path.startsWith(`${base}.`);
  return inData ? { ...rest, path: base === "" ? path : path.slice(base.length + 1) } : rest;
}

function shellError(graph: unknown, path: PropertyKey[], message: string): RuleError {
  const [list, index] = path;
  const entry = (graph as Record<string, unknown[]> | null)?.[list as string]?.[index as number] as { id?: unknown } | undefined;
  const id = typeof entry?.id === "string" ? entry.id : undefined;
  const tie = id === undefined ? {} : list === "nodes" ? { nodeId: id } : list === "edges" ? { edgeId: id } : {};
  return { code: "invalid_document", message, ...tie, path: formatPath(path) };
}
