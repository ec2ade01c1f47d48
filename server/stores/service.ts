import { and, asc, eq, isNotNull, isNull, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { folders, storeInvitations, storeMembers, stores } from "@/db/schema";
import { auditAs, recordAudit } from "@/server/audit/service";
import { DomainError, notFound } from "@/server/errors";
import { effectivePermissions, type Permission, type StoreRole } from "@/server/permissions";
import type { StoreScope, UserScope } from "@/server/scope";
import { DEFAULT_FOLDERS, type CreateStoreInput, type UpdateSettingsInput } from "./schemas";

export interface StoreAccess {
  storeId: number;
  role: StoreRole;
  permissions: Permission[];
}

/**
 * The single membership check behind storeProcedure: null when the user may not enter the store.
 * Archived stores stay reachable for their owner only (to unarchive them).
 */
export async function resolveStoreAccess(db: Database, storeId: number, userId: number): Promise<StoreAccess | null> {
  const [row] = await db
    .select({ role: storeMembers.role, permissions: storeMembers.permissions, archivedAt: stores.archivedAt })
    .from(storeMembers)
    .innerJoin(stores, eq(stores.id, storeMembers.storeId))
    .where(and(eq(storeMembers.storeId, storeId), eq(storeMembers.userId, userId)))
    .limit(1);
  if (!row) return null;
  if (row.archivedAt && row.role !== "owner") return null;
  return { storeId, role: row.role, permissions: effectivePermissions(row.role, row.permissions) };
}

/** Every store the user can reach, owned or added to, by name. */
export async function listReachableStores(scope: UserScope, options: { includeArchived: boolean }) {
  const rows = await scope.db
    .select({
      id: stores.id,
      name: stores.name,
      role: storeMembers.role,
      archivedAt: stores.archivedAt,
    })
    .from(storeMembers)
    .innerJoin(stores, eq(stores.id, storeMembers.storeId))
    .where(
      and(
        eq(storeMembers.userId, scope.userId),
        options.includeArchived ? undefined : isNull(stores.archivedAt),
      ),
    )
    .orderBy(asc(stores.name), asc(stores.id));
  // Members never see archived stores; only owners may bring them back.
  return rows.filter((s) => !s.archivedAt || s.role === "owner");
}

export async function createStore(scope: UserScope, input: CreateStoreInput) {
  return scope.db.transaction(async (tx) => {
    const [store] = await tx
      .insert(stores)
      .values({ ownerUserId: scope.userId, name: input.name, timezone: input.timezone, currency: input.currency })
      .returning({ id: stores.id, name: stores.name });
    if (!store) throw new Error("insert returned no row");
    await tx.insert(storeMembers).values({ storeId: store.id, userId: scope.userId, role: "owner" });
    await tx
      .insert(folders)
      .values(DEFAULT_FOLDERS.map((name, position) => ({ storeId: store.id, name, position })));
    await recordAudit(tx, {
      storeId: store.id,
      actorUserId: scope.userId,
      actorLabel: scope.email,
      action: "store.created",
      details: { name: store.name },
    });
    return store;
  });
}

export async function getStore(scope: StoreScope) {
  const [store] = await scope.db
    .select({
      id: stores.id,
      name: stores.name,
      timezone: stores.timezone,
      currency: stores.currency,
      decrementStockOnOrder: stores.decrementStockOnOrder,
      archivedAt: stores.archivedAt,
      createdAt: stores.createdAt,
    })
    .from(stores)
    .where(eq(stores.id, scope.storeId))
    .limit(1);
  if (!store) throw notFound("Store");
  return store;
}

const SETTINGS_FIELDS = ["name", "timezone", "currency", "decrementStockOnOrder"] as const;

export async function updateStoreSettings(scope: StoreScope, input: UpdateSettingsInput) {
  return scope.db.transaction(async (tx) => {
    const [before] = await tx
      .select({ name: stores.name, timezone: stores.timezone, currency: stores.currency, decrementStockOnOrder: stores.decrementStockOnOrder })
      .from(stores)
      .where(eq(stores.id, scope.storeId))
      .for("update");
    if (!before) throw notFound("Store");
    const next = { ...input, decrementStockOnOrder: input.decrementStockOnOrder ?? before.decrementStockOnOrder };
    const changes = Object.fromEntries(
      SETTINGS_FIELDS.filter((k) => before[k] !== next[k]).map((k) => [k, { from: before[k], to: next[k] }]),
    );
    if (Object.keys(changes).length === 0) return { changed: false };
    await tx
      .update(stores)
      .set({ name: next.name, timezone: next.timezone, currency: next.currency, decrementStockOnOrder: next.decrementStockOnOrder, updatedAt: new Date() })
      .where(eq(stores.id, scope.storeId));
    await auditAs(scope, tx, "settings.updated", { changes });
    return { changed: true };
  });
}

async function setArchived(scope: StoreScope, archived: boolean) {
  return scope.db.transaction(async (tx) => {
    const [row] = await tx
      .update(stores)
      .set({ archivedAt: archived ? new Date() : null, updatedAt: new Date() })
      .where(and(eq(stores.id, scope.storeId), archived ? isNull(stores.archivedAt) : isNotNull(stores.archivedAt)))
      .returning({ id: stores.id });
    if (!row) {
      throw new DomainError("CONFLICT", archived ? "This store is already archived." : "This store is not archived.");
    }
    await auditAs(scope, tx, archived ? "store.archived" : "store.unarchived");
  });
}

export const archiveStore = (scope: StoreScope) => setArchived(scope, true);
export const unarchiveStore = (scope: StoreScope) => setArchived(scope, false);

/** Counts for the dashboard, in one round trip (no lists fetched to count them). */
export async function getStoreOverview(scope: StoreScope) {
  const counts = (table: typeof folders | typeof storeMembers | typeof storeInvitations) =>
    sql<number>`(select count(*)::int from ${table} where ${table.storeId} = ${scope.storeId})`;
  const [row] = await scope.db
    .select({
      folderCount: counts(folders),
      memberCount: counts(storeMembers),
      invitationCount: counts(storeInvitations),
    })
    .from(stores)
    .where(eq(stores.id, scope.storeId));
  if (!row) throw notFound("Store");
  return row;
}
