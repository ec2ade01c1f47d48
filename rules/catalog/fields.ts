import type { RuleKeyValues, RuleOrder, RuleOrderItem } from "./order";

/**
 * The fields a condition can test and `set_field` can write. Ids are dotted paths into the order
 * JSON; `item.*` fields read the item in hand, so they are valid only in a "for each item" rule or
 * inside anyItem/allItems. Keyed fields (`checkout_data.<key>`) take a key the user types: the id
 * is the prefix, a dot, then the key as written ("checkout_data.Gift Message").
 */
export const FIELD_TYPES = ["text", "decimal", "integer", "date", "list", "folder"] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export const FIELD_GROUPS = ["Order", "Totals", "Shipping address", "Customer", "Items", "Dates", "Custom data"] as const;
export type FieldGroup = (typeof FIELD_GROUPS)[number];

export type FieldScope = "order" | "item";
type Getter = (order: RuleOrder, item: RuleOrderItem | undefined) => unknown;

/**
 * How a field's getter reads it, for code that reads it without calling the getter (compiled
 * reads, reads.ts): the own key `key` of the order or of the item in hand (`of`), or of the object
 * under `via` in it. The getter is made from it (getterFor); a test checks the two read alike.
 */
export interface FieldAccess {
  of: FieldScope;
  via?: string;
  key: string;
}

export interface FieldDef {
  id: string;
  label: string;
  group: FieldGroup;
  type: FieldType;
  scope: FieldScope;
  /** `set_field` may write it. */
  editable: boolean;
  get: Getter;
  /** How `get` reads it; absent when only `get` knows (tags). */
  access?: FieldAccess;
}

export interface KeyedFieldDef {
  prefix: string;
  label: string;
  group: FieldGroup;
  scope: FieldScope;
  editable: boolean;
  /** Keyed fields are always text: maps hold strings (numbers are read as their text). */
  type: "text";
  /** Where the map is: under `via` in the order or the item. */
  in: { of: FieldScope; via: string };
  map: (order: RuleOrder, item: RuleOrderItem | undefined) => RuleKeyValues | readonly never[] | undefined;
}

/** Own keys only, so a key named "constructor" reads nothing rather than Object's prototype. */
const lookup = (map: object | undefined, key: string): unknown => (map && Object.hasOwn(map, key) ? (map as Record<string, unknown>)[key] : undefined);

/** The object `of` names: the order, or the item in hand; then the one under `via` in it, if any. */
function containerOf(of: FieldScope, via: string | undefined): (order: RuleOrder, item: RuleOrderItem | undefined) => object | undefined {
  if (of === "order") return via === undefined ? (order) => order : (order) => order[via] as object | undefined;
  return via === undefined ? (_order, item) => item : (_order, item) => item?.[via] as object | undefined;
}

function getterFor({ of, via, key }: FieldAccess): Getter {
  const container = containerOf(of, via);
  return (order, item) => lookup(container(order, item), key);
}

const fieldAt = (access: FieldAccess) => ({ access, get: getterFor(access) });

const orderField = (id: string, label: string, group: FieldGroup, type: FieldType, editable = false): FieldDef => ({
  id,
  label,
  group,
  type,
  scope: "order",
  editable,
  ...fieldAt({ of: "order", key: id }),
});

const itemField = (key: string, label: string, type: FieldType, editable = false): FieldDef => ({
  id: `item.${key}`,
  label,
  group: "Items",
  type,
  scope: "item",
  editable,
  ...fieldAt({ of: "item", key }),
});

const ADDRESS_PARTS = [
  ["first_name", "first name"],
  ["last_name", "last name"],
  ["company", "company"],
  ["address1", "address line 1"],
  ["address2", "address line 2"],
  ["address3", "address line 3"],
  ["address4", "address line 4"],
  ["city", "city"],
  ["state", "state"],
  ["postal_code", "postal code"],
  ["country", "country"],
  ["phone", "phone"],
] as const;

const addressFields = (key: "shipping" | "customer", prefix: string, group: FieldGroup): FieldDef[] =>
  ADDRESS_PARTS.map(([part, label]) => ({
    id: `${key}.${part}`,
    label: `${prefix} ${label}`,
    group,
    type: "text",
    scope: "order",
    editable: true,
    ...fieldAt({ of: "order", via: key, key: part }),
  }));

export const FIELDS: readonly FieldDef[] = [
  orderField("id", "Order id", "Order", "text"),
  orderField("email", "Email", "Order", "text", true),
  orderField("shipping_method", "Shipping method", "Order", "text", true),
  orderField("payment_type", "Payment type", "Order", "text"),
  orderField("payment_status", "Payment status", "Order", "text", true),
  orderField("customer_id", "Customer id", "Order", "text"),
  orderField("ip_address", "IP address", "Order", "text"),
  orderField("source_name", "Source (sales channel)", "Order", "text"),
  orderField("source_id", "Source order id", "Order", "text"),
  orderField("fulfillment_name", "Fulfillment name", "Order", "text", true),
  orderField("fulfillment_id", "Fulfillment id", "Order", "text", true),
  // Older payloads carry only `tag_name`; it is the first tag.
  { id: "tags", label: "Tags", group: "Order", type: "list", scope: "order", editable: false, get: (order) => order.tags ?? (order.tag_name ? [String(order.tag_name)] : []) },
  orderField("folder_id", "Folder", "Order", "folder"),
  orderField("folder_name", "Folder name", "Order", "text"),
  orderField("parent_order_id", "Split from order id", "Order", "text"),
  orderField("copied_from_order_id", "Copied from order id", "Order", "text"),
  orderField("quantity_total", "Total quantity", "Totals", "integer"),
  orderField("weight_total", "Total weight", "Totals", "decimal"),
  orderField("product_total", "Product total", "Totals", "decimal"),
  orderField("shipping_total", "Shipping total", "Totals", "decimal"),
  orderField("handling_total", "Handling total", "Totals", "decimal"),
  orderField("tax_total", "Tax total", "Totals", "decimal"),
  orderField("discount_total", "Discount total", "Totals", "decimal"),
  orderField("order_total", "Order total", "Totals", "decimal"),
  ...addressFields("shipping", "Ship to", "Shipping address"),
  ...addressFields("customer", "Customer", "Customer"),
  itemField("name", "Item name", "text", true),
  itemField("code", "SKU (item code)", "text", true),
  itemField("category_code", "Vendor / category code", "text", true),
  itemField("price", "Item price", "decimal"),
  itemField("quantity", "Item quantity", "integer", true),
  itemField("weight", "Item weight", "decimal"),
  itemField("delivery_type", "Delivery type", "text", true),
  itemField("fulfillment_method", "Item fulfillment method", "text", true),
  orderField("date_added", "Date added", "Dates", "date"),
  orderField("date_updated", "Date updated", "Dates", "date"),
];

const keyedField = (prefix: string, label: string, group: FieldGroup, of: FieldScope, via: string, editable: boolean): KeyedFieldDef => ({
  prefix,
  label,
  group,
  scope: of,
  editable,
  type: "text",
  in: { of, via },
  map: containerOf(of, via) as KeyedFieldDef["map"],
});

export const KEYED_FIELDS: readonly KeyedFieldDef[] = [
  keyedField("checkout_data", "Checkout data", "Custom data", "order", "checkout_data", false),
  keyedField("order_metadata", "Order metadata", "Custom data", "order", "order_metadata", false),
  keyedField("item.variation_list", "Item variation", "Items", "item", "variation_list", true),
  keyedField("item.metadata", "Item metadata", "Items", "item", "metadata", true),
];

const BY_ID = new Map(FIELDS.map((field) => [field.id, field]));

/** The field for an id, keyed ids included ("checkout_data.Gift Message"), or undefined. */
export function findField(id: string): FieldDef | undefined {
  const fixed = BY_ID.get(id);
  if (fixed) return fixed;
  const keyed = KEYED_FIELDS.find((k) => id.startsWith(`${k.prefix}.`) && id.length > k.prefix.length + 1);
  if (!keyed) return undefined;
  const key = id.slice(keyed.prefix.length + 1);
  return {
    id,
    label: `${keyed.label} "${key}"`,
    group: keyed.group,
    type: keyed.type,
    scope: keyed.scope,
    editable: keyed.editable,
    ...fieldAt({ ...keyed.in, key }),
  };
}
