/**
 * The fields a file's columns can feed, per import target, in Order Desk's v2 names (what
 * `orderInput`, `inventoryBatchItemInput` and `shipmentInput` accept). `synonyms` are header
 * spellings suggestMapping recognises; matching ignores case, spaces, "_", "-" and punctuation,
 * and reads "#" and "No." as "number".
 */
export const IMPORT_TARGETS = ["orders", "inventory", "shipments"] as const;
export type ImportTarget = (typeof IMPORT_TARGETS)[number];

export interface ImportField {
  key: string;
  label: string;
  required?: boolean;
  hint?: string;
  synonyms: string[];
}

/** Order field keys that take a name after the colon: `checkout_data:Gift Message`, `item.variation:Size`. */
export const DYNAMIC_FIELD_PREFIXES = ["checkout_data:", "item.variation:"] as const;

const field = (key: string, label: string, synonyms: string[], extra: Partial<ImportField> = {}): ImportField => ({ key, label, synonyms, ...extra });

const ADDRESS_PARTS: [part: string, label: string, synonyms: string[]][] = [
  ["name", "full name", ["name", "full name", "contact name", "contact"]],
  ["first_name", "first name", ["first name", "firstname", "given name", "forename"]],
  ["last_name", "last name", ["last name", "lastname", "surname", "family name"]],
  ["company", "company", ["company", "company name", "business", "organization", "organisation"]],
  ["address1", "address line 1", ["address 1", "address1", "address", "street", "street 1", "street address", "address line 1", "line 1"]],
  ["address2", "address line 2", ["address 2", "address2", "address line 2", "line 2", "street 2", "apartment", "suite"]],
  ["city", "city", ["city", "town", "locality", "suburb"]],
  ["state", "state / province", ["state", "province", "region", "county", "state code", "province code", "state province"]],
  ["postal_code", "postal code", ["postal code", "postcode", "post code", "zip", "zip code", "zipcode", "postal"]],
  ["country", "country", ["country", "country code"]],
  ["phone", "phone", ["phone", "phone number", "telephone", "tel", "mobile"]],
];

// Bare "Name" is too ambiguous in an order file (Shopify uses it for the order number).
const BARE_EXCLUDED = new Set(["name", "contact"]);

function addressFields(prefix: "shipping" | "customer", who: string, headerPrefixes: string[], bare: boolean): ImportField[] {
  return ADDRESS_PARTS.map(([part, label, synonyms]) => {
    const spelled = headerPrefixes.flatMap((p) => synonyms.flatMap((s) => [`${p} ${s}`, `${s} ${p}`]));
    if (bare) spelled.push(...synonyms.filter((s) => !BARE_EXCLUDED.has(s)));
    return field(`${prefix}.${part}`, `${who} ${label}`, spelled, part === "name" ? { hint: "Use the split_name transform to fill first and last name." } : {});
  });
}

const MONEY_HINT = "A decimal amount such as 12.50; the number transform reads $1,234.50 or 1.234,50.";

const ORDER_FIELDS: ImportField[] = [
  field("source_id", "Order number", ["order number", "order id", "order", "orderid", "order ref", "order reference", "source id", "reference", "po number", "purchase order"], {
    required: true,
    hint: "Identifies the order, so importing the same file again skips orders already imported. Without it, the column that groups rows into orders is used.",
  }),
  field("source_name", "Source (sales channel)", ["source", "source name", "channel", "sales channel", "marketplace", "store"], { hint: 'Defaults to "CSV import".' }),
  field("email", "Customer email", ["email", "e mail", "email address", "customer email", "buyer email", "billing email"]),
  field("shipping_method", "Shipping method", ["shipping method", "ship method", "shipping service", "shipping option", "delivery method", "service level"]),
  field("product_total", "Products total", ["subtotal", "sub total", "product total", "products total", "items total", "merchandise total"], { hint: MONEY_HINT }),
  field("shipping_total", "Shipping total", ["shipping", "shipping total", "shipping cost", "shipping amount", "shipping price", "shipping charge", "freight", "postage"], { hint: MONEY_HINT }),
  field("handling_total", "Handling total", ["handling", "handling total", "handling fee"], { hint: MONEY_HINT }),
  field("tax_total", "Tax total", ["tax", "taxes", "tax total", "tax amount", "sales tax", "vat"], { hint: MONEY_HINT }),
  field("discount_total", "Discount total", ["discount", "discounts", "discount amount", "discount total"], { hint: MONEY_HINT }),
  field("order_total", "Order total", ["total", "order total", "grand total", "total amount", "amount"], { hint: MONEY_HINT }),
  field("payment_type", "Payment method", ["payment method", "payment type", "payment gateway", "gateway"]),
  field("payment_status", "Payment status", ["payment status", "financial status", "paid status"]),
  field("tags", "Tags", ["tags", "tag", "labels"], { hint: "Several tags separated by commas or semicolons." }),
  field("date_added", "Order date", ["date", "order date", "created", "created at", "date created", "date added", "order created", "purchase date", "placed at"], {
    hint: "Use the date transform to read other date formats; stored in UTC.",
  }),
  field("note", "Order note", ["note", "notes", "order note", "order notes", "customer note", "comments", "comment"]),
  ...addressFields("shipping", "Ship-to", ["shipping", "ship to", "shipto", "ship", "delivery", "recipient", "shipping address"], true),
  ...addressFields("customer", "Customer (billing)", ["billing", "bill to", "billto", "bill", "customer", "buyer", "billing address", "invoice"], false),
  field("item.name", "Item name", ["item name", "product name", "product", "item", "description", "item description", "lineitem name", "title", "product title"]),
  field("item.code", "Item code (SKU)", ["sku", "item code", "item sku", "product code", "product sku", "variant sku", "lineitem sku", "code", "part number"]),
  field("item.price", "Item price", ["price", "item price", "unit price", "lineitem price", "product price"], { hint: MONEY_HINT }),
  field("item.quantity", "Item quantity", ["quantity", "qty", "item quantity", "lineitem quantity", "qty ordered", "units"]),
  field("item.weight", "Item weight", ["weight", "item weight", "unit weight"]),
  field("item.category_code", "Item category / vendor", ["vendor", "category", "brand", "supplier", "category code"]),
  field("item.variation", "Item options", ["variation", "variant", "options", "variant title", "item options"], {
    hint: 'Lines or ";"-separated pairs like "Size: L". Map a single option column with the key item.variation:<Name>.',
  }),
];

const INVENTORY_FIELDS: ImportField[] = [
  field("code", "SKU (item code)", ["sku", "code", "item code", "product code", "variant sku", "part number", "item sku"], { required: true }),
  field("name", "Name", ["name", "product name", "item name", "title", "product", "description"]),
  field("price", "Price", ["price", "unit price", "retail price", "sale price"], { hint: MONEY_HINT }),
  field("cost", "Cost", ["cost", "unit cost", "cost price", "wholesale price"], { hint: MONEY_HINT }),
  field("weight", "Weight", ["weight", "item weight", "unit weight"]),
  field("stock", "Stock", ["stock", "qty", "quantity", "on hand", "qty on hand", "available", "inventory", "stock level", "inventory quantity"], {
    hint: "A whole number. With stock mode “adjust” it is added to (or, if negative, taken from) the current stock.",
  }),
  field("location", "Location", ["location", "bin", "bin location", "warehouse location", "shelf"]),
];

const SHIPMENT_FIELDS: ImportField[] = [
  field("source_id", "Order number", ["order number", "order id", "order", "orderid", "order ref", "order reference", "source id", "reference"], {
    hint: "The order number from the sales channel (when matching by source id).",
  }),
  field("order_id", "Switchyard order id", ["switchyard id", "switchyard order id", "internal id", "internal order id", "order desk id"], {
    hint: "Switchyard's own order number (when matching by id).",
  }),
  field("tracking_number", "Tracking number", ["tracking number", "tracking", "tracking code", "tracking id", "tracking no", "awb", "waybill"], { required: true }),
  field("carrier_code", "Carrier", ["carrier", "carrier code", "carrier name", "shipping carrier", "courier"]),
  field("shipment_method", "Service", ["service", "shipping service", "shipment method", "shipping method", "ship method", "method", "mail class", "service level"]),
  field("tracking_url", "Tracking URL", ["tracking url", "tracking link", "url"]),
  field("weight", "Weight", ["weight", "package weight"]),
  field("cost", "Cost", ["cost", "shipping cost", "label cost", "postage"], { hint: MONEY_HINT }),
  field("date_shipped", "Date shipped", ["date shipped", "ship date", "shipped date", "shipped at", "shipped on", "date"], {
    hint: "Use the date transform to read other date formats.",
  }),
];

export const IMPORT_FIELDS: Record<ImportTarget, ImportField[]> = {
  orders: ORDER_FIELDS,
  inventory: INVENTORY_FIELDS,
  shipments: SHIPMENT_FIELDS,
};

/** Header spelling as suggestMapping compares it: "Tracking #" and "tracking_number" are equal. */
export function normalizeHeader(header: string): string {
  return header
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/#/g, " number ")
    .replace(/\b(no|nr|num)\b\.?/g, " number ")
    .replace(/[^a-z0-9]+/g, "");
}
