import { and, asc, eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { orderItems, orders, orderShipments } from "@/db/schema";
import { notFound } from "@/server/errors";
import { enqueueEvent } from "@/server/events/outbox";
import type { StoreScope } from "@/server/scope";
import { recordHistory } from "./history";
import { itemValues, shipmentValues } from "./ingest";
import { addDecimals, fromUnits, subtractDecimal, toUnits } from "./money";
import type { OrderItemInput, ShipmentInput } from "./schemas";
import { lockOrder } from "./service";

/**
 * After items change: quantity, weight and product totals follow the items, and the order total
 * moves by the same amount as the product total (shipping, tax and discounts stay as they were).
 */
export async function recomputeItemTotals(tx: Database, scope: StoreScope, orderId: number) {
  const [order] = await tx
    .select({ productTotal: orders.productTotal, orderTotal: orders.orderTotal })
    .from(orders)
    .where(and(eq(orders.storeId, scope.storeId), eq(orders.id, orderId)));
  if (!order) throw notFound("Order");
  const items = await tx
    .select({ price: orderItems.price, quantity: orderItems.quantity, weight: orderItems.weight })
    .from(orderItems)
    .where(and(eq(orderItems.storeId, scope.storeId), eq(orderItems.orderId, orderId)));
  const product = fromUnits(items.reduce((sum, i) => sum + toUnits(i.price) * BigInt(i.quantity), 0n));
  await tx
    .update(orders)
    .set({
      quantityTotal: items.reduce((sum, i) => sum + i.quantity, 0),
      weightTotal: fromUnits(items.reduce((sum, i) => sum + toUnits(i.weight) * BigInt(i.quantity), 0n)),
      productTotal: product,
      orderTotal: addDecimals(order.orderTotal, subtractDecimal(product, order.productTotal)),
      dateUpdated: new Date(),
    })
    .where(and(eq(orders.storeId, scope.storeId), eq(orders.id, orderId)));
}

const itemWhere = (scope: StoreScope, orderId: number, itemId: number) =>
  and(eq(orderItems.storeId, scope.storeId), eq(orderItems.orderId, orderId), eq(orderItems.id, itemId));

export async function listItems(scope: StoreScope, orderId: number) {
  return scope.db
    .select()
    .from(orderItems)
    .where(and(eq(orderItems.storeId, scope.storeId), eq(orderItems.orderId, orderId)))
    .orderBy(asc(orderItems.position), asc(orderItems.id));
}

export async function addItem(scope: StoreScope, orderId: number, item: OrderItemInput) {
  return scope.db.transaction(async (tx) => {
    await lockOrder(tx, scope, orderId);
    const [row] = await tx
      .insert(orderItems)
      .values({
        ...itemValues(item),
        orderId,
        storeId: scope.storeId,
        position: sql`(select coalesce(max(${orderItems.position}) + 1, 0) from ${orderItems} where ${orderItems.orderId} = ${orderId})`,
      })
      .returning();
    await recomputeItemTotals(tx, scope, orderId);
    await recordHistory(tx, scope, orderId, `Item added: ${item.name || item.code}`, { itemId: row!.id });
    await enqueueEvent(tx, scope.storeId, "order/updated", { orderId, fields: ["order_items"] });
    return row!;
  });
}

/** Replaces an item's fields (PUT semantics: what is not sent falls back to its default). */
export async function updateItem(scope: StoreScope, orderId: number, itemId: number, item: OrderItemInput) {
  return scope.db.transaction(async (tx) => {
    await lockOrder(tx, scope, orderId);
    const [row] = await tx.update(orderItems).set(itemValues(item)).where(itemWhere(scope, orderId, itemId)).returning();
    if (!row) throw notFound("Order item");
    await recomputeItemTotals(tx, scope, orderId);
    await recordHistory(tx, scope, orderId, `Item changed: ${row.name || row.code}`, { itemId });
    await enqueueEvent(tx, scope.storeId, "order/updated", { orderId, fields: ["order_items"] });
    return row;
  });
}

export async function removeItem(scope: StoreScope, orderId: number, itemId: number) {
  await scope.db.transaction(async (tx) => {
    await lockOrder(tx, scope, orderId);
    const [row] = await tx.delete(orderItems).where(itemWhere(scope, orderId, itemId)).returning();
    if (!row) throw notFound("Order item");
    await recomputeItemTotals(tx, scope, orderId);
    await recordHistory(tx, scope, orderId, `Item removed: ${row.name || row.code}`, { itemId });
    await enqueueEvent(tx, scope.storeId, "order/updated", { orderId, fields: ["order_items"] });
  });
}

const shipmentWhere = (scope: StoreScope, orderId: number, shipmentId: number) =>
  and(eq(orderShipments.storeId, scope.storeId), eq(orderShipments.orderId, orderId), eq(orderShipments.id, shipmentId));

export async function updateShipment(scope: StoreScope, orderId: number, shipmentId: number, shipment: ShipmentInput) {
  return scope.db.transaction(async (tx) => {
    await lockOrder(tx, scope, orderId);
    const { orderId: _o, storeId: _s, ...values } = shipmentValues(scope.storeId, orderId, shipment);
    const [row] = await tx
      .update(orderShipments)
      .set(values)
      .where(shipmentWhere(scope, orderId, shipmentId))
      .returning();
    if (!row) throw notFound("Shipment");
    await recordHistory(tx, scope, orderId, `Shipment changed: ${row.trackingNumber}`, { shipmentId });
    await enqueueEvent(tx, scope.storeId, "order/updated", { orderId, fields: ["order_shipments"] });
    return row;
  });
}

export async function removeShipment(scope: StoreScope, orderId: number, shipmentId: number) {
  await scope.db.transaction(async (tx) => {
    await lockOrder(tx, scope, orderId);
    const [row] = await tx.delete(orderShipments).where(shipmentWhere(scope, orderId, shipmentId)).returning();
    if (!row) throw notFound("Shipment");
    await recordHistory(tx, scope, orderId, `Shipment removed: ${row.trackingNumber}`, { shipmentId });
    await enqueueEvent(tx, scope.storeId, "order/updated", { orderId, fields: ["order_shipments"] });
  });
}
