import { and, asc, eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { folders, orderItems, orderNotes, orders, orderShipments, storeTags, usageCounters } from "@/db/schema";
import { DomainError } from "@/server/errors";
import { enqueueEvent } from "@/server/events/outbox";
import { takeStockForOrder } from "@/server/inventory/stock";
import { describeActor, type StoreScope } from "@/server/scope";
import { recordHistory } from "./history";
import { addDecimals, fromUnits, subtractDecimal, toUnits } from "./money";
import type { OrderInput, OrderItemInput, ShipmentInput } from "./schemas";
import { deriveTrackingUrl } from "./tracking";

export const DEFAULT_SOURCE_NAME = "Switchyard";

export interface IngestOptions {
  /** What the history line says, e.g. "Order created via the REST API". */
  via: string;
  /** Extra columns a caller sets (split parent, copy link); never user input. */
  links?: { parentOrderId?: number; copiedFromOrderId?: number };
  /** Count the order toward the store's monthly usage (default true). */
  countUsage?: boolean;
}

export interface IngestResult {
  orderId: number;
  /** False when (store, source_name, source_id) already existed: nothing was written. */
  created: boolean;
}

/** The folder an order lands in: the one asked for (by id or name) in this store, else the first. */
export async function resolveFolder(tx: Database, storeId: number, wanted: { folder_id?: number; folder_name?: string }) {
  const where = wanted.folder_id
    ? and(eq(folders.storeId, storeId), eq(folders.id, wanted.folder_id))
    : wanted.folder_name
      ? and(eq(folders.storeId, storeId), sql`lower(${folders.name}) = lower(${wanted.folder_name})`)
      : eq(folders.storeId, storeId);
  const [folder] = await tx.select({ id: folders.id }).from(folders).where(where).orderBy(asc(folders.position), asc(folders.id)).limit(1);
  if (!folder) {
    const field = wanted.folder_id ? "folder_id" : "folder_name";
    throw new DomainError("BAD_REQUEST", `This store has no folder ${wanted.folder_id ?? `"${wanted.folder_name}"`}.`, { field });
  }
  return folder.id;
}

/** tag_name first, then the rest of `tags`, each name once (case-insensitive). */
function tagsOf(input: OrderInput): string[] {
  const all = [input.tag_name, ...(input.tags ?? [])].filter((t): t is string => Boolean(t?.trim())).map((t) => t.trim());
  return all.filter((t, i) => all.findIndex((u) => u.toLowerCase() === t.toLowerCase()) === i);
}

function searchNameOf(input: OrderInput): string {
  const from = input.shipping?.first_name || input.shipping?.last_name ? input.shipping : input.customer;
  return [from?.first_name, from?.last_name].filter(Boolean).join(" ").trim().toLowerCase();
}

/** An item's columns from its input (the order, store and position are the caller's). */
export function itemValues(item: OrderItemInput) {
  return {
    name: item.name,
    code: item.code,
    price: item.price,
    quantity: item.quantity,
    weight: item.weight,
    deliveryType: item.delivery_type,
    categoryCode: item.category_code,
    fulfillmentMethod: item.fulfillment_method,
    variationList: item.variation_list,
    metadata: item.metadata,
  };
}

export function shipmentValues(storeId: number, orderId: number, s: ShipmentInput) {
  return {
    orderId,
    storeId,
    trackingNumber: s.tracking_number,
    carrierCode: s.carrier_code,
    shipmentMethod: s.shipment_method,
    trackingUrl: s.tracking_url || deriveTrackingUrl(s.carrier_code, s.tracking_number),
    weight: s.weight,
    cost: s.cost,
    status: s.status,
    labelFormat: s.label_format,
    labelImage: s.label_image,
    printStatus: s.print_status,
    source: s.source,
    cartShipmentId: s.cart_shipment_id,
    dateShipped: s.date_shipped,
  };
}

/** Totals the source did not send are derived from the items (and each other). */
export function deriveTotals(input: OrderInput) {
  const items = input.order_items ?? [];
  const itemsTotal = fromUnits(items.reduce((sum, i) => sum + toUnits(i.price) * BigInt(i.quantity), 0n));
  const product = input.product_total ?? itemsTotal;
  const shipping = input.shipping_total ?? "0";
  const handling = input.handling_total ?? "0";
  const tax = input.tax_total ?? "0";
  const discount = input.discount_total ?? "0";
  return {
    quantityTotal: items.reduce((sum, i) => sum + i.quantity, 0),
    weightTotal: fromUnits(items.reduce((sum, i) => sum + toUnits(i.weight) * BigInt(i.quantity), 0n)),
    productTotal: product,
    shippingTotal: shipping,
    handlingTotal: handling,
    taxTotal: tax,
    discountTotal: discount,
    orderTotal: input.order_total ?? subtractDecimal(addDecimals(product, shipping, handling, tax), discount),
  };
}

/**
 * The one door in. Every order, whatever its source, is created here, idempotently on
 * (store, source_name, source_id): a repeat (even a concurrent one) returns the existing order
 * and writes nothing. The order, its items, notes, shipments, history line, usage count and the
 * order/created outbox event commit in one transaction.
 */
export async function ingestOrder(scope: StoreScope, input: OrderInput, options: IngestOptions): Promise<IngestResult> {
  const sourceName = input.source_name?.trim() || DEFAULT_SOURCE_NAME;
  const sourceId = input.source_id?.trim() || null;
  return scope.db.transaction(async (tx) => {
    const folderId = await resolveFolder(tx, scope.storeId, input);
    const [inserted] = await tx
      .insert(orders)
      .values({
        storeId: scope.storeId,
        folderId,
        sourceName,
        sourceId,
        email: input.email ?? "",
        shippingMethod: input.shipping_method ?? "",
        ...deriveTotals(input),
        ccNumberMasked: input.cc_number_masked ?? "",
        ccExp: input.cc_exp ?? "",
        processorResponse: input.processor_response ?? "",
        paymentType: input.payment_type ?? "",
        paymentStatus: input.payment_status ?? "",
        processorBalance: input.processor_balance ?? "0",
        refundTotal: input.refund_total ?? "0",
        customerId: input.customer_id ?? "",
        emailCount: input.email_count ?? 0,
        ipAddress: input.ip_address ?? "",
        fulfillmentName: input.fulfillment_name ?? "",
        fulfillmentId: input.fulfillment_id ?? "",
        tags: tagsOf(input),
        shipping: input.shipping ?? {},
        customer: input.customer ?? {},
        returnAddress: input.return_address ?? {},
        checkoutData: input.checkout_data ?? {},
        orderMetadata: input.order_metadata ?? {},
        discountList: input.discount_list ?? [],
        searchName: searchNameOf(input),
        parentOrderId: options.links?.parentOrderId,
        copiedFromOrderId: options.links?.copiedFromOrderId,
        ...(input.date_added ? { dateAdded: input.date_added } : {}),
      })
      .onConflictDoNothing({
        target: [orders.storeId, orders.sourceName, orders.sourceId],
        where: sql`${orders.sourceId} is not null`,
      })
      .returning({ id: orders.id });

    if (!inserted) {
      // A duplicate: the unique index made us wait for the first writer, whose row is now visible.
      const [existing] = await tx
        .select({ id: orders.id })
        .from(orders)
        .where(and(eq(orders.storeId, scope.storeId), eq(orders.sourceName, sourceName), eq(orders.sourceId, sourceId!)))
        .limit(1);
      if (!existing) throw new Error("duplicate order vanished during ingest");
      return { orderId: existing.id, created: false };
    }
    const orderId = inserted.id;

    const items = input.order_items ?? [];
    if (items.length > 0) {
      await tx.insert(orderItems).values(
        items.map((item, position) => ({ ...itemValues(item), orderId, storeId: scope.storeId, position })),
      );
    }
    const notes = input.order_notes ?? [];
    if (notes.length > 0) {
      const author = describeActor(scope.actor).label;
      await tx.insert(orderNotes).values(
        notes.map((note) => ({ orderId, storeId: scope.storeId, username: note.username || author, content: note.content })),
      );
    }
    const shipments = input.order_shipments ?? [];
    if (shipments.length > 0) {
      await tx.insert(orderShipments).values(shipments.map((s) => shipmentValues(scope.storeId, orderId, s)));
    }
    if (input.tag_name && input.tag_color) await setTagColor(tx, scope.storeId, input.tag_name, input.tag_color);
    if (options.countUsage !== false) await countOrderForBilling(tx, scope.storeId);
    await recordHistory(tx, scope, orderId, options.via, { source_name: sourceName, source_id: sourceId });
    // In this transaction: a rolled-back order takes no stock; a short one is created and flagged.
    await takeStockForOrder(tx, scope, orderId, items);
    await enqueueEvent(tx, scope.storeId, "order/created", { orderId, sourceName, sourceId });
    return { orderId, created: true };
  });
}

/** Tag colours are per store; the latest colour sent for a tag name wins. */
export async function setTagColor(tx: Database, storeId: number, name: string, color: string) {
  const updated = await tx
    .update(storeTags)
    .set({ color })
    .where(and(eq(storeTags.storeId, storeId), sql`lower(${storeTags.name}) = lower(${name})`))
    .returning({ id: storeTags.id });
  if (updated.length === 0) await tx.insert(storeTags).values({ storeId, name, color }).onConflictDoNothing();
}

/** Every created order counts toward the store's monthly usage (copies too, like the anchor). */
export async function countOrderForBilling(tx: Database, storeId: number) {
  const month = new Date().toISOString().slice(0, 7);
  await tx
    .insert(usageCounters)
    .values({ storeId, month, ordersCreated: 1 })
    .onConflictDoUpdate({
      target: [usageCounters.storeId, usageCounters.month],
      set: { ordersCreated: sql`${usageCounters.ordersCreated} + 1` },
    });
}
