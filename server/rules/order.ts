import type { RuleOrder } from "@/rules";
import { serializeOrder, type OrderRecord } from "@/server/orders/read";

/** The order as rules read it: its REST API (Order Desk v2) JSON, which RuleOrder describes loosely. */
export const ruleOrderOf = (record: OrderRecord) => serializeOrder(record) as unknown as RuleOrder & ReturnType<typeof serializeOrder>;
