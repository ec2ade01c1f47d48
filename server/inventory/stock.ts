import { and, eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { inventoryItems, orders, stores, storeTags } from "@/db/schema";
import { enqueueEvent } from "@/server/events/outbox";
import { recordHistory } from "@/server/orders/history";
import type { StoreScope } from "@/server/scope";
import { sameCode } from "./service";

/** The tag a new order gets when inventory could not cover it. */
export const STOCK_SHORT_TAG = "stock-short";

export interface StockShortage {
  code: string;
  inventoryItemId: number;
  ordered: number;
  inStock: number;
  short: number;
}

export interface StockTaken {
  code: string;
  inventoryItemId: number;
  quantity: number;
  stockLeft: number;
}

/** Ordered quantity per SKU (case-insensitive, trimmed); items without a SKU or quantity take nothing. */
function quantitiesByCode(items: readonly { code: string; quantity: number }[]) {
  const byKey = new Map<string, { code: string; quantity: number }>();
  for (const item of items) {
    const code = item.code.trim();
    if (!code || item.quantity <= 0) continue;
    const key = code.toLowerCase();
    const entry = byKey.get(key);
    if (entry) entry.quantity += item.quantity;
    else byKey.set(key, { code, quantity: item.quantity });
  }
  // SKU order is the lock order every writer uses (batch upserts too), so two orders never deadlock.
  return [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, entry]) => entry);
}

/**
 * Called by ingestOrder inside its transaction, after the items are inserted. When the store
 * takes stock on order creation, each SKU's quantity comes off the inventory item with the same
 * code in one conditional update (`stock >= quantity`): of two concurrent orders for the last
 * unit exactly one gets it. An order that cannot be covered is still created, with nothing taken
 * for the short SKU, and flagged: tag "stock-short", a history line per SKU, and an
 * inventory/stock.short event. SKUs without an inventory item are not tracked and left alone.
 */
/** The store setting that turns stock taking on (read once per batch by the ingest door). */
export async function stockDecrementEnabled(tx: Database, storeId: number): Promise<boolean> {
  const [store] = await tx
    .select({ decrement: stores.decrementStockOnOrder })
    .from(stores)
    .where(eq(stores.id, storeId))
    .limit(1);
  return store?.decrement ?? false;
}

export async function takeStockForOrder(
  tx: Database,
  scope: StoreScope,
  orderId: number,
  items: readonly { code: string; quantity: number }[],
): Promise<{ taken: StockTaken[]; short: StockShortage[] }> {
  const taken: StockTaken[] = [];
  const short: StockShortage[] = [];
  const wanted = quantitiesByCode(items);
  if (wanted.length === 0) return { taken, short };
  if (!(await stockDecrementEnabled(tx, scope.storeId))) return { taken, short };

  const updateSource = `Order #${orderId}`;
  for (const { code, quantity } of wanted) {
    const take = () =>
      tx
        .update(inventoryItems)
        .set({ stock: sql`${inventoryItems.stock} - ${quantity}`, updateSource, updatedAt: new Date() })
        .where(and(eq(inventoryItems.storeId, scope.storeId), sameCode(code), sql`${inventoryItems.stock} >= ${quantity}`))
        .returning({ id: inventoryItems.id, code: inventoryItems.code, stock: inventoryItems.stock });
    let [row] = await take();
    if (!row) {
      // Not taken: no such item, or too little. Lock it to read a stock no one else is changing.
      const [current] = await tx
        .select({ id: inventoryItems.id, code: inventoryItems.code, stock: inventoryItems.stock })
        .from(inventoryItems)
        .where(and(eq(inventoryItems.storeId, scope.storeId), sameCode(code)))
        .for("update");
      if (!current) continue;
      // Restocked between the two statements: the lock is ours now, so this one succeeds.
      if (current.stock >= quantity) [row] = await take();
      if (!row) {
        short.push({ code: current.code, inventoryItemId: current.id, ordered: quantity, inStock: current.stock, short: quantity - current.stock });
        continue;
      }
    }
    taken.push({ code: row.code, inventoryItemId: row.id, quantity, stockLeft: row.stock });
  }

  if (taken.length > 0) {
    await recordHistory(tx, scope, orderId, `Stock taken from inventory: ${taken.map((t) => `${t.quantity} × ${t.code}`).join(", ")}`, { taken });
  }
  if (short.length > 0) await flagShortOrder(tx, scope, orderId, short);
  return { taken, short };
}

async function flagShortOrder(tx: Database, scope: StoreScope, orderId: number, short: StockShortage[]) {
  await tx
    .update(orders)
    .set({ tags: sql`case when ${STOCK_SHORT_TAG} = any(${orders.tags}) then ${orders.tags} else array_append(${orders.tags}, ${STOCK_SHORT_TAG}) end` })
    .where(and(eq(orders.storeId, scope.storeId), eq(orders.id, orderId)));
  // Red unless the store chose its own colour for the tag.
  await tx.insert(storeTags).values({ storeId: scope.storeId, name: STOCK_SHORT_TAG, color: "danger" }).onConflictDoNothing();
  for (const s of short) {
    await recordHistory(tx, scope, orderId, `Not enough stock for SKU ${s.code}: ordered ${s.ordered}, ${s.inStock} in stock, short by ${s.short}`, { ...s });
  }
  await enqueueEvent(tx, scope.storeId, "inventory/stock.short", { orderId, items: short });
}
