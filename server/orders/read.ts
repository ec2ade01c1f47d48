import { and, asc, desc, eq, gte, inArray, lte, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { folders, orderCounts, orderHistory, orderItems, orderNotes, orders, orderShipments, storeTags } from "@/db/schema";
import { notFound } from "@/server/errors";
import type { StoreScope } from "@/server/scope";
import { fromUnits, toUnits } from "./money";

const inStore = (scope: StoreScope) => eq(orders.storeId, scope.storeId);

export async function getOrderRecord(scope: StoreScope, orderId: number) {
  const [order] = await scope.db
    .select()
    .from(orders)
    .where(and(inStore(scope), eq(orders.id, orderId)))
    .limit(1);
  if (!order) throw notFound("Order");
  const [items, shipments, notes, [folder], tagColors] = await Promise.all([
    scope.db.select().from(orderItems).where(and(eq(orderItems.storeId, scope.storeId), eq(orderItems.orderId, orderId))).orderBy(asc(orderItems.position), asc(orderItems.id)),
    scope.db.select().from(orderShipments).where(and(eq(orderShipments.storeId, scope.storeId), eq(orderShipments.orderId, orderId))).orderBy(asc(orderShipments.id)),
    scope.db.select().from(orderNotes).where(and(eq(orderNotes.storeId, scope.storeId), eq(orderNotes.orderId, orderId))).orderBy(asc(orderNotes.id)),
    scope.db.select({ name: folders.name }).from(folders).where(and(eq(folders.storeId, scope.storeId), eq(folders.id, order.folderId))),
    order.tags.length
      ? scope.db.select({ name: storeTags.name, color: storeTags.color }).from(storeTags).where(and(eq(storeTags.storeId, scope.storeId), inArray(storeTags.name, order.tags)))
      : Promise.resolve([]),
  ]);
  return { order, items, shipments, notes, folderName: folder?.name ?? "", tagColors };
}

export type OrderRecord = Awaited<ReturnType<typeof getOrderRecord>>;

/** "YYYY-MM-DD HH:MM:SS" in UTC, as the anchor's API writes dates. */
export const formatUtc = (date: Date) => date.toISOString().replace("T", " ").slice(0, 19);
/** numeric(18,4) "11.1700" -> "11.17". */
export const normalizeDecimal = (value: string) => fromUnits(toUnits(value));
const num = (value: string) => Number(normalizeDecimal(value));

/** The order in Order Desk's v2 JSON shape (the REST API's wire format and the UI's model). */
export function serializeOrder({ order: o, items, shipments, notes, folderName, tagColors }: OrderRecord) {
  const tag = o.tags[0] ?? "";
  return {
    id: String(o.id),
    email: o.email,
    shipping_method: o.shippingMethod,
    quantity_total: o.quantityTotal,
    weight_total: num(o.weightTotal),
    product_total: num(o.productTotal),
    shipping_total: num(o.shippingTotal),
    handling_total: num(o.handlingTotal),
    tax_total: num(o.taxTotal),
    discount_total: num(o.discountTotal),
    order_total: num(o.orderTotal),
    cc_number_masked: o.ccNumberMasked,
    cc_exp: o.ccExp,
    processor_response: o.processorResponse,
    payment_type: o.paymentType,
    payment_status: o.paymentStatus,
    processor_balance: num(o.processorBalance),
    refund_total: num(o.refundTotal),
    customer_id: o.customerId,
    email_count: String(o.emailCount),
    ip_address: o.ipAddress,
    tag_color: tagColors.find((t) => t.name.toLowerCase() === tag.toLowerCase())?.color ?? "",
    source_name: o.sourceName,
    source_id: o.sourceId ?? "",
    fulfillment_name: o.fulfillmentName,
    fulfillment_id: o.fulfillmentId,
    tag_name: tag,
    tags: o.tags,
    folder_id: o.folderId,
    folder_name: folderName,
    parent_order_id: o.parentOrderId ? String(o.parentOrderId) : "",
    copied_from_order_id: o.copiedFromOrderId ? String(o.copiedFromOrderId) : "",
    date_added: formatUtc(o.dateAdded),
    date_updated: formatUtc(o.dateUpdated),
    shipping: o.shipping,
    customer: o.customer,
    return_address: o.returnAddress,
    checkout_data: o.checkoutData,
    order_metadata: o.orderMetadata,
    discount_list: o.discountList,
    order_notes: notes.map((n) => ({ id: String(n.id), date_added: formatUtc(n.dateAdded), username: n.username, content: n.content })),
    order_items: items.map((i) => ({
      id: String(i.id),
      name: i.name,
      price: normalizeDecimal(i.price),
      quantity: i.quantity,
      weight: num(i.weight),
      code: i.code,
      delivery_type: i.deliveryType,
      category_code: i.categoryCode,
      fulfillment_method: i.fulfillmentMethod,
      variation_list: i.variationList,
      metadata: i.metadata,
    })),
    order_shipments: shipments.map((s) => ({
      id: String(s.id),
      order_id: String(s.orderId),
      store_id: String(s.storeId),
      tracking_number: s.trackingNumber,
      carrier_code: s.carrierCode,
      shipment_method: s.shipmentMethod,
      weight: normalizeDecimal(s.weight),
      cost: normalizeDecimal(s.cost),
      status: s.status,
      tracking_url: s.trackingUrl,
      label_format: s.labelFormat,
      label_image: s.labelImage,
      print_status: s.printStatus,
      source: s.source,
      cart_shipment_id: s.cartShipmentId,
      date_shipped: s.dateShipped,
      date_added: formatUtc(s.dateAdded),
    })),
  };
}

export type SerializedOrder = ReturnType<typeof serializeOrder>;

export const listOrdersInput = z.object({
  folderIds: z.array(z.number().int().positive()).max(100).optional(),
  search: z.string().trim().max(200).optional(),
  sourceName: z.string().trim().max(100).optional(),
  sourceId: z.string().trim().max(200).optional(),
  email: z.string().trim().max(254).optional(),
  tag: z.string().trim().max(100).optional(),
  addedFrom: z.date().optional(),
  addedTo: z.date().optional(),
  modifiedFrom: z.date().optional(),
  modifiedTo: z.date().optional(),
  sort: z.enum(["date_added", "date_updated"]).default("date_added"),
  direction: z.enum(["asc", "desc"]).default("desc"),
  limit: z.number().int().min(1).max(500).default(50),
  /** Keyset cursor from the previous page (UI); fast at any depth. */
  cursor: z.object({ at: z.date(), id: z.number().int() }).optional(),
  /** Bounded offset (REST API compatibility). */
  offset: z.number().int().min(0).max(100_000).default(0),
});
export type ListOrdersInput = z.input<typeof listOrdersInput>;

/**
 * Search: an order id or source id (exact), an email or shipping name (prefix), or an item SKU
 * (exact, case-insensitive). Each branch is index-backed, so it stays fast on a million orders.
 */
function searchCondition(scope: StoreScope, raw: string): SQL {
  const term = raw.toLowerCase();
  const branches: SQL[] = [
    eq(orders.sourceId, raw),
    startsWith(sql`lower(${orders.email})`, term),
    startsWith(sql`${orders.searchName}`, term),
    // = any(array(...)) rather than in (...): it keeps the OR index-backed (a BitmapOr).
    sql`${orders.id} = any(array(select ${orderItems.orderId} from ${orderItems} where ${orderItems.storeId} = ${scope.storeId} and lower(${orderItems.code}) = ${term} limit 1000))`,
  ];
  if (/^\d{1,15}$/.test(raw)) branches.push(eq(orders.id, Number(raw)));
  return or(...branches)!;
}

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * `column` starts with `prefix`, as a byte-wise range (the text_pattern_ops operators) so the index
 * is used even under a generic prepared-statement plan, where LIKE with a parameter is not.
 */
function startsWith(column: SQL, prefix: string): SQL {
  const last = prefix.codePointAt(prefix.length - 1);
  if (!prefix || last === undefined || last >= 0xd800) return sql`${column} like ${`${escapeLike(prefix)}%`}`;
  const upper = prefix.slice(0, -1) + String.fromCodePoint(last + 1);
  return sql`(${column} ~>=~ ${prefix} and ${column} ~<~ ${upper})`;
}

export async function listOrders(scope: StoreScope, rawQuery: ListOrdersInput, options: { withTotal?: boolean } = {}) {
  const q = listOrdersInput.parse(rawQuery);
  const sortColumn = q.sort === "date_added" ? orders.dateAdded : orders.dateUpdated;
  const narrowing = [
    q.search ? searchCondition(scope, q.search) : undefined,
    q.sourceName ? eq(orders.sourceName, q.sourceName) : undefined,
    q.sourceId ? eq(orders.sourceId, q.sourceId) : undefined,
    q.email ? sql`lower(${orders.email}) = ${q.email.toLowerCase()}` : undefined,
    q.tag ? sql`${orders.tags} @> array[${q.tag}]::text[]` : undefined,
    q.addedFrom ? gte(orders.dateAdded, q.addedFrom) : undefined,
    q.addedTo ? lte(orders.dateAdded, q.addedTo) : undefined,
    q.modifiedFrom ? gte(orders.dateUpdated, q.modifiedFrom) : undefined,
    q.modifiedTo ? lte(orders.dateUpdated, q.modifiedTo) : undefined,
  ].filter((f): f is SQL => f !== undefined);
  const where = and(inStore(scope), q.folderIds?.length ? inArray(orders.folderId, q.folderIds) : undefined, ...narrowing);
  const keyset = q.cursor
    ? q.direction === "desc"
      ? sql`(${sortColumn}, ${orders.id}) < (${q.cursor.at.toISOString()}::timestamptz, ${q.cursor.id})`
      : sql`(${sortColumn}, ${orders.id}) > (${q.cursor.at.toISOString()}::timestamptz, ${q.cursor.id})`
    : undefined;
  const order = q.direction === "desc" ? [desc(sortColumn), desc(orders.id)] : [asc(sortColumn), asc(orders.id)];

  const rows = await scope.db
    .select({
      id: orders.id,
      folderId: orders.folderId,
      sourceName: orders.sourceName,
      sourceId: orders.sourceId,
      email: orders.email,
      shipping: orders.shipping,
      orderTotal: orders.orderTotal,
      quantityTotal: orders.quantityTotal,
      tags: orders.tags,
      parentOrderId: orders.parentOrderId,
      copiedFromOrderId: orders.copiedFromOrderId,
      dateAdded: orders.dateAdded,
      dateUpdated: orders.dateUpdated,
    })
    .from(orders)
    .where(and(where, keyset))
    .orderBy(...order)
    .limit(q.limit + 1)
    .offset(q.cursor ? 0 : q.offset);
  const hasMore = rows.length > q.limit;
  const page = hasMore ? rows.slice(0, q.limit) : rows;
  const last = page[page.length - 1];
  const total = !options.withTotal
    ? undefined
    : narrowing.length === 0
      ? await countFromCounters(scope, q.folderIds)
      : ((await scope.db.select({ n: sql<number>`count(*)::int` }).from(orders).where(where))[0]?.n ?? 0);
  return {
    orders: page.map((r) => ({ ...r, orderTotal: normalizeDecimal(r.orderTotal) })),
    nextCursor: hasMore && last ? { at: q.sort === "date_added" ? last.dateAdded : last.dateUpdated, id: last.id } : undefined,
    total,
  };
}

/** Orders per folder, for the folder sidebar: from the trigger-kept counters, not a scan. */
export async function countOrdersByFolder(scope: StoreScope) {
  return scope.db
    .select({ folderId: orderCounts.folderId, count: sql<number>`sum(${orderCounts.count})::int` })
    .from(orderCounts)
    .where(eq(orderCounts.storeId, scope.storeId))
    .groupBy(orderCounts.folderId)
    .having(sql`sum(${orderCounts.count}) <> 0`);
}

/** The store's (or some folders') order total from the counters: exact, and O(folders). */
async function countFromCounters(scope: StoreScope, folderIds: number[] | undefined) {
  const [row] = await scope.db
    .select({ n: sql<number>`coalesce(sum(${orderCounts.count}), 0)::int` })
    .from(orderCounts)
    .where(and(eq(orderCounts.storeId, scope.storeId), folderIds?.length ? inArray(orderCounts.folderId, folderIds) : undefined));
  return row?.n ?? 0;
}

/** The orders split off this one (same store), oldest first: the order page links them. */
export async function listSplitParts(scope: StoreScope, orderId: number) {
  await getOrderExists(scope, orderId);
  const parts = await scope.db
    .select({ id: orders.id, orderTotal: orders.orderTotal })
    .from(orders)
    .where(and(inStore(scope), eq(orders.parentOrderId, orderId)))
    .orderBy(asc(orders.id))
    .limit(200);
  return parts.map((p) => ({ id: String(p.id), order_total: normalizeDecimal(p.orderTotal) }));
}

export async function getOrderHistory(scope: StoreScope, orderId: number) {
  await getOrderExists(scope, orderId);
  return scope.db
    .select({
      id: orderHistory.id,
      actorType: orderHistory.actorType,
      actorLabel: orderHistory.actorLabel,
      message: orderHistory.message,
      details: orderHistory.details,
      createdAt: orderHistory.createdAt,
    })
    .from(orderHistory)
    .where(and(eq(orderHistory.storeId, scope.storeId), eq(orderHistory.orderId, orderId)))
    .orderBy(desc(orderHistory.id));
}

async function getOrderExists(scope: StoreScope, orderId: number) {
  const [row] = await scope.db.select({ id: orders.id }).from(orders).where(and(inStore(scope), eq(orders.id, orderId))).limit(1);
  if (!row) throw notFound("Order");
}
