import { z } from "zod";
import { DYNAMIC_FIELD_PREFIXES, IMPORT_FIELDS, IMPORT_TARGETS, normalizeHeader, type ImportField, type ImportTarget } from "./fields";
import { detectShopify } from "./shopify";
import { TRANSFORMS } from "./transforms";

export { DYNAMIC_FIELD_PREFIXES, IMPORT_FIELDS, IMPORT_TARGETS, normalizeHeader, type ImportField, type ImportTarget } from "./fields";
export { TRANSFORM_HINTS, TRANSFORMS, type Transform } from "./transforms";

/** One field's source: a column, a default for blank cells (or no column), and a transform. */
export const fieldMapping = z
  .object({
    column: z.string().max(200).optional(),
    default: z.string().max(1000).optional(),
    transform: z.enum(TRANSFORMS).optional(),
  })
  .strict();
export type FieldMapping = z.infer<typeof fieldMapping>;

const MAX_DYNAMIC_KEY = 100;

/** Whether `key` is a field of `target` (a listed one, or `checkout_data:<Name>` / `item.variation:<Name>` for orders). */
export function isFieldKey(target: ImportTarget, key: string): boolean {
  if (IMPORT_FIELDS[target].some((f) => f.key === key)) return true;
  if (target !== "orders") return false;
  const prefix = DYNAMIC_FIELD_PREFIXES.find((p) => key.startsWith(p));
  const name = prefix ? key.slice(prefix.length).trim() : "";
  return name.length > 0 && name.length <= MAX_DYNAMIC_KEY;
}

const label = (target: ImportTarget, key: string) => IMPORT_FIELDS[target].find((f) => f.key === key)?.label ?? key;

export const importMapping = z
  .object({
    target: z.enum(IMPORT_TARGETS),
    /** When set, the preset's own conversion is used and `fields` are ignored. */
    preset: z.enum(["shopify"]).optional(),
    fields: z.record(z.string(), fieldMapping),
    /** Orders: consecutive rows with the same value here are one order (its line items). */
    orderKeyColumn: z.string().max(200).optional(),
    /** Inventory: the stock column sets the stock, or is added to it. */
    stockMode: z.enum(["set", "adjust"]).optional(),
    /** Shipments: how a row finds its order. */
    matchBy: z.enum(["id", "source_id"]).optional(),
  })
  .strict()
  .superRefine((m, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: "custom", path, message });
    for (const [key, field] of Object.entries(m.fields)) {
      if (!isFieldKey(m.target, key)) {
        issue(["fields", key], `"${key}" is not a field of ${m.target} imports.`);
        continue;
      }
      if (field.transform === "split_name" && !/^(shipping|customer)\.name$/.test(key)) {
        issue(["fields", key, "transform"], `split_name works on a full-name field only, not on ${label(m.target, key)}.`);
      }
    }
    if (m.preset && m.target !== "orders") issue(["preset"], "The Shopify preset imports orders only.");
    if (m.orderKeyColumn !== undefined && m.target !== "orders") issue(["orderKeyColumn"], "Grouping rows into orders applies to order imports only.");
    if (m.stockMode && m.target !== "inventory") issue(["stockMode"], "The stock mode applies to inventory imports only.");
    if (m.matchBy && m.target !== "shipments") issue(["matchBy"], "Matching shipments to orders applies to shipment imports only.");

    if (m.target === "orders" && !m.preset && !m.fields.source_id?.column && !m.orderKeyColumn) {
      issue(["fields", "source_id"], "Choose the column with the order number, or the column that groups rows into orders, so a re-import does not double orders.");
    }
    if (m.target === "inventory" && !m.fields.code?.column) issue(["fields", "code"], "Choose the column with the SKU (item code).");
    if (m.target === "shipments") {
      if (!m.fields.tracking_number?.column) issue(["fields", "tracking_number"], "Choose the column with the tracking number.");
      const by = m.matchBy ?? "source_id";
      if (!m.fields[by === "id" ? "order_id" : "source_id"]?.column) {
        issue(["fields", by === "id" ? "order_id" : "source_id"], by === "id" ? "Choose the column with the Switchyard order id." : "Choose the column with the order number.");
      }
    }
  });
export type ImportMapping = z.infer<typeof importMapping>;

/** Recognises a Shopify "Export orders" file (the 66- or 79-column layout, extra columns allowed). */
export function detectPreset(headers: string[]): "shopify" | null {
  return detectShopify(headers) ? "shopify" : null;
}

/**
 * A starting mapping for a file: the Shopify preset when the file is a Shopify export, else each
 * field matched to the first unused header spelled like it. It may be incomplete (no order
 * number column found, say); importMapping tells what is missing.
 */
export function suggestMapping(target: ImportTarget, headers: string[]): ImportMapping {
  if (target === "orders" && detectPreset(headers) === "shopify") {
    return { target, preset: "shopify", fields: {}, orderKeyColumn: headers.find((h) => h.trim().toLowerCase() === "name") ?? "Name" };
  }
  const normalized = headers.map(normalizeHeader);
  const used = new Set<number>();
  const fields: Record<string, FieldMapping> = {};
  for (const field of IMPORT_FIELDS[target]) {
    const names = new Set([field.key, field.label, ...field.synonyms].map(normalizeHeader));
    const index = normalized.findIndex((n, i) => !used.has(i) && names.has(n));
    if (index === -1) continue;
    used.add(index);
    fields[field.key] = { column: headers[index]!, ...suggestedTransform(field) };
  }
  // First and last name columns beat a full-name column on the same side.
  for (const side of ["shipping", "customer"]) {
    if (fields[`${side}.first_name`] && fields[`${side}.name`]) delete fields[`${side}.name`];
  }
  const mapping: ImportMapping = { target, fields };
  if (target === "orders" && fields.source_id?.column) mapping.orderKeyColumn = fields.source_id.column;
  if (target === "inventory") mapping.stockMode = "set";
  if (target === "shipments") mapping.matchBy = fields.order_id && !fields.source_id ? "id" : "source_id";
  return mapping;
}

const MONEY = /^(product_total|shipping_total|handling_total|tax_total|discount_total|order_total|item\.price|price|cost)$/;

function suggestedTransform(field: ImportField): Pick<FieldMapping, "transform"> {
  if (/^(shipping|customer)\.name$/.test(field.key)) return { transform: "split_name" };
  if (field.key === "date_added" || field.key === "date_shipped") return { transform: "date" };
  if (MONEY.test(field.key)) return { transform: "number" };
  return {};
}
