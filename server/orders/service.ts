import { and, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { folders, orderNotes, orders, orderShipments, type Order, type OrderShipment } from "@/db/schema";
import { DomainError, isUniqueViolation, notFound } from "@/server/errors";
import { enqueueEvent } from "@/server/events/outbox";
import { describeActor, type StoreScope } from "@/server/scope";
import { recordHistory } from "./history";
import { resolveFolder, searchNameFrom, shipmentValues, uniqueTagNames } from "./ingest";
import { orderInput, type OrderInput, type ShipmentInput } from "./schemas";

/** Order-level fields an edit may change (items, notes and shipments have their own operations). */
export const orderPatchInput = orderInput
  .omit({ order_items: true, order_notes: true, order_shipments: true, folder_id: true, folder_name: true, date_added: true })
  .partial();
export type OrderPatch = Omit<OrderInput, "order_items" | "order_notes" | "order_shipments" | "folder_id" | "folder_name" | "date_added">;

const COLUMNS = {
  source_id: "sourceId",
  source_name: "sourceName",
  email: "email",
  shipping_method: "shippingMethod",
  product_total: "productTotal",
  shipping_total: "shippingTotal",
  handling_total: "handlingTotal",
  tax_total: "taxTotal",
  discount_total: "discountTotal",
  order_total: "orderTotal",
  cc_number_masked: "ccNumberMasked",
  cc_exp: "ccExp",
  processor_response: "processorResponse",
  payment_type: "paymentType",
  payment_status: "paymentStatus",
  processor_balance: "processorBalance",
  refund_total: "refundTotal",
  customer_id: "customerId",
  email_count: "emailCount",
  ip_address: "ipAddress",
  fulfillment_name: "fulfillmentName",
  fulfillment_id: "fulfillmentId",
  shipping: "shipping",
  customer: "customer",
  return_address: "returnAddress",
  checkout_data: "checkoutData",
  order_metadata: "orderMetadata",
  discount_list: "discountList",
} as const satisfies Partial<Record<keyof OrderPatch, keyof typeof orders.$inferSelect>>;

const same = (a: unknown, b: unknown) =>
  typeof a === "string" && typeof b === "string" && /^-?\d+(\.\d+)?$/.test(a) && /^-?\d+(\.\d+)?$/.test(b)
    ? Number(a) === Number(b)
    : JSON.stringify(a) === JSON.stringify(b);

/** The order row of this store, locked for the rest of the transaction. */
export async function lockOrder(tx: Database, scope: StoreScope, orderId: number) {
  const [order] = await tx
    .select()
    .from(orders)
    .where(and(eq(orders.storeId, scope.storeId), eq(orders.id, orderId)))
    .for("update");
  if (!order) throw notFound("Order");
  return order;
}

/** Edits order-level fields; history records each changed field, and order/updated is announced. */
export async function updateOrder(scope: StoreScope, orderId: number, patch: OrderPatch) {
  try {
    return await scope.db.transaction(async (tx) => {
      const before = await lockOrder(tx, scope, orderId);
      const set: Record<string, unknown> = {};
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      for (const [field, column] of Object.entries(COLUMNS) as [keyof typeof COLUMNS, (typeof COLUMNS)[keyof typeof COLUMNS]][]) {
        const value = patch[field];
        if (value === undefined) continue;
        const next = field === "source_id" ? (value as string).trim() || null : value;
        if (same(before[column], next)) continue;
        set[column] = next;
        changes[field] = { from: before[column], to: next };
      }
      if (patch.tag_name !== undefined || patch.tags !== undefined) {
        const rest = patch.tags ?? before.tags.slice(patch.tag_name === undefined ? 0 : 1);
        const wanted = patch.tag_name === undefined ? rest : patch.tag_name ? [patch.tag_name, ...rest] : rest;
        const tags = uniqueTagNames(wanted);
        if (!same(tags, before.tags)) {
          set.tags = tags;
          changes.tags = { from: before.tags, to: tags };
        }
      }
      if (set.shipping || set.customer) {
        set.searchName = searchNameFrom(
          (set.shipping ?? before.shipping) as OrderPatch["shipping"],
          (set.customer ?? before.customer) as OrderPatch["customer"],
        );
      }
      if (Object.keys(changes).length === 0) return { changed: false };
      await tx
        .update(orders)
        .set({ ...set, dateUpdated: new Date() })
        .where(and(eq(orders.storeId, scope.storeId), eq(orders.id, orderId)));
      await recordHistory(tx, scope, orderId, `Order details changed: ${Object.keys(changes).join(", ")}`, { changes });
      await enqueueEvent(tx, scope.storeId, "order/updated", { orderId, fields: Object.keys(changes) });
      return { changed: true };
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new DomainError("CONFLICT", "Another order of this store already has this source name and source id.", {
        field: "source_id",
        cause: error,
      });
    }
    throw error;
  }
}

/** Lock the store's orders among `orderIds`; any id not in this store makes the whole call NOT_FOUND. */
async function lockOrders(tx: Database, scope: StoreScope, orderIds: number[]) {
  const unique = [...new Set(orderIds)];
  const rows = await tx
    .select({ id: orders.id, folderId: orders.folderId, tags: orders.tags })
    .from(orders)
    .where(and(eq(orders.storeId, scope.storeId), inArray(orders.id, unique)))
    .for("update");
  if (rows.length !== unique.length) throw notFound(unique.length === 1 ? "Order" : "One or more orders");
  return rows;
}

export async function moveOrdersToFolder(scope: StoreScope, orderIds: number[], target: { folder_id?: number; folder_name?: string }) {
  return scope.db.transaction(async (tx) => {
    const folderId = await resolveFolder(tx, scope.storeId, target);
    const [folder] = await tx.select({ name: folders.name }).from(folders).where(and(eq(folders.storeId, scope.storeId), eq(folders.id, folderId)));
    const rows = await lockOrders(tx, scope, orderIds);
    const moving = rows.filter((r) => r.folderId !== folderId);
    if (moving.length > 0) {
      await tx
        .update(orders)
        .set({ folderId, dateUpdated: new Date() })
        .where(and(eq(orders.storeId, scope.storeId), inArray(orders.id, moving.map((r) => r.id))));
    }
    for (const row of moving) {
      await recordHistory(tx, scope, row.id, `Moved to folder ${folder?.name}`, { fromFolderId: row.folderId, toFolderId: folderId });
      await enqueueEvent(tx, scope.storeId, "order/folder.changed", { orderId: row.id, fromFolderId: row.folderId, toFolderId: folderId });
    }
    return { moved: moving.length, folderId };
  });
}

export async function tagOrders(scope: StoreScope, orderIds: number[], change: { add?: string[]; remove?: string[] }) {
  return scope.db.transaction(async (tx) => {
    const rows = await lockOrders(tx, scope, orderIds);
    let changed = 0;
    for (const row of rows) {
      const removed = new Set((change.remove ?? []).map((t) => t.toLowerCase()));
      const kept = row.tags.filter((t) => !removed.has(t.toLowerCase()));
      const tags = [...kept, ...(change.add ?? []).filter((t) => !kept.some((k) => k.toLowerCase() === t.toLowerCase()))];
      if (same(tags, row.tags)) continue;
      changed += 1;
      await tx
        .update(orders)
        .set({ tags, dateUpdated: new Date() })
        .where(and(eq(orders.storeId, scope.storeId), eq(orders.id, row.id)));
      await recordHistory(tx, scope, row.id, "Tags changed", { from: row.tags, to: tags });
      await enqueueEvent(tx, scope.storeId, "order/updated", { orderId: row.id, fields: ["tags"] });
    }
    return { changed };
  });
}

export async function deleteOrders(scope: StoreScope, orderIds: number[]) {
  return scope.db.transaction(async (tx) => {
    const rows = await lockOrders(tx, scope, orderIds);
    await tx.delete(orders).where(and(eq(orders.storeId, scope.storeId), inArray(orders.id, rows.map((r) => r.id))));
    for (const row of rows) await enqueueEvent(tx, scope.storeId, "order/deleted", { orderId: row.id });
    return { deleted: rows.length };
  });
}

export async function addOrderNote(scope: StoreScope, orderId: number, content: string, username?: string) {
  return scope.db.transaction(async (tx) => {
    await lockOrder(tx, scope, orderId);
    const [note] = await tx
      .insert(orderNotes)
      .values({ orderId, storeId: scope.storeId, username: username || describeActor(scope.actor).label, content })
      .returning({ id: orderNotes.id });
    await tx.update(orders).set({ dateUpdated: new Date() }).where(and(eq(orders.storeId, scope.storeId), eq(orders.id, orderId)));
    await recordHistory(tx, scope, orderId, "Note added", { noteId: note?.id });
    return note!;
  });
}

/** Adds a shipment and announces shipment/created (copies flow it back to their original). */
export async function addShipment(scope: StoreScope, orderId: number, shipment: ShipmentInput) {
  return scope.db.transaction(async (tx) => {
    const order = await lockOrder(tx, scope, orderId);
    const [row] = await tx.insert(orderShipments).values(shipmentValues(scope.storeId, orderId, shipment)).returning();
    await tx.update(orders).set({ dateUpdated: new Date() }).where(and(eq(orders.storeId, scope.storeId), eq(orders.id, orderId)));
    await recordHistory(tx, scope, orderId, `Shipment added: ${row!.trackingNumber || "no tracking number"}`, { shipmentId: row!.id });
    await enqueueEvent(tx, scope.storeId, "shipment/created", { orderId, shipmentId: row!.id });
    await mirrorShipmentToOriginals(tx, scope, order, row!);
    return row!;
  });
}

/** Bounds the walk up a chain of copies of copies; links only point at older orders, so this is a backstop. */
const MAX_COPY_DEPTH = 10;

/**
 * A shipment added to a copy is added to its original too, in the original's store, so it reaches
 * the original's cart; a copy of a copy passes it on up the chain. Mirrors only ever go from copy
 * to original (never back down) and each order is visited once, so this cannot loop. The original's
 * store is read from its row, and every write there is scoped to that store.
 */
async function mirrorShipmentToOriginals(tx: Database, scope: StoreScope, copy: Order, shipment: OrderShipment) {
  const visited = new Set([copy.id]);
  let from = { order: copy, shipment };
  while (from.order.copiedFromOrderId !== null && !visited.has(from.order.copiedFromOrderId) && visited.size <= MAX_COPY_DEPTH) {
    const originalId = from.order.copiedFromOrderId;
    visited.add(originalId);
    const [located] = await tx.select({ storeId: orders.storeId }).from(orders).where(eq(orders.id, originalId)).limit(1);
    if (!located) return; // the original was deleted: nothing to flow back to
    const originScope: StoreScope = { db: tx, storeId: located.storeId, actor: scope.actor };
    const original = await lockOrder(tx, originScope, originalId);
    const { id: _id, orderId: _orderId, storeId: _storeId, dateAdded: _dateAdded, mirroredFromShipmentId: _m, ...fields } = from.shipment;
    const [mirrored] = await tx
      .insert(orderShipments)
      // The copy's cart shipment id means nothing to the original's cart.
      .values({ ...fields, cartShipmentId: "", orderId: originalId, storeId: originScope.storeId, mirroredFromShipmentId: from.shipment.id })
      .returning();
    await tx.update(orders).set({ dateUpdated: new Date() }).where(and(eq(orders.storeId, originScope.storeId), eq(orders.id, originalId)));
    await recordHistory(tx, originScope, originalId, `Shipment added from copy #${from.order.id}: ${mirrored!.trackingNumber || "no tracking number"}`, {
      shipmentId: mirrored!.id,
      mirroredFromShipmentId: from.shipment.id,
      copyOrderId: from.order.id,
    });
    await enqueueEvent(tx, originScope.storeId, "shipment/created", {
      orderId: originalId,
      shipmentId: mirrored!.id,
      mirroredFromShipmentId: from.shipment.id,
    });
    from = { order: original, shipment: mirrored! };
  }
}

/** Used by folder deletion: a folder holding orders cannot go. */
export async function countOrdersInFolder(tx: Database, storeId: number, folderId: number) {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(orders)
    .where(and(eq(orders.storeId, storeId), eq(orders.folderId, folderId)));
  return row?.n ?? 0;
}
