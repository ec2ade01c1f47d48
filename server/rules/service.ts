import { and, asc, desc, eq, inArray, max, sql } from "drizzle-orm";
import { compileRules, evaluate, explain, graphToRule, referencedFolderIds, referencedStoreIds, referencedTemplates, type Rule as RuleDsl, type RuleError, type RuleGraph, type Step } from "@/rules";
import { emailTemplates, exportTemplates, folders, orders, ruleRuns, rules, ruleVersions } from "@/db/schema";
import { DomainError, notFound } from "@/server/errors";
import { enqueueEvent } from "@/server/events/outbox";
import { getOrderRecord } from "@/server/orders/read";
import { ruleOrderOf } from "./order";
import { resolveTargetStore } from "@/server/orders/transfer";
import { describeActor, type StoreScope } from "@/server/scope";

const inStore = (scope: StoreScope) => eq(rules.storeId, scope.storeId);

/** Rule errors as form errors: keyed by node (or edge), so the editor marks the culprit. */
function refuse(errors: RuleError[]): never {
  const fieldErrors: Record<string, string[]> = {};
  for (const e of errors) (fieldErrors[e.nodeId ? `node:${e.nodeId}` : e.edgeId ? `edge:${e.edgeId}` : "_form"] ??= []).push(e.message);
  throw new DomainError("BAD_REQUEST", errors[0]?.message ?? "The rule is not valid.", { fieldErrors });
}

/** Graph -> DSL, refused with node-tied errors; also checks the folders and stores it names. */
async function compileGraph(scope: StoreScope, ruleId: string, name: string, graph: unknown): Promise<RuleDsl> {
  const result = graphToRule(graph as RuleGraph, { id: ruleId, name });
  if (!result.ok) refuse(result.errors);
  const rule = result.rule;
  const folderIds = referencedFolderIds(rule);
  if (folderIds.length > 0) {
    const found = await scope.db
      .select({ id: folders.id })
      .from(folders)
      .where(and(eq(folders.storeId, scope.storeId), inArray(folders.id, folderIds)));
    const missing = folderIds.filter((id) => !found.some((row) => row.id === id));
    if (missing.length) refuse(missing.map((id) => ({ code: "invalid_action_input", message: `Folder ${id} does not exist in this store; choose another folder.` })));
  }
  for (const ref of referencedTemplates(rule)) {
    const table = ref.kind === "export" ? exportTemplates : emailTemplates;
    const [found] = await scope.db.select({ id: table.id }).from(table).where(and(eq(table.storeId, scope.storeId), eq(table.id, ref.templateId)));
    if (!found) refuse([{ code: "invalid_action_input", nodeId: ref.nodeId, message: `Action "${ref.nodeId}": ${ref.kind} template ${ref.templateId} does not exist in this store; choose another.` }]);
    if (ref.kind === "export") {
      const [template] = await scope.db.select({ destination: exportTemplates.destination }).from(exportTemplates).where(and(eq(exportTemplates.storeId, scope.storeId), eq(exportTemplates.id, ref.templateId)));
      if (template?.destination.kind === "download") {
        refuse([{ code: "invalid_action_input", nodeId: ref.nodeId, message: `Action "${ref.nodeId}": that export template downloads in the browser; a rule needs one that emails or uploads the file.` }]);
      }
    }
  }
  for (const storeId of referencedStoreIds(rule)) {
    await resolveTargetStore(scope, storeId).catch((error: unknown) => {
      if (!(error instanceof DomainError)) throw error;
      refuse(
        actionNodesFor(rule.body, storeId).map((nodeId) => ({
          code: "invalid_action_input",
          nodeId,
          message: `Action "${nodeId}": store ${storeId} is not one you can reach with "Edit orders" (${error.message.replace(/\.$/, "")}).`,
        })),
      );
    });
  }
  return rule;
}

/** The copy/move actions that send orders to `storeId`, to name them in an error. */
function actionNodesFor(steps: Step[], storeId: number): string[] {
  return steps.flatMap((step) =>
    step.kind === "if"
      ? [...actionNodesFor(step.then, storeId), ...actionNodesFor(step.else, storeId)]
      : (step.action.kind === "copy_to_store" || step.action.kind === "move_to_store") && step.action.input.storeId === storeId
        ? [step.nodeId]
        : [],
  );
}

export async function listRules(scope: StoreScope) {
  return scope.db
    .select({
      id: rules.id,
      name: rules.name,
      enabled: rules.enabled,
      position: rules.position,
      triggerKind: rules.triggerKind,
      version: rules.version,
      updatedAt: rules.updatedAt,
      libraryRuleId: rules.libraryRuleId,
      overridden: rules.overridden,
    })
    .from(rules)
    .where(inStore(scope))
    .orderBy(asc(rules.position), asc(rules.id));
}

/** The enabled "Run by hand" rules, for the order list's "Run rule" control. */
export async function listManualRules(scope: StoreScope) {
  return scope.db
    .select({ id: rules.id, name: rules.name })
    .from(rules)
    .where(and(inStore(scope), eq(rules.enabled, true), eq(rules.triggerKind, "manual")))
    .orderBy(asc(rules.position), asc(rules.id));
}

export async function getRule(scope: StoreScope, ruleId: number) {
  const [rule] = await scope.db.select().from(rules).where(and(inStore(scope), eq(rules.id, ruleId)));
  if (!rule) throw notFound("Rule");
  return rule;
}

/** Where a save comes from: the library (applying a library rule) links it and clears the override. */
export interface SaveRuleOptions {
  fromLibrary?: { libraryRuleId: number; libraryVersion: number };
}

/**
 * Creates or updates a rule from the editor's graph; every save is a new version. A save of a
 * rule linked to the library that does not come from the library marks it overridden.
 */
export async function saveRule(scope: StoreScope, input: { ruleId?: number; name: string; graph: unknown }, options: SaveRuleOptions = {}) {
  return scope.db.transaction(async (tx) => {
    const txScope = { ...scope, db: tx };
    const existing = input.ruleId ? await getRule(txScope, input.ruleId) : undefined;
    const ownerUserId = scope.actor.kind === "user" ? scope.actor.userId : (existing?.ownerUserId ?? null);
    let ruleId = existing?.id;
    if (!ruleId) {
      const [{ next } = { next: 1 }] = await tx.select({ next: sql<number>`coalesce(${max(rules.position)}, 0) + 1` }).from(rules).where(inStore(scope));
      const [created] = await tx
        .insert(rules)
        .values({ storeId: scope.storeId, name: input.name, position: next, triggerKind: "manual", graph: {}, dsl: {}, ownerUserId, version: 0 })
        .returning({ id: rules.id });
      ruleId = created!.id;
    }
    const dsl = await compileGraph(txScope, String(ruleId), input.name, input.graph);
    const version = (existing?.version ?? 0) + 1;
    await tx
      .update(rules)
      .set({
        name: input.name,
        graph: input.graph,
        dsl,
        triggerKind: dsl.trigger.kind,
        version,
        ownerUserId,
        updatedAt: new Date(),
        ...(options.fromLibrary
          ? { libraryRuleId: options.fromLibrary.libraryRuleId, libraryVersion: options.fromLibrary.libraryVersion, overridden: false }
          : existing?.libraryRuleId
            ? { overridden: true }
            : {}),
      })
      .where(and(inStore(scope), eq(rules.id, ruleId)));
    await tx.insert(ruleVersions).values({ ruleId, storeId: scope.storeId, version, name: input.name, graph: input.graph, dsl, savedBy: describeActor(scope.actor).label });
    return { id: ruleId, version };
  });
}

export async function setRuleEnabled(scope: StoreScope, ruleId: number, enabled: boolean) {
  const updated = await scope.db.update(rules).set({ enabled, updatedAt: new Date() }).where(and(inStore(scope), eq(rules.id, ruleId))).returning({ id: rules.id });
  if (!updated.length) throw notFound("Rule");
  return { id: ruleId, enabled };
}

/** The store's rules in the given order (all of them, each once): the order they run in. */
export async function reorderRules(scope: StoreScope, ruleIds: number[]) {
  return scope.db.transaction(async (tx) => {
    const current = await tx.select({ id: rules.id }).from(rules).where(inStore(scope)).for("update");
    const same = current.length === ruleIds.length && new Set(ruleIds).size === ruleIds.length && current.every((r) => ruleIds.includes(r.id));
    if (!same) throw new DomainError("BAD_REQUEST", "Send every rule of this store exactly once, in the new order.", { field: "ruleIds" });
    for (const [position, id] of ruleIds.entries()) {
      await tx.update(rules).set({ position: position + 1 }).where(and(inStore(scope), eq(rules.id, id)));
    }
    return { ruleIds };
  });
}

export async function duplicateRule(scope: StoreScope, ruleId: number) {
  const rule = await getRule(scope, ruleId);
  return saveRule(scope, { name: `${rule.name} (copy)`, graph: rule.graph });
}

export async function deleteRule(scope: StoreScope, ruleId: number) {
  const deleted = await scope.db.delete(rules).where(and(inStore(scope), eq(rules.id, ruleId))).returning({ id: rules.id });
  if (!deleted.length) throw notFound("Rule");
  return { id: ruleId };
}

export async function listRuleVersions(scope: StoreScope, ruleId: number) {
  await getRule(scope, ruleId);
  return scope.db
    .select({ version: ruleVersions.version, name: ruleVersions.name, graph: ruleVersions.graph, dsl: ruleVersions.dsl, savedBy: ruleVersions.savedBy, createdAt: ruleVersions.createdAt })
    .from(ruleVersions)
    .where(and(eq(ruleVersions.storeId, scope.storeId), eq(ruleVersions.ruleId, ruleId)))
    .orderBy(desc(ruleVersions.version))
    .limit(100);
}

/** Restoring saves the old graph again, as a new version (history is never rewritten). */
export async function restoreRuleVersion(scope: StoreScope, ruleId: number, version: number) {
  const [old] = await scope.db
    .select()
    .from(ruleVersions)
    .where(and(eq(ruleVersions.storeId, scope.storeId), eq(ruleVersions.ruleId, ruleId), eq(ruleVersions.version, version)));
  if (!old) throw notFound("Rule version");
  return saveRule(scope, { ruleId, name: old.name, graph: old.graph });
}

/** The trigger event a rule's own trigger would receive, for test runs. */
function eventFor(rule: RuleDsl) {
  const trigger = rule.trigger;
  if (trigger.kind === "order.folder_changed") return { kind: trigger.kind, folderId: trigger.folderId ?? 0 };
  if (trigger.kind === "schedule" || trigger.kind === "manual") return { kind: trigger.kind, ruleIds: [rule.id] };
  return { kind: trigger.kind };
}

/**
 * What a rule (saved, or the editor's unsaved graph) would do to one order, applying nothing:
 * the intents and the trace that explains each comparison.
 */
export async function testRuleOnOrder(scope: StoreScope, input: { ruleId?: number; name?: string; graph?: unknown; orderId: number }) {
  const rule = await ruleForTest(scope, input);
  const order = ruleOrderOf(await getOrderRecord(scope, input.orderId));
  const result = evaluate(compileRules([rule]), order, { event: eventFor(rule) as never, now: new Date() });
  return { intents: result.intents, trace: result.trace, explanation: explain(result.trace) };
}

async function ruleForTest(scope: StoreScope, input: { ruleId?: number; name?: string; graph?: unknown }) {
  if (input.graph !== undefined) return compileGraph(scope, String(input.ruleId ?? "draft"), input.name || "Draft", input.graph);
  if (!input.ruleId) throw new DomainError("BAD_REQUEST", "Choose a rule or send its graph.", { field: "ruleId" });
  const saved = await getRule(scope, input.ruleId);
  return compileGraph(scope, String(saved.id), saved.name, saved.graph);
}

/** The rule over the newest orders (of a folder): which would match and what would change. */
export async function backtestRule(scope: StoreScope, input: { ruleId?: number; name?: string; graph?: unknown; folderId?: number; limit: number }) {
  const rule = await ruleForTest(scope, input);
  const compiled = compileRules([rule]);
  const recent = await scope.db
    .select({ id: orders.id })
    .from(orders)
    .where(and(eq(orders.storeId, scope.storeId), input.folderId ? eq(orders.folderId, input.folderId) : undefined))
    .orderBy(desc(orders.dateAdded), desc(orders.id))
    .limit(input.limit);
  const now = new Date();
  const rows = [];
  for (const { id } of recent) {
    const order = ruleOrderOf(await getOrderRecord(scope, id));
    const { intents } = evaluate(compiled, order, { event: eventFor(rule) as never, now, trace: false });
    rows.push({ orderId: String(id), matched: intents.length > 0, intents: intents.map((i) => ({ kind: i.kind, input: i.input, itemIndex: i.itemIndex })) });
  }
  return { orders: rows.length, matched: rows.filter((r) => r.matched).length, rows };
}

/** Which rules ran on an order, when, and what became of each action. */
export async function listRuleRunsForOrder(scope: StoreScope, orderId: number) {
  await getOrderRecord(scope, orderId);
  return scope.db
    .select()
    .from(ruleRuns)
    .where(and(eq(ruleRuns.storeId, scope.storeId), eq(ruleRuns.orderId, orderId)))
    .orderBy(desc(ruleRuns.id))
    .limit(50);
}

/** "Run rules" on selected orders: a manual event the rule engine picks up like any other. */
export async function runRulesManually(scope: StoreScope, input: { ruleIds: number[]; orderIds: number[] }) {
  const found = await scope.db.select({ id: rules.id }).from(rules).where(and(inStore(scope), inArray(rules.id, input.ruleIds), eq(rules.triggerKind, "manual")));
  if (found.length !== new Set(input.ruleIds).size) throw new DomainError("BAD_REQUEST", "Only rules with the trigger \"Run by hand\" can be run on selected orders.", { field: "ruleIds" });
  const owned = await scope.db.select({ id: orders.id }).from(orders).where(and(eq(orders.storeId, scope.storeId), inArray(orders.id, input.orderIds)));
  if (owned.length !== new Set(input.orderIds).size) throw notFound("One or more orders");
  await scope.db.transaction((tx) => enqueueEvent(tx, scope.storeId, "rules/manual", { ruleIds: input.ruleIds, orderIds: input.orderIds }));
  return { queued: input.orderIds.length };
}
