import { and, eq, getTableColumns, or, sql, type SQL } from "drizzle-orm";
import type { Database } from "@/db/client";
import { inventoryItems, type InventoryItem } from "@/db/schema";
import { DomainError, isUniqueViolation, notFound } from "@/server/errors";
import { describeActor, type StoreScope } from "@/server/scope";
import {
  inventoryBatchItemInput,
  listInventoryInput,
  type InventoryBatchItem,
  type InventoryItemInput,
  type InventoryItemPatch,
  type ListInventoryQuery,
} from "./schemas";

/**
 * Inventory items per store. Every statement filters on the scope's store; the SKU (code) is
 * unique per store regardless of case, enforced by the (store_id, lower(code)) unique index,
 * which also orders and pages the list.
 */

const inStore = (scope: StoreScope) => eq(inventoryItems.storeId, scope.storeId);
/** The SKU as the unique index sees it; compared with PostgreSQL's lower() on both sides. */
const codeKey = sql<string>`lower(${inventoryItems.code})`;
export const sameCode = (code: string) => sql`${codeKey} = lower(${code})`;
const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

export const MAX_BATCH_ITEMS = 500;

/** Who wrote an item last, unless the client names itself (carts use it to skip their own echoes). */
const sourceOf = (scope: StoreScope, given: string | undefined) => given || describeActor(scope.actor).label;

function codeConflict(error: unknown, code: string | undefined): unknown {
  if (!isUniqueViolation(error)) return error;
  return new DomainError("CONFLICT", `An item with SKU "${code}" already exists in this store.`, { field: "code", cause: error });
}

/** Columns to write for the fields a patch carries (absent fields are left alone). */
function changedColumns(patch: InventoryItemPatch) {
  return {
    ...(patch.name !== undefined && { name: patch.name }),
    ...(patch.code !== undefined && { code: patch.code }),
    ...(patch.price !== undefined && { price: patch.price }),
    ...(patch.cost !== undefined && { cost: patch.cost }),
    ...(patch.weight !== undefined && { weight: patch.weight }),
    ...(patch.stock !== undefined && { stock: patch.stock }),
    ...(patch.location !== undefined && { location: patch.location }),
    ...(patch.metadata !== undefined && { metadata: patch.metadata }),
  };
}

/**
 * A page of the store's items in SKU order. `search` matches a name prefix or an exact SKU and
 * `code` an exact SKU, both case-insensitive and each served by an index. Page with the keyset
 * `cursor` (the UI) or a bounded `offset` (the REST API).
 */
export async function listInventory(scope: StoreScope, rawQuery: ListInventoryQuery, options: { withTotal?: boolean } = {}) {
  const q = listInventoryInput.parse(rawQuery);
  const filters: (SQL | undefined)[] = [
    inStore(scope),
    q.search ? or(sql`lower(${inventoryItems.name}) like lower(${`${escapeLike(q.search)}%`})`, sameCode(q.search)) : undefined,
    q.code ? sameCode(q.code) : undefined,
  ];
  const where = and(...filters);
  const rows = await scope.db
    .select({ ...getTableColumns(inventoryItems), sortKey: codeKey })
    .from(inventoryItems)
    .where(and(where, q.cursor === undefined ? undefined : sql`${codeKey} > ${q.cursor}`))
    .orderBy(codeKey)
    .limit(q.limit + 1)
    .offset(q.cursor === undefined ? q.offset : 0);
  const hasMore = rows.length > q.limit;
  const page = hasMore ? rows.slice(0, q.limit) : rows;
  const total = options.withTotal
    ? ((await scope.db.select({ n: sql<number>`count(*)::int` }).from(inventoryItems).where(where))[0]?.n ?? 0)
    : undefined;
  return {
    items: page.map(({ sortKey: _key, ...item }): InventoryItem => item),
    nextCursor: hasMore ? page[page.length - 1]!.sortKey : undefined,
    total,
  };
}

export async function getInventoryItem(scope: StoreScope, itemId: number): Promise<InventoryItem> {
  const [item] = await scope.db
    .select()
    .from(inventoryItems)
    .where(and(inStore(scope), eq(inventoryItems.id, itemId)))
    .limit(1);
  if (!item) throw notFound("Inventory item");
  return item;
}

/** The item with this SKU (any case), or undefined. */
export async function findInventoryItemByCode(scope: StoreScope, code: string): Promise<InventoryItem | undefined> {
  const [item] = await scope.db.select().from(inventoryItems).where(and(inStore(scope), sameCode(code))).limit(1);
  return item;
}

export async function createInventoryItem(scope: StoreScope, input: InventoryItemInput): Promise<InventoryItem> {
  try {
    const [item] = await scope.db
      .insert(inventoryItems)
      .values({
        storeId: scope.storeId,
        code: input.code,
        name: input.name,
        price: input.price,
        cost: input.cost,
        weight: input.weight,
        stock: input.stock,
        location: input.location,
        metadata: input.metadata,
        updateSource: sourceOf(scope, input.update_source),
      })
      .returning();
    return item!;
  } catch (error) {
    throw codeConflict(error, input.code);
  }
}

/** Changes the fields the patch carries; a full record (as from GET) replaces them all. */
export async function updateInventoryItem(scope: StoreScope, itemId: number, patch: InventoryItemPatch): Promise<InventoryItem> {
  let item: InventoryItem | undefined;
  try {
    [item] = await scope.db
      .update(inventoryItems)
      .set({ ...changedColumns(patch), updateSource: sourceOf(scope, patch.update_source), updatedAt: new Date() })
      .where(and(inStore(scope), eq(inventoryItems.id, itemId)))
      .returning();
  } catch (error) {
    throw codeConflict(error, patch.code);
  }
  if (!item) throw notFound("Inventory item");
  return item;
}

export async function deleteInventoryItem(scope: StoreScope, itemId: number): Promise<{ id: number }> {
  const [row] = await scope.db
    .delete(inventoryItems)
    .where(and(inStore(scope), eq(inventoryItems.id, itemId)))
    .returning({ id: inventoryItems.id });
  if (!row) throw notFound("Inventory item");
  return row;
}

/**
 * Adds `delta` (negative to take) in one conditional statement, so concurrent adjustments and
 * orders never lose an update, and stock never drops below zero.
 */
export async function adjustStock(scope: StoreScope, itemId: number, delta: number): Promise<InventoryItem> {
  const [item] = await scope.db
    .update(inventoryItems)
    .set({ stock: sql`${inventoryItems.stock} + ${delta}`, updateSource: sourceOf(scope, undefined), updatedAt: new Date() })
    .where(and(inStore(scope), eq(inventoryItems.id, itemId), sql`${inventoryItems.stock} + ${delta} between 0 and 1000000000`))
    .returning();
  if (item) return item;
  const current = await getInventoryItem(scope, itemId);
  throw new DomainError(
    "BAD_REQUEST",
    delta < 0
      ? `Only ${current.stock} in stock: cannot take ${-delta}. Stock never goes below zero.`
      : "Stock can be at most 1,000,000,000.",
    { field: "delta" },
  );
}

export type BatchItemResult =
  | { index: number; code: string; status: "created" | "updated"; item: InventoryItem }
  | { index: number; code: string; status: "error"; message: string; field?: string };

/**
 * Creates or updates many items by SKU (case-insensitive) in one transaction. Each entry is
 * validated on its own: a bad entry gets an error result and the others still apply. Existing
 * items change only in the fields given; new SKUs get defaults for the rest.
 */
export async function upsertInventoryItems(scope: StoreScope, rawItems: readonly unknown[]): Promise<BatchItemResult[]> {
  if (rawItems.length > MAX_BATCH_ITEMS) {
    throw new DomainError("BAD_REQUEST", `Send at most ${MAX_BATCH_ITEMS} items per batch.`);
  }
  const results: BatchItemResult[] = new Array(rawItems.length);
  const valid: { index: number; item: InventoryBatchItem; key: string }[] = [];
  const seen = new Set<string>();
  rawItems.forEach((raw, index) => {
    const parsed = inventoryBatchItemInput.safeParse(raw);
    const rawCode = (raw as { code?: unknown } | null)?.code;
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const field = issue.path.join(".") || undefined;
      results[index] = { index, code: typeof rawCode === "string" ? rawCode : "", status: "error", message: issue.message, field };
      return;
    }
    const key = parsed.data.code.toLowerCase();
    if (seen.has(key)) {
      results[index] = { index, code: parsed.data.code, status: "error", message: "This SKU appears earlier in the batch; only the first entry was applied.", field: "code" };
      return;
    }
    seen.add(key);
    valid.push({ index, item: parsed.data, key });
  });
  if (valid.length === 0) return results;

  // One lock order for every writer (orders take stock in SKU order too), so no deadlocks.
  valid.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  await scope.db.transaction(async (tx) => {
    for (const { index, item } of valid) {
      const saved = await upsertOne(tx, scope, item);
      results[index] = { index, code: saved.item.code, ...saved };
    }
  });
  return results;
}

/**
 * Update by SKU, else insert. An insert that meets a concurrent batch's new row (ON CONFLICT DO
 * NOTHING waits for it to commit) turns into an update of that row.
 */
async function upsertOne(tx: Database, scope: StoreScope, item: InventoryBatchItem) {
  const updateSource = sourceOf(scope, item.update_source);
  // The stored spelling of the SKU is kept; the batch only matched it.
  const { code: _code, ...changes } = changedColumns(item);
  // Read committed: each statement sees the rows committed before it, so a retry finds the row.
  for (let attempt = 0; attempt < 3; attempt++) {
    const [updated] = await tx
      .update(inventoryItems)
      .set({ ...changes, updateSource, updatedAt: new Date() })
      .where(and(eq(inventoryItems.storeId, scope.storeId), sameCode(item.code)))
      .returning();
    if (updated) return { status: "updated" as const, item: updated };
    const [created] = await tx
      .insert(inventoryItems)
      .values({
        storeId: scope.storeId,
        code: item.code,
        name: item.name ?? "",
        price: item.price ?? "0",
        cost: item.cost ?? "0",
        weight: item.weight ?? "0",
        stock: item.stock ?? 0,
        location: item.location ?? "",
        metadata: item.metadata ?? {},
        updateSource,
      })
      .onConflictDoNothing()
      .returning();
    if (created) return { status: "created" as const, item: created };
  }
  throw new Error(`inventory upsert of "${item.code}" kept conflicting`);
}
