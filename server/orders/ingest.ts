import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { jsonInsert, rowsOf } from "@/db/json-insert";
import { folders, orderItems, orderNotes, orders, orderShipments, storeTags } from "@/db/schema";
import { countOrdersForBilling } from "@/server/billing/usage";
import type { Address } from "@/db/schema";
import { DomainError } from "@/server/errors";
import { enqueueEvents } from "@/server/events/outbox";
import { stockDecrementEnabled, takeStockForOrder } from "@/server/inventory/stock";
import { describeActor, type StoreScope } from "@/server/scope";
import { recordHistories } from "./history";
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

/** Each tag name once (case-insensitive, first spelling wins), blanks dropped. */
export function uniqueTagNames(names: readonly (string | undefined)[]): string[] {
  const all = names.filter((t): t is string => Boolean(t?.trim())).map((t) => t.trim());
  return all.filter((t, i) => all.findIndex((u) => u.toLowerCase() === t.toLowerCase()) === i);
}

/** tag_name first, then the rest of `tags`. */
const tagsOf = (input: OrderInput) => uniqueTagNames([input.tag_name, ...(input.tags ?? [])]);

/** The lower-cased "first last" that name search matches: the shipping name, else the customer's. */
export function searchNameFrom(shipping: Address | undefined, customer: Address | undefined): string {
  const from = shipping?.first_name || shipping?.last_name ? shipping : customer;
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
  const [result] = await ingestOrders(scope, [input], options);
  return result!;
}

const sourceKeyOf = (input: OrderInput) => {
  const sourceName = input.source_name?.trim() || DEFAULT_SOURCE_NAME;
  const sourceId = input.source_id?.trim() || null;
  return { sourceName, sourceId, key: sourceId === null ? null : `${sourceName}\u0000${sourceId}` };
};

/**
 * The same door for many orders at once (imports, batch API calls): one transaction and a few
 * multi-row writes instead of a dozen round trips per order. Results come back in input order;
 * a source key repeated inside the batch is created once and reported as existing after that.
 */
export async function ingestOrders(scope: StoreScope, inputs: OrderInput[], options: IngestOptions): Promise<IngestResult[]> {
  if (inputs.length === 0) return [];
  return scope.db.transaction(async (tx) => {
    const keyed = inputs.map((input, index) => ({ input, index, ...sourceKeyOf(input) }));
    // First occurrence of each source key is the candidate; unkeyed orders are always new.
    const firstIndexByKey = new Map<string, number>();
    for (const k of keyed) if (k.key !== null && !firstIndexByKey.has(k.key)) firstIndexByKey.set(k.key, k.index);
    // Keyed rows in key order (code units: any fixed order will do, and localeCompare is slow),
    // so two overlapping batches take the unique-index locks in the same order.
    const byKey = (a: (typeof keyed)[number], b: (typeof keyed)[number]) => {
      const [x, y] = [a.key ?? "", b.key ?? ""];
      return x < y ? -1 : x > y ? 1 : a.index - b.index;
    };
    const candidates = keyed.filter((k) => k.key === null || firstIndexByKey.get(k.key) === k.index).sort(byKey);

    const folderIds = new Map<string, number>();
    for (const c of candidates) {
      const cacheKey = `${c.input.folder_id ?? ""}|${c.input.folder_name ?? ""}`;
      if (!folderIds.has(cacheKey)) folderIds.set(cacheKey, await resolveFolder(tx, scope.storeId, c.input));
    }
    // Ids are taken up front so each returned row maps back to its input without relying on order.
    const ids = await tx.execute(sql`select nextval('orders_id_seq') as id from generate_series(1, ${candidates.length})`);
    const newIds = rowsOf<{ id: string | number }>(ids).map((r) => Number(r.id));
    const idByIndex = new Map(candidates.map((c, i) => [c.index, newIds[i]!]));

    const inserted = rowsOf<{ id: number | string }>(
      await tx.execute(
        jsonInsert(
          orders,
          candidates.map((c) => ({
            id: idByIndex.get(c.index)!,
            storeId: scope.storeId,
            folderId: folderIds.get(`${c.input.folder_id ?? ""}|${c.input.folder_name ?? ""}`)!,
            sourceName: c.sourceName,
            sourceId: c.sourceId,
            ...orderColumns(c.input, options),
          })),
          {
            overridingSystemValue: true,
            suffix: sql`on conflict (store_id, source_name, source_id) where source_id is not null do nothing returning id`,
          },
        ),
      ),
    );
    const createdIds = new Set(inserted.map((r) => Number(r.id)));
    const created = candidates.filter((c) => createdIds.has(idByIndex.get(c.index)!));

    // Duplicates of orders already in the store: the unique index made us wait for their first
    // writer, whose rows are visible to this next statement.
    const existingKeys = candidates.filter((c) => !createdIds.has(idByIndex.get(c.index)!));
    const existingIdByKey = new Map<string, number>();
    if (existingKeys.length > 0) {
      const rows = await tx
        .select({ id: orders.id, sourceName: orders.sourceName, sourceId: orders.sourceId })
        .from(orders)
        .where(
          and(
            eq(orders.storeId, scope.storeId),
            inArray(orders.sourceId, existingKeys.map((c) => c.sourceId!)),
          ),
        );
      for (const row of rows) existingIdByKey.set(`${row.sourceName}\u0000${row.sourceId}`, row.id);
    }

    await writeOrderChildren(tx, scope, created.map((c) => ({ orderId: idByIndex.get(c.index)!, input: c.input })));
    const tagColors = new Map(created.filter((c) => c.input.tag_name && c.input.tag_color).map((c) => [c.input.tag_name!.toLowerCase(), c.input]));
    for (const input of tagColors.values()) await setTagColor(tx, scope.storeId, input.tag_name!, input.tag_color!);
    await recordHistories(
      tx,
      scope,
      created.map((c) => ({ orderId: idByIndex.get(c.index)!, message: options.via, details: { source_name: c.sourceName, source_id: c.sourceId } })),
    );
    // In this transaction: a rolled-back order takes no stock; a short one is created and flagged.
    if (created.some((c) => c.input.order_items?.length) && (await stockDecrementEnabled(tx, scope.storeId))) {
      for (const c of created) await takeStockForOrder(tx, scope, idByIndex.get(c.index)!, c.input.order_items ?? []);
    }
    await enqueueEvents(
      tx,
      scope.storeId,
      "order/created",
      created.map((c) => ({ orderId: idByIndex.get(c.index)!, sourceName: c.sourceName, sourceId: c.sourceId })),
    );
    // Last, so the counter row is locked only until commit.
    if (options.countUsage !== false) await countOrdersForBilling(tx, scope.storeId, created.length);

    return keyed.map((k): IngestResult => {
      const own = idByIndex.get(k.index);
      if (own !== undefined && createdIds.has(own)) return { orderId: own, created: true };
      const first = k.key === null ? undefined : idByIndex.get(firstIndexByKey.get(k.key)!);
      if (first !== undefined && createdIds.has(first)) return { orderId: first, created: false };
      const existing = k.key === null ? undefined : existingIdByKey.get(k.key);
      if (existing === undefined) throw new Error("duplicate order vanished during ingest");
      return { orderId: existing, created: false };
    });
  });
}

/** The order row's columns from its input (ids, store, folder and source are the caller's). */
function orderColumns(input: OrderInput, options: IngestOptions) {
  return {
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
    searchName: searchNameFrom(input.shipping, input.customer),
    parentOrderId: options.links?.parentOrderId,
    copiedFromOrderId: options.links?.copiedFromOrderId,
    ...(input.date_added ? { dateAdded: input.date_added } : {}),
  };
}

/** Items, notes and shipments of newly created orders, one multi-row write per table. */
async function writeOrderChildren(tx: Database, scope: StoreScope, created: { orderId: number; input: OrderInput }[]) {
  const items = created.flatMap(({ orderId, input }) =>
    (input.order_items ?? []).map((item, position) => ({ ...itemValues(item), orderId, storeId: scope.storeId, position })),
  );
  if (items.length > 0) await tx.execute(jsonInsert(orderItems, items));
  const author = describeActor(scope.actor).label;
  const notes = created.flatMap(({ orderId, input }) =>
    (input.order_notes ?? []).map((note) => ({ orderId, storeId: scope.storeId, username: note.username || author, content: note.content })),
  );
  if (notes.length > 0) await tx.execute(jsonInsert(orderNotes, notes));
  const shipments = created.flatMap(({ orderId, input }) => (input.order_shipments ?? []).map((s) => shipmentValues(scope.storeId, orderId, s)));
  if (shipments.length > 0) await tx.execute(jsonInsert(orderShipments, shipments));
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
