import type { Database } from "@/db/client";
import { jsonInsert } from "@/db/json-insert";
import { outboxEvents } from "@/db/schema";
import { currentRuleDepth } from "./causation";

/** Every event Switchyard announces. Consumers (rules, exports, sync) subscribe by name. */
export type EventName =
  | "order/created"
  | "order/updated"
  | "order/folder.changed"
  | "order/deleted"
  | "order/split"
  | "order/copied"
  | "order/moved"
  | "shipment/created"
  | "inventory/stock.short"
  /** A rule's "send email" action; the send-email job renders and sends it. */
  | "email/requested"
  /** A scheduled rule is due (schedule-rules sends it; evaluate-rules runs it over a folder). */
  | "rules/scheduled"
  /** A person ran rules by hand on selected orders. */
  | "rules/manual"
  /** An export run was started (claimed its orders); run-export delivers it. */
  | "export/requested";

/**
 * Records an event in the same transaction as the change it announces; the dispatcher delivers
 * it after commit. Pass the transaction, never the root database.
 */
export async function enqueueEvent(tx: Database, storeId: number, name: EventName, payload: Record<string, unknown>) {
  await enqueueEvents(tx, storeId, name, [payload]);
}

/** Many events of one kind in one write (batch ingest). */
export async function enqueueEvents(tx: Database, storeId: number, name: EventName, payloads: Record<string, unknown>[]) {
  if (payloads.length === 0) return;
  const depth = currentRuleDepth();
  await tx.execute(jsonInsert(outboxEvents, payloads.map((payload) => ({ storeId, name, payload: depth === undefined ? payload : { ...payload, depth } }))));
  outboxSignal.pending = true;
  outboxSignal.wake?.();
}

/**
 * Lets the dispatcher wake up right after a commit instead of at its next poll (a chain of rules
 * is one hop per event). `wake` is the running dispatcher's; it waits a moment for the commit.
 */
export const outboxSignal: { pending: boolean; wake?: () => void } = { pending: false };
