import type { FieldMapping } from "./mapping";

/**
 * Shopify's "Export orders" CSV: one row per line item; continuation rows repeat `Name` with the
 * order's cells blank. Most columns map straight onto order fields (SHOPIFY_FIELDS, read by the
 * same code as any mapping); shopifyExtras does the rest. Money stays as decimal strings.
 */
export const SHOPIFY_COLUMNS = [
  "Name", "Email", "Financial Status", "Paid at", "Fulfillment Status", "Fulfilled at", "Accepts Marketing", "Currency", "Subtotal", "Shipping", "Taxes", "Total",
  "Discount Code", "Discount Amount", "Shipping Method", "Created at", "Lineitem quantity", "Lineitem name", "Lineitem price", "Lineitem compare at price",
  "Lineitem sku", "Lineitem requires shipping", "Lineitem taxable", "Lineitem fulfillment status", "Billing Name", "Billing Street", "Billing Address1",
  "Billing Address2", "Billing Company", "Billing City", "Billing Zip", "Billing Province", "Billing Country", "Billing Phone", "Shipping Name",
  "Shipping Street", "Shipping Address1", "Shipping Address2", "Shipping Company", "Shipping City", "Shipping Zip", "Shipping Province", "Shipping Country",
  "Shipping Phone", "Notes", "Note Attributes", "Cancelled at", "Payment Method", "Payment Reference", "Refunded Amount", "Vendor", "Outstanding Balance",
  "Employee", "Location", "Device ID", "Id", "Tags", "Risk Level", "Source", "Lineitem discount", "Tax 1 Name", "Tax 1 Value", "Tax 2 Name", "Tax 2 Value",
  "Tax 3 Name", "Tax 3 Value", "Tax 4 Name", "Tax 4 Value", "Tax 5 Name", "Tax 5 Value", "Phone", "Receipt Number", "Duties", "Billing Province Name",
  "Shipping Province Name", "Payment ID", "Payment Terms Name", "Next Payment Due At", "Payment References",
] as const;

/** Older exports stop at "Tax 5 Value". */
export const SHOPIFY_LEGACY_COLUMN_COUNT = 66;

export const SHOPIFY_ORDER_KEY = "Name";

/**
 * The export is recognised by its layout: every column of the older 66-column export present,
 * spelled as Shopify spells it (any case, any order); extra columns are fine.
 */
export function detectShopify(headers: string[]): boolean {
  const present = new Set(headers.map((h) => h.trim().toLowerCase()));
  return SHOPIFY_COLUMNS.slice(0, SHOPIFY_LEGACY_COLUMN_COUNT).every((column) => present.has(column.toLowerCase()));
}

const address = (side: "Billing" | "Shipping", prefix: "customer" | "shipping"): Record<string, FieldMapping> => ({
  [`${prefix}.name`]: { column: `${side} Name`, transform: "split_name" },
  [`${prefix}.company`]: { column: `${side} Company` },
  [`${prefix}.address1`]: { column: `${side} Address1` },
  [`${prefix}.address2`]: { column: `${side} Address2` },
  [`${prefix}.city`]: { column: `${side} City` },
  [`${prefix}.state`]: { column: `${side} Province` },
  [`${prefix}.postal_code`]: { column: `${side} Zip` },
  [`${prefix}.country`]: { column: `${side} Country` },
  [`${prefix}.phone`]: { column: `${side} Phone` },
});

/** Column -> field, as a mapping. source_id, source_name, discounts and Note Attributes are in shopifyExtras. */
export const SHOPIFY_FIELDS: Record<string, FieldMapping> = {
  email: { column: "Email" },
  payment_status: { column: "Financial Status" },
  product_total: { column: "Subtotal" },
  shipping_total: { column: "Shipping" },
  tax_total: { column: "Taxes" },
  order_total: { column: "Total" },
  discount_total: { column: "Discount Amount" },
  shipping_method: { column: "Shipping Method" },
  // "2025-05-11 09:55:16 -0400": the date transform applies the offset, giving UTC.
  date_added: { column: "Created at", transform: "date" },
  payment_type: { column: "Payment Method" },
  tags: { column: "Tags" },
  note: { column: "Notes" },
  "checkout_data:Order Name": { column: "Name" },
  "item.quantity": { column: "Lineitem quantity" },
  "item.name": { column: "Lineitem name" },
  "item.price": { column: "Lineitem price" },
  "item.code": { column: "Lineitem sku" },
  // Order Desk files Shopify's vendor as the item's category code.
  "item.category_code": { column: "Vendor" },
  ...address("Billing", "customer"),
  ...address("Shipping", "shipping"),
};

/** What shopifyExtras reads and writes; rows.ts provides it for one order's rows. */
export interface OrderDraftAccess {
  /** The first non-blank value of a column among the order's rows (undefined if absent or blank). */
  first(column: string): { value: string; line: number } | undefined;
  /** Records where a field's value came from, so a validation error can name the column. */
  from(path: string, column: string, line: number): void;
}

export function shopifyExtras(input: Record<string, unknown>, rows: OrderDraftAccess): void {
  // The numeric Id is stable; Name ("#1001") can be renumbered by a shop's prefix settings.
  const id = rows.first("Id") ?? rows.first(SHOPIFY_ORDER_KEY);
  if (id) {
    input.source_id = id.value;
    rows.from("source_id", rows.first("Id") ? "Id" : SHOPIFY_ORDER_KEY, id.line);
  }
  input.source_name = "Shopify";

  const code = rows.first("Discount Code");
  if (code) {
    input.discount_list = [{ name: code.value, code: code.value, amount: rows.first("Discount Amount")?.value ?? "0" }];
    rows.from("discount_list", "Discount Amount", code.line);
  }

  const attributes = rows.first("Note Attributes");
  if (attributes) {
    input.checkout_data = { ...(input.checkout_data as object | undefined), ...noteAttributes(attributes.value) };
    rows.from("checkout_data", "Note Attributes", attributes.line);
  }

  // Shopify writes zips and phones as '02134 so spreadsheets keep the leading zero.
  for (const side of ["shipping", "customer"] as const) {
    const address = input[side] as Record<string, string> | undefined;
    for (const part of ["postal_code", "phone"]) {
      if (address?.[part]?.startsWith("'")) address[part] = address[part].slice(1);
    }
  }
}

/** "gift_message: Happy birthday\nDelivery date: 2025-05-20" -> { gift_message: "Happy birthday", ... }. */
export function noteAttributes(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const colon = line.indexOf(":");
    if (!line.trim()) continue;
    if (colon > 0) out[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
    else out["Note Attributes"] = [out["Note Attributes"], line.trim()].filter(Boolean).join("\n");
  }
  return out;
}
