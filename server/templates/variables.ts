import { isDecimal, multiplyDecimal } from "@/server/orders/money";
import type { SerializedOrder } from "@/server/orders/read";

/**
 * What templates see. The order is Order Desk's v2 JSON, unchanged, so `{{ order | json }}` and
 * ported Order Desk templates give the same output; the conveniences added here are
 * non-enumerable, so templates can read them but JSON and key/value loops don't show them.
 */

type Address = Record<string, unknown>;
type AddressExtras = { full_name: string; address_lines: string[] };
type Item = SerializedOrder["order_items"][number];

export type TemplateOrder = Omit<SerializedOrder, "shipping" | "customer" | "return_address" | "order_items"> & {
  shipping: SerializedOrder["shipping"] & AddressExtras;
  customer: SerializedOrder["customer"] & AddressExtras;
  return_address: SerializedOrder["return_address"] & AddressExtras;
  order_items: (Item & { line_total: string })[];
  tracking_number: string;
  tracking_url: string;
};

function withHidden<T extends object, E extends Record<string, unknown>>(target: T, extras: E): T & E {
  for (const [key, value] of Object.entries(extras)) {
    Object.defineProperty(target, key, { value, enumerable: false, writable: true, configurable: true });
  }
  return target as T & E;
}

const text = (value: unknown) => (typeof value === "string" ? value.trim() : typeof value === "number" ? String(value) : "");

function fullName(address: Address): string {
  return text(address.name) || [text(address.first_name), text(address.last_name)].filter(Boolean).join(" ");
}

/** The address as printed on a label: name, company, street lines, "city, state postcode", country. */
function addressLines(address: Address): string[] {
  const cityLine = [text(address.city), [text(address.state), text(address.postal_code)].filter(Boolean).join(" ")].filter(Boolean).join(", ");
  return [fullName(address), text(address.company), text(address.address1), text(address.address2), text(address.address3), text(address.address4), cityLine, text(address.country)].filter(Boolean);
}

function address<T>(value: T): T & AddressExtras {
  // Order Desk writes an empty map as [] (PHP); treat anything that is not an object as empty.
  const copy: Address = value && typeof value === "object" && !Array.isArray(value) ? { ...(value as Address) } : {};
  return withHidden(copy, { full_name: fullName(copy), address_lines: addressLines(copy) }) as T & AddressExtras;
}

/** price × quantity, exactly; "" when the price is not a decimal. */
function lineTotal(item: { price?: unknown; quantity?: unknown }): string {
  const price = typeof item.price === "number" ? String(item.price) : typeof item.price === "string" ? item.price.trim() : "";
  const quantity = Number(item.quantity ?? 0);
  if (!isDecimal(price) || !Number.isSafeInteger(quantity)) return "";
  return multiplyDecimal(price, quantity);
}

/** The order as templates see it: the v2 JSON plus hidden conveniences (see TEMPLATE_VARIABLES). */
export function orderVariables(order: SerializedOrder): TemplateOrder {
  const items = Array.isArray(order.order_items) ? order.order_items : [];
  const shipments = Array.isArray(order.order_shipments) ? order.order_shipments : [];
  const latest = shipments[shipments.length - 1];
  const copy = {
    ...order,
    shipping: address(order.shipping),
    customer: address(order.customer),
    // Left out when absent (Order Desk's own records may lack it), so JSON output matches the input.
    ...("return_address" in order ? { return_address: address(order.return_address) } : {}),
    order_items: items.map((item) => withHidden({ ...item }, { line_total: lineTotal(item) })),
  };
  return withHidden(copy, { tracking_number: latest?.tracking_number ?? "", tracking_url: latest?.tracking_url ?? "" }) as TemplateOrder;
}

export function storeVariables(store: { id: number; name: string; timezone: string; currency: string }) {
  return { store_name: store.name, store_id: store.id, store_timezone: store.timezone, store_currency: store.currency };
}

export interface TemplateVariable {
  name: string;
  description: string;
  /** Where the variable exists: every template, export documents, or emails. */
  in: "all" | "export" | "email";
}

/** For the template editor's help panel. */
export const TEMPLATE_VARIABLES: readonly TemplateVariable[] = [
  { name: "store_name", description: "The store's name.", in: "all" },
  { name: "store_id", description: "The store's number.", in: "all" },
  { name: "store_timezone", description: "The store's time zone (dates are shown in it), e.g. Europe/Berlin.", in: "all" },
  { name: "store_currency", description: "The store's currency code, e.g. USD.", in: "all" },
  { name: "orders", description: "Batch exports: the list of orders, `{% for order in orders %}`.", in: "export" },
  { name: "order_count", description: "Exports: how many orders the document holds.", in: "export" },
  { name: "now", description: "Exports: when the export ran (ISO 8601, UTC). `{{ 'now' | local_date: '%Y-%m-%d' }}` works everywhere.", in: "export" },
  { name: "order", description: "The order (one-file-per-order exports, emails): Order Desk's v2 order fields.", in: "all" },
  { name: "order.id", description: "The order number.", in: "all" },
  { name: "order.source_id", description: "The order's number in the shop it came from.", in: "all" },
  { name: "order.source_name", description: "Where the order came from.", in: "all" },
  { name: "order.email", description: "The customer's email.", in: "all" },
  { name: "order.date_added", description: "When the order was placed, \"YYYY-MM-DD HH:MM:SS\" in UTC; use `| local_date`.", in: "all" },
  { name: "order.date_updated", description: "When the order last changed (UTC).", in: "all" },
  { name: "order.shipping_method", description: "The shipping method the customer chose.", in: "all" },
  {
    name: "order.order_total",
    description: "Totals: order_total, product_total, shipping_total, handling_total, tax_total, discount_total, refund_total; use `| money`.",
    in: "all",
  },
  { name: "order.quantity_total", description: "Number of units ordered.", in: "all" },
  { name: "order.folder_name", description: "The folder the order is in (folder_id is its number).", in: "all" },
  { name: "order.tag_name", description: "The order's first tag (tags is the list).", in: "all" },
  {
    name: "order.shipping",
    description: "The shipping address: first_name, last_name, company, address1-address4, city, state, postal_code, country, phone.",
    in: "all",
  },
  { name: "order.shipping.full_name", description: "First and last name together (also on order.customer and order.return_address).", in: "all" },
  { name: "order.shipping.address_lines", description: "The address as label lines (name, company, street, city line, country), empty parts left out.", in: "all" },
  { name: "order.customer", description: "The billing address, same fields as order.shipping.", in: "all" },
  { name: "order.order_items", description: "The line items: id, name, code (SKU), price, quantity, weight, variation_list, metadata.", in: "all" },
  { name: "item.line_total", description: "Inside `{% for item in order.order_items %}`: price × quantity, exactly.", in: "all" },
  { name: "order.order_shipments", description: "Shipments: tracking_number, carrier_code, shipment_method, tracking_url, date_shipped.", in: "all" },
  { name: "order.tracking_number", description: "The latest shipment's tracking number (tracking_url its link), or empty.", in: "all" },
  { name: "order.checkout_data", description: "Key/value answers from checkout, e.g. `order.checkout_data['Gift Message']`.", in: "all" },
  { name: "order.order_metadata", description: "Key/value data attached to the order.", in: "all" },
  { name: "order.order_notes", description: "Notes: date_added, username, content.", in: "all" },
  { name: "order.discount_list", description: "Discounts: name, code, amount.", in: "all" },
  { name: "shipment", description: "Shipment notifications: tracking_number, carrier_code, shipment_method, tracking_url, date_shipped.", in: "email" },
  { name: "file_name", description: "Emailed exports: the attached file's name.", in: "email" },
];
