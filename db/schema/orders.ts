import { sql } from "drizzle-orm";
import {
  bigint,
  check,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { folders, stores } from "./stores";

/** Money and weights are decimal strings (numeric), never floats. */
const money = (name: string) => numeric(name, { precision: 18, scale: 4 }).notNull().default("0");
const weight = (name: string) => numeric(name, { precision: 14, scale: 4 }).notNull().default("0");

export interface Address {
  title?: string;
  name?: string;
  first_name?: string;
  last_name?: string;
  company?: string;
  address1?: string;
  address2?: string;
  address3?: string;
  address4?: string;
  city?: string;
  state?: string;
  postal_code?: string;
  country?: string;
  phone?: string;
}
export type KeyValues = Record<string, string | number | boolean | null>;
export interface Discount {
  name?: string;
  code?: string;
  amount?: string;
}

export const orders = pgTable(
  "orders",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity({ startWith: 100001 }),
    storeId: integer("store_id")
      .notNull()
      .references(() => stores.id, { onDelete: "cascade" }),
    folderId: integer("folder_id")
      .notNull()
      .references(() => folders.id),
    sourceName: text("source_name").notNull(),
    /** The order's id at its source; with sourceName it makes ingest idempotent. */
    sourceId: text("source_id"),
    email: text("email").notNull().default(""),
    shippingMethod: text("shipping_method").notNull().default(""),
    quantityTotal: integer("quantity_total").notNull().default(0),
    weightTotal: weight("weight_total"),
    productTotal: money("product_total"),
    shippingTotal: money("shipping_total"),
    handlingTotal: money("handling_total"),
    taxTotal: money("tax_total"),
    discountTotal: money("discount_total"),
    orderTotal: money("order_total"),
    ccNumberMasked: text("cc_number_masked").notNull().default(""),
    ccExp: text("cc_exp").notNull().default(""),
    processorResponse: text("processor_response").notNull().default(""),
    paymentType: text("payment_type").notNull().default(""),
    paymentStatus: text("payment_status").notNull().default(""),
    processorBalance: money("processor_balance"),
    refundTotal: money("refund_total"),
    customerId: text("customer_id").notNull().default(""),
    emailCount: integer("email_count").notNull().default(0),
    ipAddress: text("ip_address").notNull().default(""),
    fulfillmentName: text("fulfillment_name").notNull().default(""),
    fulfillmentId: text("fulfillment_id").notNull().default(""),
    /** Tag names; their colours live in store_tags. */
    tags: text("tags").array().notNull().default(sql`'{}'::text[]`),
    shipping: jsonb("shipping").$type<Address>().notNull().default({}),
    customer: jsonb("customer").$type<Address>().notNull().default({}),
    returnAddress: jsonb("return_address").$type<Address>().notNull().default({}),
    checkoutData: jsonb("checkout_data").$type<KeyValues>().notNull().default({}),
    orderMetadata: jsonb("order_metadata").$type<KeyValues>().notNull().default({}),
    discountList: jsonb("discount_list").$type<Discount[]>().notNull().default([]),
    /** Lower-cased "first last" of the shipping (else customer) name, for prefix search. */
    searchName: text("search_name").notNull().default(""),
    /** Set on the children of a split. */
    parentOrderId: bigint("parent_order_id", { mode: "number" }),
    /** Set on a copy: the order (possibly in another store) it stays linked to. */
    copiedFromOrderId: bigint("copied_from_order_id", { mode: "number" }),
    // Millisecond precision, so a keyset cursor carried as a JS Date matches rows exactly.
    dateAdded: timestamp("date_added", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    dateUpdated: timestamp("date_updated", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("orders_store_source_unique")
      .on(t.storeId, t.sourceName, t.sourceId)
      .where(sql`${t.sourceId} is not null`),
    // Ascending on purpose: scanned forwards or backwards, they serve both sort directions
    // (a "desc" index is "nulls last", which an ORDER BY ... DESC cannot use).
    index("orders_store_folder_added_idx").on(t.storeId, t.folderId, t.dateAdded, t.id),
    index("orders_store_added_idx").on(t.storeId, t.dateAdded, t.id),
    index("orders_store_updated_idx").on(t.storeId, t.dateUpdated, t.id),
    index("orders_store_source_id_idx").on(t.storeId, t.sourceId),
    index("orders_store_email_idx").on(t.storeId, sql`lower(${t.email}) text_pattern_ops`),
    index("orders_store_name_idx").on(t.storeId, sql`${t.searchName} text_pattern_ops`),
    index("orders_tags_idx").using("gin", t.tags),
    index("orders_parent_idx").on(t.parentOrderId),
    index("orders_copied_from_idx").on(t.copiedFromOrderId),
    check("orders_quantity_total_nonnegative", sql`${t.quantityTotal} >= 0`),
  ],
);

export const orderItems = pgTable(
  "order_items",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    orderId: bigint("order_id", { mode: "number" })
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    storeId: integer("store_id").notNull(),
    position: integer("position").notNull().default(0),
    name: text("name").notNull().default(""),
    code: text("code").notNull().default(""),
    price: money("price"),
    quantity: integer("quantity").notNull().default(1),
    weight: weight("weight"),
    deliveryType: text("delivery_type").notNull().default("ship"),
    categoryCode: text("category_code").notNull().default(""),
    fulfillmentMethod: text("fulfillment_method").notNull().default(""),
    variationList: jsonb("variation_list").$type<KeyValues>().notNull().default({}),
    metadata: jsonb("metadata").$type<KeyValues>().notNull().default({}),
  },
  (t) => [
    index("order_items_order_idx").on(t.orderId, t.position),
    index("order_items_store_code_idx").on(t.storeId, sql`lower(${t.code})`),
    check("order_items_quantity_nonnegative", sql`${t.quantity} >= 0`),
  ],
);

export const orderShipments = pgTable(
  "order_shipments",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    orderId: bigint("order_id", { mode: "number" })
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    storeId: integer("store_id").notNull(),
    trackingNumber: text("tracking_number").notNull().default(""),
    carrierCode: text("carrier_code").notNull().default(""),
    shipmentMethod: text("shipment_method").notNull().default(""),
    trackingUrl: text("tracking_url").notNull().default(""),
    weight: weight("weight"),
    cost: money("cost"),
    status: text("status").notNull().default(""),
    labelFormat: text("label_format").notNull().default(""),
    labelImage: text("label_image").notNull().default(""),
    printStatus: text("print_status").notNull().default(""),
    source: text("source").notNull().default("Manual"),
    cartShipmentId: text("cart_shipment_id").notNull().default(""),
    /** On an original: the copy's shipment this one was flowed back from. */
    mirroredFromShipmentId: bigint("mirrored_from_shipment_id", { mode: "number" }),
    dateShipped: text("date_shipped").notNull().default(""),
    dateAdded: timestamp("date_added", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("order_shipments_order_idx").on(t.orderId), index("order_shipments_store_idx").on(t.storeId)],
);

export const orderNotes = pgTable(
  "order_notes",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    orderId: bigint("order_id", { mode: "number" })
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    storeId: integer("store_id").notNull(),
    username: text("username").notNull(),
    content: text("content").notNull(),
    dateAdded: timestamp("date_added", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("order_notes_order_idx").on(t.orderId)],
);

export type HistoryActorType = "user" | "api_key" | "rule" | "integration" | "system";

/** Every change to an order, with who made it. Kept when the order moves store (copied over). */
export const orderHistory = pgTable(
  "order_history",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    orderId: bigint("order_id", { mode: "number" })
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    storeId: integer("store_id").notNull(),
    actorType: text("actor_type").$type<HistoryActorType>().notNull(),
    actorId: text("actor_id").notNull().default(""),
    actorLabel: text("actor_label").notNull(),
    message: text("message").notNull(),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("order_history_order_idx").on(t.orderId, t.id)],
);

/** Tag colours per store (orders carry tag names). */
export const storeTags = pgTable(
  "store_tags",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    storeId: integer("store_id")
      .notNull()
      .references(() => stores.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    color: text("color").notNull().default(""),
  },
  (t) => [uniqueIndex("store_tags_store_name_unique").on(t.storeId, sql`lower(${t.name})`)],
);

/**
 * Orders per (store, folder), kept exact by statement-level triggers on `orders` (migration
 * 0003_order_counts): folder badges and whole-store totals without counting a million rows.
 * Split over 32 rows per folder like usage_counters, so concurrent writers do not queue on one
 * lock. No foreign keys: the triggers also run while a store's rows are being cascade-deleted.
 */
export const orderCounts = pgTable(
  "order_counts",
  {
    storeId: integer("store_id").notNull(),
    folderId: integer("folder_id").notNull(),
    shard: smallint("shard").notNull(),
    count: bigint("count", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.folderId, t.shard] })],
);

/** Orders counted for billing: every created order, copies included, per store per UTC month. */
export const usageCounters = pgTable(
  "usage_counters",
  {
    storeId: integer("store_id")
      .notNull()
      .references(() => stores.id, { onDelete: "cascade" }),
    month: text("month").notNull(),
    /** One of 32 rows per store and month, so concurrent ingests do not share one row lock. */
    shard: smallint("shard").notNull().default(0),
    ordersCreated: integer("orders_created").notNull().default(0),
  },
  (t) => [uniqueIndex("usage_counters_store_month_shard_unique").on(t.storeId, t.month, t.shard)],
);

export type Order = typeof orders.$inferSelect;
export type OrderItem = typeof orderItems.$inferSelect;
export type OrderShipment = typeof orderShipments.$inferSelect;
