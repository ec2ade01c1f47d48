import { and, asc, eq, sql } from "drizzle-orm";
import { folders } from "@/db/schema";
import { auditAs } from "@/server/audit/service";
import { DomainError, isUniqueViolation, notFound } from "@/server/errors";
import { countOrdersInFolder } from "@/server/orders/service";
import type { StoreScope } from "@/server/scope";

const inStore = (scope: StoreScope) => eq(folders.storeId, scope.storeId);

function duplicateName(name: string, cause: unknown) {
  return new DomainError("CONFLICT", `A folder named "${name}" already exists.`, { field: "name", cause });
}

export function listFolders(scope: StoreScope) {
  return scope.db
    .select({ id: folders.id, name: folders.name, position: folders.position })
    .from(folders)
    .where(inStore(scope))
    .orderBy(asc(folders.position), asc(folders.id));
}

export async function createFolder(scope: StoreScope, name: string) {
  try {
    return await scope.db.transaction(async (tx) => {
      const [folder] = await tx
        .insert(folders)
        .values({
          storeId: scope.storeId,
          name,
          position: sql`(select coalesce(max(${folders.position}) + 1, 0) from ${folders} where ${folders.storeId} = ${scope.storeId})`,
        })
        .returning({ id: folders.id, name: folders.name });
      await auditAs(scope, tx, "folder.created", { name });
      return folder;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateName(name, error);
    throw error;
  }
}

export async function renameFolder(scope: StoreScope, folderId: number, name: string) {
  try {
    await scope.db.transaction(async (tx) => {
      const [before] = await tx
        .select({ name: folders.name })
        .from(folders)
        .where(and(inStore(scope), eq(folders.id, folderId)));
      if (!before) throw notFound("Folder");
      await tx
        .update(folders)
        .set({ name })
        .where(and(inStore(scope), eq(folders.id, folderId)));
      await auditAs(scope, tx, "folder.renamed", { from: before.name, to: name });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateName(name, error);
    throw error;
  }
}

/** `orderedIds` must list exactly the store's folders, in their new order. */
export async function reorderFolders(scope: StoreScope, orderedIds: number[]) {
  await scope.db.transaction(async (tx) => {
    const current = await tx.select({ id: folders.id }).from(folders).where(inStore(scope)).for("update");
    const known = new Set(current.map((f) => f.id));
    if (orderedIds.length !== known.size || new Set(orderedIds).size !== known.size || !orderedIds.every((id) => known.has(id))) {
      throw new DomainError("BAD_REQUEST", "The folder list changed meanwhile; reload and try again.");
    }
    for (const [position, id] of orderedIds.entries()) {
      await tx
        .update(folders)
        .set({ position })
        .where(and(inStore(scope), eq(folders.id, id)));
    }
    await auditAs(scope, tx, "folders.reordered", { order: orderedIds });
  });
}

export async function deleteFolder(scope: StoreScope, folderId: number) {
  await scope.db.transaction(async (tx) => {
    const all = await tx.select({ id: folders.id }).from(folders).where(inStore(scope)).for("update");
    if (!all.some((f) => f.id === folderId)) throw notFound("Folder");
    if (all.length === 1) throw new DomainError("BAD_REQUEST", "A store needs at least one folder.");
    const held = await countOrdersInFolder(tx, scope.storeId, folderId);
    if (held > 0) {
      throw new DomainError("BAD_REQUEST", `This folder still holds ${held} order${held === 1 ? "" : "s"}; move them to another folder first.`);
    }
    const [deleted] = await tx
      .delete(folders)
      .where(and(inStore(scope), eq(folders.id, folderId)))
      .returning({ name: folders.name });
    await auditAs(scope, tx, "folder.deleted", { name: deleted?.name });
  });
}
