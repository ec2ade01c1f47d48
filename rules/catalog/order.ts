/**
 * The order a rule reads: Order Desk's v2 JSON shape, as `serializeOrder` writes it and the REST
 * API returns it. Structural and loose on purpose: every key may be missing, money may be a number
 * (19.99) or a decimal string ("19.99"), maps may hold numbers, and extra keys are allowed, so a
 * fixture, an API payload or a serialized record all fit without conversion.
 */

type Scalar = string | number | boolean | null | undefined;
export type RuleKeyValues = Record<string, Scalar>;

export interface RuleAddress {
  first_name?: Scalar;
  last_name?: Scalar;
  company?: Scalar;
  address1?: Scalar;
  address2?: Scalar;
  address3?: Scalar;
  address4?: Scalar;
  city?: Scalar;
  state?: Scalar;
  postal_code?: Scalar;
  country?: Scalar;
  phone?: Scalar;
  [key: string]: unknown;
}

export interface RuleOrderItem {
  id?: Scalar;
  name?: Scalar;
  code?: Scalar;
  price?: Scalar;
  quantity?: Scalar;
  weight?: Scalar;
  delivery_type?: Scalar;
  category_code?: Scalar;
  fulfillment_method?: Scalar;
  variation_list?: RuleKeyValues | readonly never[];
  metadata?: RuleKeyValues | readonly never[];
  [key: string]: unknown;
}

export interface RuleOrder {
  id?: Scalar;
  email?: Scalar;
  shipping_method?: Scalar;
  quantity_total?: Scalar;
  weight_total?: Scalar;
  product_total?: Scalar;
  shipping_total?: Scalar;
  handling_total?: Scalar;
  tax_total?: Scalar;
  discount_total?: Scalar;
  order_total?: Scalar;
  payment_type?: Scalar;
  payment_status?: Scalar;
  customer_id?: Scalar;
  ip_address?: Scalar;
  source_name?: Scalar;
  source_id?: Scalar;
  fulfillment_name?: Scalar;
  fulfillment_id?: Scalar;
  tag_name?: Scalar;
  tags?: readonly string[];
  folder_id?: Scalar;
  folder_name?: Scalar;
  parent_order_id?: Scalar;
  copied_from_order_id?: Scalar;
  /** "YYYY-MM-DD HH:MM:SS", UTC. */
  date_added?: Scalar;
  date_updated?: Scalar;
  shipping?: RuleAddress;
  customer?: RuleAddress;
  return_address?: RuleAddress;
  /** PHP serialises an empty map as `[]`, so both shapes occur. */
  checkout_data?: RuleKeyValues | readonly never[];
  order_metadata?: RuleKeyValues | readonly never[];
  discount_list?: readonly unknown[];
  order_items?: readonly RuleOrderItem[];
  order_shipments?: readonly unknown[];
  order_notes?: readonly unknown[];
  [key: string]: unknown;
}
