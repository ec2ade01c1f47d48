import { and, asc, eq, inArray, isNotNull } from "drizzle-orm";
import type { Database } from "@/db/client";
import { orderItems, orders, type Order, type OrderItem } from "@/db/schema";
import { DomainError, notFound } from "@/server/errors";
import { enqueueEvent } from "@/server/events/outbox";
import type { StoreScope } from "@/server/scope";
import { recordHistory } from "./history";
import { ingestOrder } from "./ingest";
import { allocate, fromUnits, toUnits } from "./money";
import { lockOrder } from "./service";
import { orderAsInput } from "./transfer";

/** The item fields an order can be split by (Order Desk's split methods). */
export const SPLIT_KEYS = ["code", "category_code", "delivery_type", "variation", "name"] as const;
export type SplitKey = (typeof SPLIT_KEYS)[number];

export type SplitSpec = { mode: "items"; itemIds: number[] } | { mode: "key"; key: SplitKey };

const KEY_LABELS: Record<SplitKey, string> = {
  code: "SKU",
  category_code: "category code",
  delivery_type: "delivery type",
  variation: "variation",
  name: "item name",
};

/** Variations group by content, whatever order their keys were stored in. */
function keyOf(item: OrderItem, key: SplitKey): string {
  switch (key) {
    case "code":
      return item.code;
    case "category_code":
      return item.categoryCode;
    case "delivery_type":
      return item.deliveryType;
    case "name":
      return item.name;
    case "variation":
      return JSON.stringify(Object.entries(item.variationList).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }
}

/** Groups of items; the first stays on the original order (as Order Desk does), each other one becomes a child. */
function groupItems(items: OrderItem[], spec: SplitSpec): OrderItem[][] {
  if (spec.mode === "items") {
    const wanted = new Set(spec.itemIds);
    const known = new Set(items.map((i) => i.id));
    if ([...wanted].some((id) => !known.has(id))) throw notFound(wanted.size === 1 ? "Order item" : "One or more order items");
    const staying = items.filter((i) => !wanted.has(i.id));
    if (staying.length === 0) {
      throw new DomainError("BAD_REQUEST", "Leave at least one item on the original order; select fewer items to split off.", { field: "itemIds" });
    }
    return [staying, items.filter((i) => wanted.has(i.id))];
  }
  const groups = new Map<string, OrderItem[]>();
  for (const item of items) {
    const k = keyOf(item, spec.key);
    groups.set(k, [...(groups.get(k) ?? []), item]);
  }
  if (groups.size < 2) {
    throw new DomainError(
      "BAD_REQUEST",
      items.length === 0
        ? "This order has no items to split."
        : `All items of this order have the same ${KEY_LABELS[spec.key]}; there is nothing to split.`,
      { field: "key" },
    );
  }
  return [...groups.values()];
}

const valueOf = (items: OrderItem[]) => items.reduce((sum, i) => sum + toUnits(i.price) * BigInt(i.quantity), 0n);
const weightOf = (items: OrderItem[]) => items.reduce((sum, i) => sum + toUnits(i.weight) * BigInt(i.quantity), 0n);
const quantityOf = (items: OrderItem[]) => items.reduce((sum, i) => sum + i.quantity, 0);

/**
 * Each group's share of the order's totals. Shipping, handling, tax and discount are allocated in
 * proportion to the groups' item value (evenly when every group is free), to the cent. The
 * original keeps the remainders, so the original and its children always add up exactly to the
 * totals before the split, even when the source's product or order total differed from the items.
 */
function splitTotals(order: Order, groups: OrderItem[][]) {
  const values = groups.map(valueOf);
  // A group worth less than nothing (discount lines) takes no share rather than a negative one.
  const weights = values.map((v) => (v > 0n ? v : 0n));
  const [shipping, handling, tax, discount] = [order.shippingTotal, order.handlingTotal, order.taxTotal, order.discountTotal].map(
    (total) => allocate(fromUnits(toUnits(total)), weights).map(toUnits),
  ) as [bigint[], bigint[], bigint[], bigint[]];
  const parts = groups.map((items, i) => {
    const product = values[i]!;
    return {
      items,
      product,
      shipping: shipping[i]!,
      handling: handling[i]!,
      tax: tax[i]!,
      discount: discount[i]!,
      total: product + shipping[i]! + handling[i]! + tax[i]! - discount[i]!,
    };
  });
  const children = parts.slice(1);
  const sum = (pick: (p: (typeof parts)[number]) => bigint) => children.reduce((s, p) => s + pick(p), 0n);
  parts[0] = {
    ...parts[0]!,
    product: toUnits(order.productTotal) - sum((p) => p.product),
    total: toUnits(order.orderTotal) - sum((p) => p.total),
  };
  return parts;
}

/**
 * Where numbering of "<source id>-<n>" starts for the next children of `order`: after its existing
 * children (found through the parent index, not a scan of the store's source ids). Split children
 * keep the parent's source name and get a derived source id, so they stay traceable to the cart
 * order and ingest's (store, source_name, source_id) idempotency holds for them too; a number
 * taken some other way is skipped when the child is created.
 */
async function nextChildNumber(tx: Database, scope: StoreScope, order: Order) {
  if (order.sourceId === null) return 1;
  const prefix = `${order.sourceId}-`;
  const children = await tx
    .select({ sourceId: orders.sourceId })
    .from(orders)
    .where(and(eq(orders.storeId, scope.storeId), eq(orders.parentOrderId, order.id), isNotNull(orders.sourceId)));
  const numbers = children
    .filter((c) => c.sourceId!.startsWith(prefix))
    .map((c) => Number(c.sourceId!.slice(prefix.length)))
    .filter((n) => Number.isInteger(n) && n > 0);
  return numbers.length ? Math.max(...numbers) + 1 : 1;
}

/**
 * Splits an order into child orders in the same store, linked by parent_order_id and created
 * through the one ingest door. The item rows themselves move (ids kept), so nothing is created
 * twice (stock, exports). Repeating a split cannot duplicate: the parent is locked, and the moved
 * items are no longer on it (NOT_FOUND for an item split, BAD_REQUEST for a key split).
 */
export async function splitOrder(scope: StoreScope, orderId: number, spec: SplitSpec) {
  return scope.db.transaction(async (tx) => {
    const txScope: StoreScope = { ...scope, db: tx };
    const order = await lockOrder(tx, scope, orderId);
    const items = await tx
      .select()
      .from(orderItems)
      .where(and(eq(orderItems.storeId, scope.storeId), eq(orderItems.orderId, orderId)))
      .orderBy(asc(orderItems.position), asc(orderItems.id));
    const parts = splitTotals(order, groupItems(items, spec));
    let number = await nextChildNumber(tx, scope, order);

    const childOrderIds: number[] = [];
    for (const part of parts.slice(1)) {
      let child: { orderId: number; created: boolean };
      // A derived source id already used (say, by an order imported under that id) is skipped.
      do {
        child = await ingestOrder(
          txScope,
          {
            ...orderAsInput(order),
            source_name: order.sourceName,
            source_id: order.sourceId === null ? undefined : `${order.sourceId}-${number++}`,
            folder_id: order.folderId,
            product_total: fromUnits(part.product),
            shipping_total: fromUnits(part.shipping),
            handling_total: fromUnits(part.handling),
            tax_total: fromUnits(part.tax),
            discount_total: fromUnits(part.discount),
            order_total: fromUnits(part.total),
          },
          // Not a new sale: the anchor bills imported, manual and copied orders, not split parts.
          { via: `Split from order #${order.id}`, links: { parentOrderId: order.id }, countUsage: false },
        );
      } while (!child.created);
      const itemIds = part.items.map((i) => i.id);
      // Positions are kept: they still order the items within the child.
      const moved = await tx
        .update(orderItems)
        .set({ orderId: child.orderId })
        .where(and(eq(orderItems.storeId, scope.storeId), eq(orderItems.orderId, orderId), inArray(orderItems.id, itemIds)))
        .returning({ id: orderItems.id });
      if (moved.length !== itemIds.length) throw notFound("One or more order items");
      await tx
        .update(orders)
        .set({ quantityTotal: quantityOf(part.items), weightTotal: fromUnits(weightOf(part.items)) })
        .where(and(eq(orders.storeId, scope.storeId), eq(orders.id, child.orderId)));
      await recordHistory(tx, txScope, child.orderId, `Items moved here from order #${order.id}`, { itemIds, parentOrderId: order.id });
      childOrderIds.push(child.orderId);
    }

    const kept = parts[0]!;
    await tx
      .update(orders)
      .set({
        quantityTotal: quantityOf(kept.items),
        weightTotal: fromUnits(weightOf(kept.items)),
        productTotal: fromUnits(kept.product),
        shippingTotal: fromUnits(kept.shipping),
        handlingTotal: fromUnits(kept.handling),
        taxTotal: fromUnits(kept.tax),
        discountTotal: fromUnits(kept.discount),
        orderTotal: fromUnits(kept.total),
        dateUpdated: new Date(),
      })
      .where(and(eq(orders.storeId, scope.storeId), eq(orders.id, orderId)));
    const how = spec.mode === "items" ? "selected items" : KEY_LABELS[spec.key];
    await recordHistory(tx, txScope, orderId, `Split by ${how} into ${childOrderIds.map((id) => `#${id}`).join(", ")}`, {
      mode: spec.mode,
      ...(spec.mode === "key" ? { key: spec.key } : {}),
      childOrderIds,
      movedItemIds: parts.slice(1).map((p) => p.items.map((i) => i.id)),
      before: { product_total: order.productTotal, shipping_total: order.shippingTotal, handling_total: order.handlingTotal, tax_total: order.taxTotal, discount_total: order.discountTotal, order_total: order.orderTotal },
    });
    await enqueueEvent(tx, scope.storeId, "order/split", {
      orderId,
      childOrderIds,
      mode: spec.mode,
      ...(spec.mode === "key" ? { key: spec.key } : {}),
    });
    return { childOrderIds };
  });
}
