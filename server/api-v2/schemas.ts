import { z } from "zod";
import { orderInput, shipmentInput, utcDateTime } from "@/server/orders/schemas";
import { orderPatchInput } from "@/server/orders/service";

/**
 * The REST API's request shapes, built on the order schemas every door shares. They validate the
 * requests and are what /api/v2/openapi.json is generated from.
 */

export const createOrderBody = orderInput;
export const createOrdersBatchBody = z.array(orderInput).min(1, "Send at least one order.").max(500, "Send at most 500 orders at once.");

/**
 * PUT /orders/{id}: the order-level fields sent replace theirs; fields left out keep their value.
 * A folder change moves the order. Items, shipments and notes have their own endpoints, so their
 * arrays (as echoed from a GET) are accepted and left alone.
 */
export const updateOrderBody = orderPatchInput
  .extend({
    folder_id: orderInput.shape.folder_id,
    folder_name: orderInput.shape.folder_name,
    date_added: z.unknown().optional(),
    order_items: z.unknown().optional(),
    order_shipments: z.unknown().optional(),
    order_notes: z.unknown().optional(),
  });

/** An order id as Order Desk clients send it: a number or a numeric string. */
export const orderIdValue = z
  .union([z.string(), z.number()])
  .transform(String)
  .pipe(z.string().trim().regex(/^\d{1,15}$/, "Expected an order id (a positive whole number)."))
  .transform(Number);

const folderIdValue = z
  .union([z.string(), z.number()])
  .transform(String)
  .pipe(z.string().trim().regex(/^\d{1,9}$/, "Expected a folder id (a positive whole number)."))
  .transform(Number);

/** One shipment of POST /batch-shipments: a shipment plus the order it belongs to. */
export const batchShipmentItem = shipmentInput.extend({ order_id: orderIdValue });

/** A top-level array (Order Desk's form); `{ "shipments": [...] }` is accepted as well. */
export const batchShipmentsBody = z
  .union([z.array(z.unknown()), z.object({ shipments: z.array(z.unknown()) }).strict().transform((b) => b.shipments)])
  .pipe(z.array(z.unknown()).min(1, "Send at least one shipment.").max(500, "Send at most 500 shipments per request."));

export const orderHistoryBody = z
  .object({
    note: z.string().trim().min(1, "Write the note.").max(5000, "Use at most 5000 characters."),
    source_name: z.string().trim().max(200, "Use at most 200 characters.").optional(),
  })
  .strict();

/** A list as an array or as a comma-separated string ("1,2,3"). */
const commaList = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (typeof v === "string" ? v.split(",").map((s) => s.trim()).filter(Boolean) : v), z.array(item));

export const moveOrdersBody = z
  .object({
    order_id: orderIdValue.optional(),
    order_id_list: commaList(orderIdValue)
      .pipe(z.array(z.number()).max(500, "Move at most 500 orders per request."))
      .optional()
      .describe("An array of order ids, or a comma-separated string of them."),
    destination_folder_id: folderIdValue.optional(),
    destination_folder_name: z.string().trim().min(1).max(60).optional(),
  })
  .strict()
  .superRefine((body, ctx) => {
    if (body.order_id === undefined && !body.order_id_list?.length) {
      ctx.addIssue({ code: "custom", path: ["order_id"], message: "Send order_id or order_id_list." });
    }
    if (body.destination_folder_id === undefined && body.destination_folder_name === undefined) {
      ctx.addIssue({ code: "custom", path: ["destination_folder_id"], message: "Send destination_folder_id or destination_folder_name." });
    }
  });

/** Query parameters arrive as strings; an empty one counts as absent. */
const wholeNumber = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, "Expected a whole number.")
    .transform(Number)
    .pipe(z.number().min(min, `Use at least ${min}.`).max(max, `Use at most ${max}.`));

export const listOrdersQuery = z
  .object({
    limit: wholeNumber(1, 500).default(50).describe("Orders per page (at most 500)."),
    offset: wholeNumber(0, 100_000).default(0).describe("Orders to skip."),
    order_by: z.enum(["date_added", "date_updated"]).default("date_added"),
    order: z.enum(["asc", "desc"]).default("desc"),
    folder_id: commaList(folderIdValue).pipe(z.array(z.number()).max(100)).optional().describe("One folder id or a comma-separated list."),
    folder_name: z.string().trim().max(60).optional(),
    source_id: z.string().trim().max(200).optional(),
    source_name: z.string().trim().max(100).optional(),
    email: z.string().trim().max(254).optional(),
    search_start_date: utcDateTime.optional().describe("Added at or after, YYYY-MM-DD HH:MM:SS (UTC)."),
    search_end_date: utcDateTime.optional().describe("Added at or before, YYYY-MM-DD HH:MM:SS (UTC)."),
    modified_start_date: utcDateTime.optional().describe("Updated at or after, YYYY-MM-DD HH:MM:SS (UTC)."),
    modified_end_date: utcDateTime.optional().describe("Updated at or before, YYYY-MM-DD HH:MM:SS (UTC)."),
  })
  .strict();

export function queryObject(url: URL): Record<string, string> {
  return Object.fromEntries([...url.searchParams.entries()].filter(([, value]) => value.trim() !== ""));
}

export const listInventoryQuery = z
  .object({
    limit: wholeNumber(1, 500).default(50).describe("Items per page (at most 500)."),
    offset: wholeNumber(0, 100_000).default(0),
    code: z.string().trim().max(200).optional().describe("An exact SKU (any case)."),
    search: z.string().trim().max(200).optional().describe("A name prefix or an exact SKU."),
  })
  .strict();
