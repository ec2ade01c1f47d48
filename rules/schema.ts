import { z } from "zod";
import { ACTION_IDS, type ActionId, type ActionInput } from "./catalog/actions";
import { OPERATOR_IDS, type OperatorId } from "./catalog/operators";

/**
 * The rule DSL, version 1: what the server stores and compiles. A rule is a trigger, a scope (the
 * whole order, or each item that passes a filter) and a list of steps. In a step list an `if` can
 * only come last: its branches carry the rest of the rule, which is exactly the shape of the
 * editor's graph (a tree hanging off the trigger), so graph <-> DSL is lossless.
 *
 * The zod schemas here check structure only; validate.ts checks meaning (fields, operators,
 * values, action inputs, patterns) and parse.ts puts the two together.
 */
export const RULE_VERSION = 1;

export type ComparisonValue = string | number | (string | number)[];

export interface Comparison {
  /** A field id from catalog/fields.ts, e.g. "shipping.country" or "checkout_data.Gift Message". */
  field: string;
  op: OperatorId;
  value?: ComparisonValue;
  /** Text comparisons ignore case unless this is true. */
  caseSensitive?: boolean;
}

export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  /** Some item of the order passes (item fields read that item). */
  | { anyItem: Condition }
  /** Every item passes; false for an order without items. */
  | { allItems: Condition }
  | Comparison;

export type Action = { [K in ActionId]: { kind: K; input: ActionInput<K> } }[ActionId];
/** An action as it arrives, before its input is checked against the catalog. */
export interface UncheckedAction {
  kind: ActionId;
  input: unknown;
}

export interface IfStep<A = Action> {
  kind: "if";
  nodeId: string;
  label?: string;
  condition: Condition;
  then: Step<A>[];
  else: Step<A>[];
}
export interface ActionStep<A = Action> {
  kind: "action";
  nodeId: string;
  action: A;
}
export type Step<A = Action> = IfStep<A> | ActionStep<A>;

export type TriggerConfig =
  | { kind: "order.created" }
  | { kind: "order.updated" }
  /** Without folderId it fires on any folder change; with it, only when the order lands there. */
  | { kind: "order.folder_changed"; folderId?: number }
  | { kind: "shipment.created" }
  | { kind: "order.split" }
  | { kind: "order.copied_in" }
  /** Runs on the orders in `folderId`; `cron` has 5 fields, read in `timezone` (default UTC). */
  | { kind: "schedule"; cron: string; timezone?: string; folderId: number }
  | { kind: "manual" };
export type Trigger = TriggerConfig & { nodeId: string };

export type Scope = { kind: "order" } | { kind: "items"; where?: Condition };

export interface Position {
  x: number;
  y: number;
}

export interface Rule<A = Action> {
  version: typeof RULE_VERSION;
  id: string;
  name: string;
  trigger: Trigger;
  scope: Scope;
  body: Step<A>[];
  /** Editor positions by node id; absent nodes are laid out automatically. */
  layout?: Record<string, Position>;
}

/** "__proto__" is refused: assigning it as a key would replace an object's prototype. */
export const NODE_ID = /^(?!__proto__$)[A-Za-z0-9_.-]{1,64}$/;
const nodeId = z.string().regex(NODE_ID, "Use 1 to 64 letters, digits, '_', '-' or '.' for a node id.");

const scalar = z.union([z.string().max(1000), z.number()]);
const comparisonSchema = z.strictObject({
  field: z.string().min(1, "Choose a field.").max(200),
  op: z.enum(OPERATOR_IDS),
  value: z.union([scalar, z.array(scalar).max(1000)]).optional(),
  caseSensitive: z.boolean().optional(),
});

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union(
    [
      z.strictObject({ all: z.array(conditionSchema) }),
      z.strictObject({ any: z.array(conditionSchema) }),
      z.strictObject({ not: conditionSchema }),
      z.strictObject({ anyItem: conditionSchema }),
      z.strictObject({ allItems: conditionSchema }),
      comparisonSchema,
    ],
    { error: "Not a condition: use { all: [...] }, { any: [...] }, { not }, { anyItem }, { allItems } or a comparison { field, op, value }." },
  ),
);

const uncheckedActionSchema = z.strictObject({ kind: z.enum(ACTION_IDS), input: z.unknown() });

const stepSchema: z.ZodType<Step<UncheckedAction>> = z.lazy(() =>
  z.discriminatedUnion("kind", [
    z.strictObject({
      kind: z.literal("if"),
      nodeId,
      label: z.string().max(200).optional(),
      condition: conditionSchema,
      then: z.array(stepSchema),
      else: z.array(stepSchema),
    }),
    z.strictObject({ kind: z.literal("action"), nodeId, action: uncheckedActionSchema }),
  ]),
);

const positiveInt = z.number().int().positive();
const triggerSchemas = <E extends z.ZodRawShape>(extra: E) =>
  z.discriminatedUnion("kind", [
    z.strictObject({ kind: z.literal("order.created"), ...extra }),
    z.strictObject({ kind: z.literal("order.updated"), ...extra }),
    z.strictObject({ kind: z.literal("order.folder_changed"), folderId: positiveInt.optional(), ...extra }),
    z.strictObject({ kind: z.literal("shipment.created"), ...extra }),
    z.strictObject({ kind: z.literal("order.split"), ...extra }),
    z.strictObject({ kind: z.literal("order.copied_in"), ...extra }),
    z.strictObject({
      kind: z.literal("schedule"),
      cron: z.string({ error: 'Enter when to run, as cron (e.g. "0 9 * * MON-FRI").' }).max(100),
      timezone: z.string().max(64).optional(),
      folderId: z.number({ error: "Choose the folder whose orders the schedule runs on." }).int().positive(),
      ...extra,
    }),
    z.strictObject({ kind: z.literal("manual"), ...extra }),
  ]);
/** A trigger as the graph's trigger node holds it: the node's id is its nodeId. */
export const triggerConfigSchema: z.ZodType<TriggerConfig> = triggerSchemas({});
const triggerSchema: z.ZodType<Trigger> = triggerSchemas({ nodeId });

export const scopeSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("order") }),
  z.strictObject({ kind: z.literal("items"), where: conditionSchema.optional() }),
]);

export const positionSchema = z.strictObject({ x: z.number(), y: z.number() });

/** Structure only; action inputs stay unchecked until validate.ts. */
export const ruleDocumentSchema = z.strictObject({
  version: z.literal(RULE_VERSION, { error: `This rule needs "version": ${RULE_VERSION}; it is the only version this server reads.` }),
  id: z.string().min(1, "A rule needs an id.").max(100),
  name: z.string().regex(/\S/, "Give the rule a name.").max(200, "Use at most 200 characters for the name."),
  trigger: triggerSchema,
  scope: scopeSchema,
  body: z.array(stepSchema),
  layout: z.record(z.string().regex(NODE_ID, "Layout keys are node ids."), positionSchema).optional(),
});

/** A condition as a tagged value, so walkers can switch on `kind` instead of probing keys. */
export type ConditionView =
  | { kind: "all" | "any"; children: Condition[] }
  | { kind: "not" | "anyItem" | "allItems"; child: Condition }
  | { kind: "comparison"; comparison: Comparison };

export function viewCondition(condition: Condition): ConditionView {
  if ("field" in condition) return { kind: "comparison", comparison: condition };
  if ("all" in condition) return { kind: "all", children: condition.all };
  if ("any" in condition) return { kind: "any", children: condition.any };
  if ("not" in condition) return { kind: "not", child: condition.not };
  if ("anyItem" in condition) return { kind: "anyItem", child: condition.anyItem };
  return { kind: "allItems", child: condition.allItems };
}

/** Every comparison in a condition, in document order. */
export function comparisonsIn(condition: Condition): Comparison[] {
  const view = viewCondition(condition);
  if (view.kind === "comparison") return [view.comparison];
  return "children" in view ? view.children.flatMap(comparisonsIn) : comparisonsIn(view.child);
}
