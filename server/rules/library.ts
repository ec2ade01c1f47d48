import { and, asc, eq, inArray } from "drizzle-orm";
import type { Database } from "@/db/client";
import { folders, libraryRules, rules, stores } from "@/db/schema";
import { findField, graphToRule, referencedFolderIds, viewCondition, type Condition, type RuleGraph } from "@/rules";
import { DomainError, notFound } from "@/server/errors";
import type { StoreScope, UserScope } from "@/server/scope";
import { listReachableStores, resolveStoreAccess } from "@/server/stores/service";
import { getRule, saveRule } from "./service";

/**
 * The account's rule library: rules a user keeps outside any store and applies to the stores they
 * manage. Every query is filtered by the owning user (library rows) or by a store the user was
 * just checked to hold "rules.manage" in (store rows); ids from input are never trusted as such.
 */

type LibraryRow = typeof libraryRules.$inferSelect;
export type ApplyStatus = "created" | "updated" | "skipped_overridden";
export interface ApplyResult {
  storeId: number;
  storeName: string;
  ruleId: number;
  status: ApplyStatus;
}

/** The user's scope in a store where they may manage rules; refused otherwise (non-members: NOT_FOUND). */
async function managedStore(scope: UserScope, db: Database, storeId: number): Promise<{ scope: StoreScope; name: string }> {
  const access = await resolveStoreAccess(db, storeId, scope.userId);
  if (!access) throw new DomainError("NOT_FOUND", `Store ${storeId} not found.`, { field: "storeIds" });
  const [store] = await db.select({ name: stores.name }).from(stores).where(eq(stores.id, storeId));
  if (!store) throw new DomainError("NOT_FOUND", `Store ${storeId} not found.`, { field: "storeIds" });
  if (!access.permissions.includes("rules.manage")) {
    throw new DomainError("FORBIDDEN", `You need the "rules.manage" permission in store "${store.name}" to put rules there.`, { field: "storeIds" });
  }
  return {
    name: store.name,
    scope: { db, storeId, actor: { kind: "user", userId: scope.userId, email: scope.email, role: access.role, permissions: access.permissions } },
  };
}

async function ownLibraryRule(scope: UserScope, db: Database, libraryRuleId: number, lock = false): Promise<LibraryRow> {
  const query = db.select().from(libraryRules).where(and(eq(libraryRules.ownerUserId, scope.userId), eq(libraryRules.id, libraryRuleId)));
  const [row] = lock ? await query.for("update") : await query;
  if (!row) throw notFound("Library rule");
  return row;
}

/** Copies a store rule into the user's library (or over one of their library rules, as a new version). */
export async function saveToLibrary(scope: UserScope, input: { storeId: number; ruleId: number; name: string; libraryRuleId?: number }) {
  return scope.db.transaction(async (tx) => {
    const { scope: store } = await managedStore(scope, tx, input.storeId);
    const rule = await getRule(store, input.ruleId);
    const compiled = graphToRule(rule.graph as RuleGraph, { id: String(rule.id), name: rule.name });
    if (!compiled.ok) throw new DomainError("BAD_REQUEST", "This rule is not valid; fix it in the editor before saving it to the library.");
    const folderIds = referencedFolderIds(compiled.rule);
    const named = folderIds.length
      ? await tx.select({ id: folders.id, name: folders.name }).from(folders).where(and(eq(folders.storeId, store.storeId), inArray(folders.id, folderIds)))
      : [];
    const missing = folderIds.filter((id) => !named.some((f) => f.id === id));
    if (missing.length) throw new DomainError("BAD_REQUEST", `Folder ${missing[0]} no longer exists in this store; fix the rule before saving it to the library.`);
    const folderNames = Object.fromEntries(named.map((f) => [String(f.id), f.name]));

    let saved: { id: number; version: number };
    if (input.libraryRuleId) {
      const existing = await ownLibraryRule(scope, tx, input.libraryRuleId, true);
      const [row] = await tx
        .update(libraryRules)
        .set({ name: input.name, graph: rule.graph, folderNames, version: existing.version + 1, updatedAt: new Date() })
        .where(and(eq(libraryRules.ownerUserId, scope.userId), eq(libraryRules.id, existing.id)))
        .returning({ id: libraryRules.id, version: libraryRules.version });
      saved = row!;
    } else {
      const [row] = await tx
        .insert(libraryRules)
        .values({ ownerUserId: scope.userId, name: input.name, graph: rule.graph, folderNames, version: 1 })
        .returning({ id: libraryRules.id, version: libraryRules.version });
      saved = row!;
    }
    // The source rule now is the library rule in its store: linked, not overridden.
    await tx
      .update(rules)
      .set({ libraryRuleId: saved.id, libraryVersion: saved.version, overridden: false })
      .where(and(eq(rules.storeId, store.storeId), eq(rules.id, rule.id)));
    return saved;
  });
}

/** The user's library rules, each with the stores (that the user still reaches) it is applied in. */
export async function listLibrary(scope: UserScope) {
  const library = await scope.db
    .select({ id: libraryRules.id, name: libraryRules.name, version: libraryRules.version, folderNames: libraryRules.folderNames, updatedAt: libraryRules.updatedAt })
    .from(libraryRules)
    .where(eq(libraryRules.ownerUserId, scope.userId))
    .orderBy(asc(libraryRules.name), asc(libraryRules.id));
  const reachable = await listReachableStores(scope, { includeArchived: false });
  const storeNames = new Map(reachable.map((s) => [s.id, s.name]));
  const applied =
    library.length && reachable.length
      ? await scope.db
          .select({ ruleId: rules.id, storeId: rules.storeId, libraryRuleId: rules.libraryRuleId, overridden: rules.overridden, libraryVersion: rules.libraryVersion })
          .from(rules)
          .where(and(inArray(rules.libraryRuleId, library.map((l) => l.id)), inArray(rules.storeId, [...storeNames.keys()])))
          .orderBy(asc(rules.storeId), asc(rules.id))
      : [];
  return library.map((entry) => ({
    ...entry,
    stores: applied
      .filter((a) => a.libraryRuleId === entry.id)
      .map((a) => ({ storeId: a.storeId, storeName: storeNames.get(a.storeId) ?? "", ruleId: a.ruleId, overridden: a.overridden, libraryVersion: a.libraryVersion })),
  }));
}

/** The library graph with its folder ids swapped for the store's folders of the same name. */
async function graphForStore(db: Database, library: LibraryRow, storeId: number, storeName: string): Promise<unknown> {
  const compiled = graphToRule(library.graph as RuleGraph, { id: `library-${library.id}`, name: library.name });
  if (!compiled.ok) throw new DomainError("BAD_REQUEST", `Library rule "${library.name}" is not valid: ${compiled.errors[0]?.message ?? "fix it and save it again"}`);
  const folderIds = referencedFolderIds(compiled.rule);
  if (folderIds.length === 0) return library.graph;
  const storeFolders = await db.select({ id: folders.id, name: folders.name }).from(folders).where(eq(folders.storeId, storeId));
  const mapping = new Map<number, number>();
  for (const id of folderIds) {
    const name = library.folderNames[String(id)];
    if (name === undefined) throw new DomainError("BAD_REQUEST", `Library rule "${library.name}" names folder ${id}, whose name is unknown; save it to the library again.`);
    const target = storeFolders.find((f) => f.name.toLowerCase() === name.toLowerCase());
    if (!target) throw new DomainError("BAD_REQUEST", `Store "${storeName}" has no folder named "${name}" (used by "${library.name}"); add the folder there first.`, { field: "storeIds" });
    mapping.set(id, target.id);
  }
  return remapFolders(library.graph as RuleGraph, mapping);
}

/** A copy of the graph with every folder reference (trigger, conditions, move to folder) remapped. */
function remapFolders(graph: RuleGraph, mapping: Map<number, number>): RuleGraph {
  const copy = structuredClone(graph);
  const remap = (value: string | number) => {
    const to = mapping.get(Number(value));
    return to === undefined ? value : typeof value === "string" ? String(to) : to;
  };
  const walk = (condition: Condition) => {
    const view = viewCondition(condition);
    if (view.kind === "comparison") {
      const c = view.comparison;
      if (findField(c.field)?.type === "folder" && c.value !== undefined) c.value = Array.isArray(c.value) ? c.value.map(remap) : remap(c.value);
    } else if ("children" in view) view.children.forEach(walk);
    else walk(view.child);
  };
  for (const node of copy.nodes) {
    if (node.type === "trigger") {
      const trigger = node.data.trigger;
      if ((trigger.kind === "schedule" || trigger.kind === "order.folder_changed") && trigger.folderId !== undefined) trigger.folderId = remap(trigger.folderId) as number;
      if (node.data.scope.kind === "items" && node.data.scope.where) walk(node.data.scope.where);
    } else if (node.type === "condition") walk(node.data.condition);
    else if (node.data.action.kind === "move_to_folder") node.data.action.input.folderId = remap(node.data.action.input.folderId) as number;
  }
  return copy;
}

/**
 * Puts a library rule into stores: created (off) where it is not yet, a new version of the linked
 * rule where it is and was not edited in the store; overridden rules are left alone. All or
 * nothing: any refused store (no "rules.manage", a missing folder, a failing check) saves nothing.
 */
export async function applyLibraryRule(scope: UserScope, input: { libraryRuleId: number; storeIds: number[] }): Promise<ApplyResult[]> {
  const storeIds = [...new Set(input.storeIds)];
  if (storeIds.length === 0) throw new DomainError("BAD_REQUEST", "Choose at least one store.", { field: "storeIds" });
  return scope.db.transaction(async (tx) => {
    const library = await ownLibraryRule(scope, tx, input.libraryRuleId, true);
    // Check every store first, so the refusal names the first store that cannot take the rule.
    const targets = [];
    for (const storeId of storeIds) {
      const target = await managedStore(scope, tx, storeId);
      targets.push({ ...target, graph: await graphForStore(tx, library, storeId, target.name) });
    }
    const results: ApplyResult[] = [];
    for (const target of targets) {
      const linked = await tx
        .select({ id: rules.id, overridden: rules.overridden })
        .from(rules)
        .where(and(eq(rules.storeId, target.scope.storeId), eq(rules.libraryRuleId, library.id)))
        .orderBy(asc(rules.id));
      const fromLibrary = { libraryRuleId: library.id, libraryVersion: library.version };
      const save = (ruleId?: number) => inStore(target.name, saveRule(target.scope, { ruleId, name: library.name, graph: target.graph }, { fromLibrary }));
      if (linked.length === 0) {
        const created = await save();
        results.push({ storeId: target.scope.storeId, storeName: target.name, ruleId: created.id, status: "created" });
        continue;
      }
      for (const rule of linked) {
        if (rule.overridden) {
          results.push({ storeId: target.scope.storeId, storeName: target.name, ruleId: rule.id, status: "skipped_overridden" });
          continue;
        }
        await save(rule.id);
        results.push({ storeId: target.scope.storeId, storeName: target.name, ruleId: rule.id, status: "updated" });
      }
    }
    return results;
  });
}

/** A save refused in one store, with the store named (the node-keyed field errors are kept). */
async function inStore<T>(storeName: string, promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    throw new DomainError(error.code, `Store "${storeName}": ${error.message}`, { field: error.field, fieldErrors: error.fieldErrors, cause: error });
  }
}

/**
 * Drops the store's edits to a linked rule: the library rule's current version is applied again
 * and the rule is no longer overridden. Only the library rule's owner may pull it into the store.
 */
export async function resetToLibrary(scope: StoreScope, ruleId: number) {
  if (scope.actor.kind !== "user") throw new DomainError("FORBIDDEN", "Only a signed-in user can reset a rule to their library.");
  const userId = scope.actor.userId;
  return scope.db.transaction(async (tx) => {
    const txScope = { ...scope, db: tx };
    const rule = await getRule(txScope, ruleId);
    if (!rule.libraryRuleId) throw new DomainError("BAD_REQUEST", "This rule is not from the library.", { field: "ruleId" });
    const [library] = await tx.select().from(libraryRules).where(and(eq(libraryRules.id, rule.libraryRuleId), eq(libraryRules.ownerUserId, userId)));
    if (!library) throw new DomainError("FORBIDDEN", "Only the owner of the library rule can reset this rule to it.", { field: "ruleId" });
    const [store] = await tx.select({ name: stores.name }).from(stores).where(eq(stores.id, scope.storeId));
    const graph = await graphForStore(tx, library, scope.storeId, store?.name ?? `${scope.storeId}`);
    const saved = await saveRule(txScope, { ruleId: rule.id, name: library.name, graph }, { fromLibrary: { libraryRuleId: library.id, libraryVersion: library.version } });
    return { ...saved, libraryVersion: library.version };
  });
}

/** Removes a rule from the library; the store rules applied from it stay, unlinked. */
export async function deleteLibraryRule(scope: UserScope, libraryRuleId: number) {
  const deleted = await scope.db
    .delete(libraryRules)
    .where(and(eq(libraryRules.ownerUserId, scope.userId), eq(libraryRules.id, libraryRuleId)))
    .returning({ id: libraryRules.id });
  if (!deleted.length) throw notFound("Library rule");
  return { id: libraryRuleId };
}
