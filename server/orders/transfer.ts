import { and, asc, eq, inArray, isNotNull, or } from "drizzle-orm";
import type { Database } from "@/db/client";
import { orderHistory, orderItems, orderNotes, orders, orderShipments, stores, storeTags, type Order, type OrderItem } from "@/db/schema";
import { auditAs } from "@/server/audit/service";
import { DomainError, isUniqueViolation, notFound } from "@/server/errors";
import { enqueueEvent } from "@/server/events/outbox";
import type { Permission } from "@/server/permissions";
import type { StoreScope } from "@/server/scope";
import { resolveStoreAccess } from "@/server/stores/service";
import { recordHistory } from "./history";
import { ingestOrder, resolveFolder } from "./ingest";
import { normalizeDecimal } from "./read";
import type { OrderInput, OrderItemInput } from "./schemas";

/**
 * Copy and move orders between stores. The target store never comes from raw input: it is
 * resolved for the acting user with the same membership check storeProcedure uses
 * (resolveTargetStore), and the services only accept that resolved scope.
 */

/** Copies are made through the one ingest door under this source, so a repeat finds the first copy. */
export const COPY_SOURCE_NAME = "Switchyard copy";
export const copySourceId = (originStoreId: number, orderId: number) => `${originStoreId}-${orderId}`;

export interface TargetStore {
  scope: StoreScope;
  name: string;
}

/**
 * The store orders are copied or moved to, as the acting user reaches it: NOT_FOUND when they
 * are not a member (its existence is not revealed), FORBIDDEN without `permission` there.
 * API keys and system actors belong to one store, so no other store is reachable for them.
 */
export async function resolveTargetStore(scope: StoreScope, targetStoreId: number, permission: Permission = "orders.write"): Promise<TargetStore> {
  if (targetStoreId === scope.storeId) {
    throw new DomainError("BAD_REQUEST", "The orders are already in this store; choose another store.", { field: "targetStoreId" });
  }
  const actor = scope.actor;
  // A rule reaches other stores as the user who owns it, never further.
  const userId = actor.kind === "user" ? actor.userId : actor.kind === "rule" ? actor.ownerUserId : null;
  const access = userId === null ? null : await resolveStoreAccess(scope.db, targetStoreId, userId);
  if (!access || (actor.kind !== "user" && actor.kind !== "rule")) {
    throw new DomainError("NOT_FOUND", "Target store not found.", { field: "targetStoreId" });
  }
  if (!access.permissions.includes(permission)) {
    throw new DomainError("FORBIDDEN", `You need the "${permission}" permission in the target store to do this.`, { field: "targetStoreId" });
  }
  const [store] = await scope.db
    .select({ name: stores.name, archivedAt: stores.archivedAt })
    .from(stores)
    .where(eq(stores.id, access.storeId))
    .limit(1);
  if (!store) throw new DomainError("NOT_FOUND", "Target store not found.", { field: "targetStoreId" });
  if (store.archivedAt) {
    throw new DomainError("BAD_REQUEST", `Store "${store.name}" is archived; unarchive it first.`, { field: "targetStoreId" });
  }
  return {
    name: store.name,
    scope: {
      db: scope.db,
      storeId: access.storeId,
      actor: actor.kind === "user" ? { ...actor, role: access.role, permissions: access.permissions } : { ...actor, permissions: access.permissions },
    },
  };
}

/** An item row as ingest input (what a copy carries over). */
export function itemAsInput(item: OrderItem): OrderItemInput {
  return {
    name: item.name,
    code: item.code,
    price: normalizeDecimal(item.price),
    quantity: item.quantity,
    weight: normalizeDecimal(item.weight),
    delivery_type: item.deliveryType,
    category_code: item.categoryCode,
    fulfillment_method: item.fulfillmentMethod,
    variation_list: item.variationList,
    metadata: item.metadata,
  };
}

/**
 * The order's customer-facing fields as ingest input, for orders derived from it (split children,
 * copies). Source, folder, totals, items, notes and shipments are the caller's to decide.
 */
export function orderAsInput(order: Order): OrderInput {
  return {
    email: order.email,
    shipping_method: order.shippingMethod,
    cc_number_masked: order.ccNumberMasked,
    cc_exp: order.ccExp,
    processor_response: order.processorResponse,
    payment_type: order.paymentType,
    payment_status: order.paymentStatus,
    customer_id: order.customerId,
    ip_address: order.ipAddress,
    fulfillment_name: order.fulfillmentName,
    fulfillment_id: order.fulfillmentId,
    tags: order.tags,
    shipping: order.shipping as OrderInput["shipping"],
    customer: order.customer as OrderInput["customer"],
    return_address: order.returnAddress as OrderInput["return_address"],
    checkout_data: order.checkoutData,
    order_metadata: order.orderMetadata,
  };
}

/** Tag colours live per store: carry the ones the target does not have yet. */
async function carryTagColors(tx: Database, fromStoreId: number, toStoreId: number, tags: string[]) {
  if (tags.length === 0) return;
  const colors = await tx
    .select({ name: storeTags.name, color: storeTags.color })
    .from(storeTags)
    .where(and(eq(storeTags.storeId, fromStoreId), inArray(storeTags.name, tags)));
  if (colors.length === 0) return;
  await tx
    .insert(storeTags)
    .values(colors.map((c) => ({ storeId: toStoreId, name: c.name, color: c.color })))
    .onConflictDoNothing();
}

/** The source store's orders among `orderIds`, locked; any id not in this store makes the whole call NOT_FOUND. */
async function lockSourceOrders(tx: Database, scope: StoreScope, orderIds: number[]) {
  const unique = [...new Set(orderIds)];
  const rows = await tx
    .select()
    .from(orders)
    .where(and(eq(orders.storeId, scope.storeId), inArray(orders.id, unique)))
    .orderBy(asc(orders.id))
    .for("update");
  if (rows.length !== unique.length) throw notFound(unique.length === 1 ? "Order" : "One or more orders");
  const byId = new Map(rows.map((r) => [r.id, r]));
  return unique.map((id) => byId.get(id)!);
}

async function storeName(tx: Database, storeId: number) {
  const [row] = await tx.select({ name: stores.name }).from(stores).where(eq(stores.id, storeId)).limit(1);
  return row?.name ?? `#${storeId}`;
}

/**
 * Copies orders into `target` as new orders linked to their original (copied_from_order_id).
 * Idempotent per (original, target): the copy's source is ("Switchyard copy", "<origin store>-<order>"),
 * so a second copy to the same store returns the first (created: false) and writes nothing.
 * Items and order data are copied; notes and shipments are not (shipments flow back from the copy
 * to the original instead, see addShipment). Each copy counts as a new order in the target's usage.
 */
export async function copyOrdersToStore(scope: StoreScope, target: TargetStore, orderIds: number[], options: { folderId?: number } = {}) {
  return scope.db.transaction(async (tx) => {
    const targetScope: StoreScope = { ...target.scope, db: tx };
    const originals = await lockSourceOrders(tx, scope, orderIds);
    const fromName = await storeName(tx, scope.storeId);
    const copies: { orderId: number; copyId: number; created: boolean }[] = [];
    for (const original of originals) {
      const items = await tx
        .select()
        .from(orderItems)
        .where(and(eq(orderItems.storeId, scope.storeId), eq(orderItems.orderId, original.id)))
        .orderBy(asc(orderItems.position), asc(orderItems.id));
      const { orderId: copyId, created } = await ingestOrder(
        targetScope,
        {
          ...orderAsInput(original),
          source_name: COPY_SOURCE_NAME,
          source_id: copySourceId(scope.storeId, original.id),
          folder_id: options.folderId,
          product_total: normalizeDecimal(original.productTotal),
          shipping_total: normalizeDecimal(original.shippingTotal),
          handling_total: normalizeDecimal(original.handlingTotal),
          tax_total: normalizeDecimal(original.taxTotal),
          discount_total: normalizeDecimal(original.discountTotal),
          order_total: normalizeDecimal(original.orderTotal),
          processor_balance: normalizeDecimal(original.processorBalance),
          refund_total: normalizeDecimal(original.refundTotal),
          email_count: original.emailCount,
          discount_list: original.discountList,
          order_items: items.map(itemAsInput),
        },
        { via: `Copied from order #${original.id} of store "${fromName}"`, links: { copiedFromOrderId: original.id } },
      );
      copies.push({ orderId: original.id, copyId, created });
      if (!created) continue;
      await carryTagColors(tx, scope.storeId, target.scope.storeId, original.tags);
      await recordHistory(tx, scope, original.id, `Copied to store "${target.name}" as order #${copyId}`, {
        copyId,
        targetStoreId: target.scope.storeId,
      });
      await enqueueEvent(tx, scope.storeId, "order/copied", { orderId: original.id, copyId, targetStoreId: target.scope.storeId });
    }
    return { copies };
  });
}

/**
 * Moves orders, with their items, shipments, notes and history, out of this store into `target`
 * (its first folder unless `folderId`). Copy links are broken both ways: the moved order stops
 * being a copy, and copies of it stop flowing shipments back. Recorded as history in the target
 * and as an audit row in this store (which no longer holds the order).
 */
export async function moveOrdersToStore(scope: StoreScope, target: TargetStore, orderIds: number[], options: { folderId?: number } = {}) {
  const targetStoreId = target.scope.storeId;
  try {
    return await scope.db.transaction(async (tx) => {
      const targetScope: StoreScope = { ...target.scope, db: tx };
      const folderId = await resolveFolder(tx, targetStoreId, { folder_id: options.folderId });
      const moving = await lockSourceOrders(tx, scope, orderIds);
      const ids = moving.map((o) => o.id);
      await refuseSourceConflicts(tx, targetStoreId, target.name, moving);
      const fromName = await storeName(tx, scope.storeId);

      const updated = await tx
        .update(orders)
        .set({ storeId: targetStoreId, folderId, copiedFromOrderId: null, parentOrderId: null, dateUpdated: new Date() })
        .where(and(eq(orders.storeId, scope.storeId), inArray(orders.id, ids)))
        .returning({ id: orders.id });
      if (updated.length !== ids.length) throw notFound("One or more orders");
      // Child rows carry store_id too (every query filters on it), so they move with the order.
      for (const table of [orderItems, orderShipments, orderNotes, orderHistory] as const) {
        await tx
          .update(table)
          .set({ storeId: targetStoreId })
          .where(and(eq(table.storeId, scope.storeId), inArray(table.orderId, ids)));
      }
      await carryTagColors(tx, scope.storeId, targetStoreId, [...new Set(moving.flatMap((o) => o.tags))]);
      await breakCopyLinks(tx, scope, moving);
      // Split children left behind must not point at an order in another store either.
      await tx
        .update(orders)
        .set({ parentOrderId: null })
        .where(and(eq(orders.storeId, scope.storeId), inArray(orders.parentOrderId, ids)));

      for (const order of moving) {
        await recordHistory(tx, targetScope, order.id, `Moved from store "${fromName}"`, {
          fromStoreId: scope.storeId,
          fromFolderId: order.folderId,
          toFolderId: folderId,
          ...(order.copiedFromOrderId ? { copyLinkBroken: order.copiedFromOrderId } : {}),
        });
        await auditAs(scope, tx, "order.moved_to_store", { orderId: order.id, targetStoreId, targetStoreName: target.name });
        await enqueueEvent(tx, scope.storeId, "order/moved", { orderId: order.id, fromStoreId: scope.storeId, toStoreId: targetStoreId });
        await enqueueEvent(tx, targetStoreId, "order/moved", { orderId: order.id, fromStoreId: scope.storeId, toStoreId: targetStoreId });
      }
      return { moved: ids };
    });
  } catch (error) {
    // Two moves racing into the same target can still meet on the unique source index.
    if (isUniqueViolation(error)) {
      throw new DomainError("CONFLICT", `Store "${target.name}" already has an order with the same source and source id.`, { cause: error });
    }
    throw error;
  }
}

/** Ingest is idempotent per (store, source_name, source_id): a moved order must not break that in the target. */
async function refuseSourceConflicts(tx: Database, targetStoreId: number, targetName: string, moving: Order[]) {
  const sourced = moving.filter((o) => o.sourceId !== null);
  if (sourced.length === 0) return;
  const [clash] = await tx
    .select({ id: orders.id, sourceName: orders.sourceName, sourceId: orders.sourceId })
    .from(orders)
    .where(
      and(
        eq(orders.storeId, targetStoreId),
        isNotNull(orders.sourceId),
        or(...sourced.map((o) => and(eq(orders.sourceName, o.sourceName), eq(orders.sourceId, o.sourceId!)))),
      ),
    )
    .limit(1);
  if (clash) {
    throw new DomainError(
      "CONFLICT",
      `Store "${targetName}" already has order #${clash.id} from ${clash.sourceName} with source id "${clash.sourceId}"; nothing was moved.`,
      { field: "orderIds" },
    );
  }
}

/**
 * A move breaks copy links both ways, and each order on the other end (in whatever store it
 * lives) is told so in its history, with writes scoped to its own store.
 */
async function breakCopyLinks(tx: Database, scope: StoreScope, moved: Order[]) {
  const movedIds = moved.map((o) => o.id);
  const copies = await tx
    .select({ id: orders.id, storeId: orders.storeId, copiedFromOrderId: orders.copiedFromOrderId })
    .from(orders)
    .where(inArray(orders.copiedFromOrderId, movedIds));
  for (const copy of copies) {
    await tx
      .update(orders)
      .set({ copiedFromOrderId: null })
      .where(and(eq(orders.storeId, copy.storeId), eq(orders.id, copy.id)));
    await recordHistory(tx, { db: tx, storeId: copy.storeId, actor: scope.actor }, copy.id, `No longer a copy: original order #${copy.copiedFromOrderId} was moved to another store`, {
      originalOrderId: copy.copiedFromOrderId,
    });
  }
  const originalIds = moved.flatMap((o) => (o.copiedFromOrderId ? [o.copiedFromOrderId] : []));
  if (originalIds.length === 0) return;
  const originals = await tx.select({ id: orders.id, storeId: orders.storeId }).from(orders).where(inArray(orders.id, originalIds));
  for (const original of originals) {
    const copyIds = moved.filter((o) => o.copiedFromOrderId === original.id).map((o) => o.id);
    await recordHistory(tx, { db: tx, storeId: original.storeId, actor: scope.actor }, original.id, `Copy ${copyIds.map((id) => `#${id}`).join(", ")} was moved to another store; shipments no longer flow back`, {
      copyIds,
    });
  }
}
