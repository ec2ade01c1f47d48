import { z } from "zod";
import { isDecimal } from "./money";

/**
 * The order as it comes in, from every door (REST API, UI, imports, carts): Order Desk's v2 field
 * names, with its quirks accepted (numbers as strings, empty maps as []). Unknown fields are
 * refused; read-only fields a client may echo back from a GET (ids, date_updated) are ignored.
 */

const text = (max = 1000) =>
  z
    .union([z.string(), z.number(), z.null()])
    .transform((v) => (v === null ? "" : String(v)))
    .pipe(z.string().max(max, `Use at most ${max} characters.`));

export const decimal = z
  .union([z.string(), z.number()])
  .transform((v) => (typeof v === "number" ? String(v) : v.trim()))
  .refine(isDecimal, "Expected a decimal amount such as 12.50 (at most 4 decimals).");

const nonNegativeDecimal = decimal.refine((v) => !v.startsWith("-"), "Must not be negative.");

const integer = (min = 0) =>
  z
    .union([z.number(), z.string().regex(/^-?\d+$/, "Expected a whole number.")])
    .transform(Number)
    .pipe(z.number().int("Expected a whole number.").min(min, min === 0 ? "Must not be negative." : `Must be at least ${min}.`).max(1_000_000_000));

/** Key/value maps: `{}` or, as PHP serialises an empty one, `[]`. */
export const keyValues = (maxJsonChars: number) =>
  z
    .union([z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])), z.array(z.never()).length(0)])
    .transform((v) => (Array.isArray(v) ? {} : v))
    .refine((v) => JSON.stringify(v).length <= maxJsonChars, `Use at most ${maxJsonChars} characters in total.`);

/** "YYYY-MM-DD HH:MM:SS" in UTC (ISO 8601 also accepted). */
export const utcDateTime = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2})?(\.\d+)?(Z|[+-]\d{2}:?\d{2})?)?$/, "Expected a date as YYYY-MM-DD HH:MM:SS (UTC).")
  .transform((v, ctx) => {
    const iso = v.includes("T") || /[Z+]/.test(v.slice(10)) ? v.replace(" ", "T") : `${v.replace(" ", "T")}${v.length > 10 ? "" : "T00:00:00"}Z`;
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) {
      ctx.addIssue({ code: "custom", message: "Not a real date." });
      return z.NEVER;
    }
    return date;
  });

export const addressInput = z
  .object({
    title: text(100),
    name: text(200),
    first_name: text(100),
    last_name: text(100),
    company: text(200),
    address1: text(300),
    address2: text(300),
    address3: text(300),
    address4: text(300),
    city: text(100),
    state: text(100),
    postal_code: text(40),
    country: text(60),
    phone: text(60),
  })
  .partial()
  .strict();

export const orderItemInput = z
  .object({
    id: z.unknown().optional(),
    name: text(500).default(""),
    code: text(200).default(""),
    price: decimal.default("0"),
    quantity: integer(0).default(1),
    weight: nonNegativeDecimal.default("0"),
    delivery_type: text(50).default("ship"),
    category_code: text(200).default(""),
    fulfillment_method: text(100).default(""),
    variation_list: keyValues(2000).default({}),
    metadata: keyValues(4000).default({}),
  })
  .strict();

export const shipmentInput = z
  .object({
    id: z.unknown().optional(),
    order_id: z.unknown().optional(),
    store_id: z.unknown().optional(),
    date_added: z.unknown().optional(),
    tracking_number: text(200).default(""),
    carrier_code: text(100).default(""),
    shipment_method: text(200).default(""),
    tracking_url: text(1000).default(""),
    weight: nonNegativeDecimal.default("0"),
    cost: decimal.default("0"),
    status: text(100).default(""),
    label_format: text(50).default(""),
    label_image: text(100_000).default(""),
    print_status: text(50).default(""),
    source: text(100).default("Manual"),
    cart_shipment_id: text(200).default(""),
    label_shipment_id: z.unknown().optional(),
    order_items: z.unknown().optional(),
    date_shipped: text(40).default(""),
  })
  .strict();

export const noteInput = z
  .object({
    date_added: z.unknown().optional(),
    username: text(200).optional(),
    content: text(5000).pipe(z.string().min(1, "A note needs content.")),
  })
  .strict();

export const discountInput = z.object({ name: text(200), code: text(200), amount: decimal }).partial().strict();

const orderFields = {
  source_id: text(200).optional(),
  source_name: text(100).optional(),
  email: text(254).optional(),
  shipping_method: text(200).optional(),
  product_total: decimal.optional(),
  shipping_total: decimal.optional(),
  handling_total: decimal.optional(),
  tax_total: decimal.optional(),
  discount_total: decimal.optional(),
  order_total: decimal.optional(),
  cc_number_masked: text(40).optional(),
  cc_exp: text(20).optional(),
  processor_response: text(1000).optional(),
  payment_type: text(100).optional(),
  payment_status: text(100).optional(),
  processor_balance: decimal.optional(),
  refund_total: decimal.optional(),
  customer_id: text(200).optional(),
  email_count: integer(0).optional(),
  ip_address: text(100).optional(),
  fulfillment_name: text(200).optional(),
  fulfillment_id: text(200).optional(),
  tag_name: text(100).optional(),
  /** Every tag (Switchyard extension; tag_name is the first). */
  tags: z.array(text(100).pipe(z.string().min(1))).max(20).optional(),
  tag_color: text(50).optional(),
  folder_id: integer(1).optional(),
  folder_name: text(60).optional(),
  date_added: utcDateTime.optional(),
  shipping: addressInput.optional(),
  customer: addressInput.optional(),
  return_address: addressInput.optional(),
  checkout_data: keyValues(3500).optional(),
  order_metadata: keyValues(2000).optional(),
  discount_list: z.array(discountInput).max(100).optional(),
  order_items: z.array(orderItemInput).max(1000).optional(),
  order_notes: z.array(noteInput).max(500).optional(),
  order_shipments: z.array(shipmentInput).max(500).optional(),
  // Read-only on our side; accepted so a record read from GET can be sent back as is.
  id: z.unknown().optional(),
  date_updated: z.unknown().optional(),
  quantity_total: z.unknown().optional(),
  weight_total: z.unknown().optional(),
  parent_order_id: z.unknown().optional(),
  copied_from_order_id: z.unknown().optional(),
};

export const orderInput = z.object(orderFields).strict();
export type OrderInput = z.infer<typeof orderInput>;
export type OrderItemInput = z.infer<typeof orderItemInput>;
export type ShipmentInput = z.infer<typeof shipmentInput>;
