import { and, asc, eq, inArray } from "drizzle-orm";
import { folders, orderItems, orderNotes, orders, orderShipments, storeTags } from "@/db/schema";
import type { OrderRecord } from "@/server/orders/read";
import type { StoreScope } from "@/server/scope";

/**
 * Full records for a page of orders in six queries (not six per order), in the order of `ids`.
 * Ids of other stores simply find nothing: every query is filtered on the scope's store.
 */
export async function loadOrderRecords(scope: StoreScope, ids: number[]): Promise<OrderRecord[]> {
  if (ids.length === 0) return [];
  const { db, storeId } = scope;
  const [rows, items, shipments, notes, storeFolders] = await Promise.all([
    db.select().from(orders).where(and(eq(orders.storeId, storeId), inArray(orders.id, ids))),
    db
      .select()
      .from(orderItems)
      .where(and(eq(orderItems.storeId, storeId), inArray(orderItems.orderId, ids)))
      .orderBy(asc(orderItems.position), asc(orderItems.id)),
    db
      .select()
      .from(orderShipments)
      .where(and(eq(orderShipments.storeId, storeId), inArray(orderShipments.orderId, ids)))
      .orderBy(asc(orderShipments.id)),
    db
      .select()
      .from(orderNotes)
      .where(and(eq(orderNotes.storeId, storeId), inArray(orderNotes.orderId, ids)))
      .orderBy(asc(orderNotes.id)),
    db.select({ id: folders.id, name: folders.name }).from(folders).where(eq(folders.storeId, storeId)),
  ]);
  const tagNames = [...new Set(rows.flatMap((o) => o.tags))];
  const tagColors = tagNames.length
    ? await db
        .select({ name: storeTags.name, color: storeTags.color })
        .from(storeTags)
        .where(and(eq(storeTags.storeId, storeId), inArray(storeTags.name, tagNames)))
    : [];

  const byOrder = <T extends { orderId: number }>(list: T[]) => {
    const map = new Map<number, T[]>();
    for (const row of list) {
      const group = map.get(row.orderId);
      if (group) group.push(row);
      else map.set(row.orderId, [row]);
    }
    return map;
  };
  const itemsOf = byOrder(items);
  const shipmentsOf = byOrder(shipments);
  const notesOf = byOrder(notes);
  const folderName = new Map(storeFolders.map((f) => [f.id, f.name]));
  const orderById = new Map(rows.map((o) => [o.id, o]));

  return ids.flatMap((id) => {
    const order = orderById.get(id);
    if (!order) return [];
    return [
      {
        order,
        items: itemsOf.get(id) ?? [],
        shipments: shipmentsOf.get(id) ?? [],
        notes: notesOf.get(id) ?? [],
        folderName: folderName.get(order.folderId) ?? "",
        tagColors: tagColors.filter((t) => order.tags.includes(t.name)),
      },
    ];
  });
}
