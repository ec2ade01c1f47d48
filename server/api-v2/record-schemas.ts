import { z } from "zod";
import type { SerializedInventoryItem } from "@/server/inventory/schemas";
import type { SerializedOrder } from "@/server/orders/read";

/**
 * The order as the API answers it (serializeOrder's output), for the OpenAPI document. The type
 * checks at the bottom fail the build if serializeOrder and this schema drift apart.
 */
const text = z.string();
const amount = z.number().describe("Decimal amount (at most 4 decimals).");
const decimalText = z.string().describe("Decimal amount as a string, e.g. \"10.5\".");
const dateTime = z.string().describe("YYYY-MM-DD HH:MM:SS (UTC).");
const keyValues = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));

const address = z
  .object({
    title: text,
    name: text,
    first_name: text,
    last_name: text,
    company: text,
    address1: text,
    address2: text,
    address3: text,
    address4: text,
    city: text,
    state: text,
    postal_code: text,
    country: text,
    phone: text,
  })
  .partial();

export const orderItemRecord = z.object({
  id: text,
  name: text,
  price: decimalText,
  quantity: z.number().int(),
  weight: amount,
  code: text,
  delivery_type: text,
  category_code: text,
  fulfillment_method: text,
  variation_list: keyValues,
  metadata: keyValues,
});

export const shipmentRecord = z.object({
  id: text,
  order_id: text,
  store_id: text,
  tracking_number: text,
  carrier_code: text,
  shipment_method: text,
  weight: decimalText,
  cost: decimalText,
  status: text,
  tracking_url: text.describe("Derived from the carrier and tracking number when not sent."),
  label_format: text,
  label_image: text,
  print_status: text,
  source: text,
  cart_shipment_id: text,
  date_shipped: text,
  date_added: dateTime,
});

export const orderRecord = z.object({
  id: text,
  email: text,
  shipping_method: text,
  quantity_total: z.number().int(),
  weight_total: amount,
  product_total: amount,
  shipping_total: amount,
  handling_total: amount,
  tax_total: amount,
  discount_total: amount,
  order_total: amount,
  cc_number_masked: text,
  cc_exp: text,
  processor_response: text,
  payment_type: text,
  payment_status: text,
  processor_balance: amount,
  refund_total: amount,
  customer_id: text,
  email_count: text,
  ip_address: text,
  tag_color: text,
  source_name: text,
  source_id: text,
  fulfillment_name: text,
  fulfillment_id: text,
  tag_name: text.describe("The first tag."),
  tags: z.array(text),
  folder_id: z.number().int(),
  folder_name: text,
  parent_order_id: text.describe("Set on the children of a split."),
  copied_from_order_id: text.describe("Set on a copy of an order."),
  date_added: dateTime,
  date_updated: dateTime,
  shipping: address,
  customer: address,
  return_address: address,
  checkout_data: keyValues,
  order_metadata: keyValues,
  discount_list: z.array(z.object({ name: text, code: text, amount: text }).partial()),
  order_notes: z.array(z.object({ id: text, date_added: dateTime, username: text, content: text })),
  order_items: z.array(orderItemRecord),
  order_shipments: z.array(shipmentRecord),
});

type Documented = z.infer<typeof orderRecord>;
// Both directions: a field added to or removed from serializeOrder breaks the build here.
export const documentedMatchesSerialized: [SerializedOrder extends Documented ? true : false, Documented extends SerializedOrder ? true : false] = [true, true];

export const inventoryItemRecord = z.object({
  id: text,
  name: text,
  code: text.describe("SKU, unique per store (any case)."),
  price: decimalText,
  cost: decimalText,
  weight: amount,
  stock: z.number().int(),
  location: text,
  metadata: keyValues,
  update_source: text,
  date_added: dateTime,
  date_updated: dateTime,
});

type DocumentedItem = z.infer<typeof inventoryItemRecord>;
export const documentedMatchesSerializedItem: [
  SerializedInventoryItem extends DocumentedItem ? true : false,
  DocumentedItem extends SerializedInventoryItem ? true : false,
] = [true, true];
