import { z } from "zod";
import type { InventoryItem } from "@/db/schema";
import { formatUtc, normalizeDecimal } from "@/server/orders/read";
import { decimal, keyValues } from "@/server/orders/schemas";

/**
 * An inventory item as it comes in, in Order Desk's v2 field names (id, name, code, price, cost,
 * weight, stock, location, metadata, update_source), with its quirks accepted: numbers as
 * strings, metadata as `{}` or `[]`. Read-only fields a client echoes back from a GET are ignored.
 */

const text = (max: number) =>
  z
    .union([z.string(), z.number(), z.null()])
    .transform((v) => (v === null ? "" : String(v).trim()))
    .pipe(z.string().max(max, `Use at most ${max} characters.`));

const sku = text(200).pipe(z.string().min(1, "Enter a SKU (code)."));
const amount = decimal.refine((v) => !v.startsWith("-"), "Must not be negative.");
// numeric(14,4): at most 10 digits before the point.
const weight = amount.refine((v) => /^\d{1,10}(\.|$)/.test(v), "Use at most 10 digits before the decimal point.");
// Stock never goes below zero: orders only take what is there (server/inventory/stock.ts).
const stock = z
  .union([z.number(), z.string().trim().regex(/^-?\d+$/, "Expected a whole number.")])
  .transform(Number)
  .pipe(z.number().int("Expected a whole number.").min(0, "Must not be negative.").max(1_000_000_000, "At most 1,000,000,000."));

const readOnly = {
  id: z.unknown().optional(),
  date_added: z.unknown().optional(),
  date_updated: z.unknown().optional(),
};

/** The fields without defaults: what a partial update may carry. */
const patchFields = {
  name: text(500),
  code: sku,
  price: amount,
  cost: amount,
  weight,
  stock,
  location: text(200),
  metadata: keyValues(4000),
  update_source: text(100),
};

/**
 * Create (and full replace): every field but the code has a default. A plain shape so the tRPC
 * router can merge it with `storeId`; the REST API uses the strict objects below.
 */
export const inventoryItemFields = {
  ...readOnly,
  code: patchFields.code,
  name: patchFields.name.default(""),
  price: patchFields.price.default("0"),
  cost: patchFields.cost.default("0"),
  weight: patchFields.weight.default("0"),
  stock: patchFields.stock.default(0),
  location: patchFields.location.default(""),
  metadata: patchFields.metadata.default({}),
  update_source: patchFields.update_source.optional(),
};

/** Update: only the fields given change (a full record from GET replaces everything). */
export const inventoryItemPatchFields = {
  ...readOnly,
  ...Object.fromEntries(Object.entries(patchFields).map(([key, schema]) => [key, schema.optional()])),
} as { [K in keyof typeof patchFields]: z.ZodOptional<(typeof patchFields)[K]> } & typeof readOnly;

/** Unknown fields are refused, as for orders. */
export const inventoryItemInput = z.object(inventoryItemFields).strict();
export const inventoryItemPatchInput = z.object(inventoryItemPatchFields).strict();
/** One entry of a batch upsert: matched by code; new codes are created with defaults. */
export const inventoryBatchItemInput = z.object({ ...inventoryItemPatchFields, code: sku }).strict();

export type InventoryItemInput = z.infer<typeof inventoryItemInput>;
export type InventoryItemPatch = z.infer<typeof inventoryItemPatchInput>;
export type InventoryBatchItem = z.infer<typeof inventoryBatchItemInput>;

export const stockDelta = z
  .number()
  .int("Expected a whole number.")
  .min(-1_000_000, "Change stock by at most 1,000,000 at a time.")
  .max(1_000_000, "Change stock by at most 1,000,000 at a time.")
  .refine((d) => d !== 0, "Change stock by at least one.");

export const listInventoryInput = z.object({
  /** A name prefix or an exact SKU, case-insensitive. */
  search: z.string().trim().max(200).optional(),
  /** An exact SKU, case-insensitive (the REST API's `code` filter). */
  code: z.string().trim().max(200).optional(),
  limit: z.number().int().min(1).max(500).default(50),
  /** Keyset cursor (the previous page's `nextCursor`); fast at any depth. */
  cursor: z.string().max(200).optional(),
  /** Bounded offset (REST API compatibility); ignored with a cursor. */
  offset: z.number().int().min(0).max(100_000).default(0),
});
export type ListInventoryQuery = z.input<typeof listInventoryInput>;

/** The item in Order Desk's v2 JSON shape (the REST API's wire format and the UI's model). */
export function serializeInventoryItem(item: InventoryItem) {
  return {
    id: String(item.id),
    name: item.name,
    code: item.code,
    price: normalizeDecimal(item.price),
    cost: normalizeDecimal(item.cost),
    weight: Number(normalizeDecimal(item.weight)),
    stock: item.stock,
    location: item.location,
    metadata: item.metadata,
    update_source: item.updateSource,
    date_added: formatUtc(item.createdAt),
    date_updated: formatUtc(item.updatedAt),
  };
}

export type SerializedInventoryItem = ReturnType<typeof serializeInventoryItem>;
