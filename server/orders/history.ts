import type { Database } from "@/db/client";
import { jsonInsert } from "@/db/json-insert";
import { orderHistory } from "@/db/schema";
import { describeActor, type StoreScope } from "@/server/scope";

/** One line of an order's history, written in the transaction of the change it records. */
export async function recordHistory(
  tx: Database,
  scope: StoreScope,
  orderId: number,
  message: string,
  details: Record<string, unknown> = {},
) {
  const actor = describeActor(scope.actor);
  await tx.insert(orderHistory).values({
    orderId,
    storeId: scope.storeId,
    actorType: actor.type,
    actorId: actor.id,
    actorLabel: actor.label,
    message,
    details,
  });
}

/** The same line on many orders in one write (batch ingest). */
export async function recordHistories(
  tx: Database,
  scope: StoreScope,
  entries: { orderId: number; message: string; details?: Record<string, unknown> }[],
) {
  if (entries.length === 0) return;
  const actor = describeActor(scope.actor);
  await tx.execute(
    jsonInsert(
      orderHistory,
      entries.map((e) => ({
      orderId: e.orderId,
      storeId: scope.storeId,
      actorType: actor.type,
      actorId: actor.id,
      actorLabel: actor.label,
      message: e.message,
      details: e.details ?? {},
      })),
    ),
  );
}
