import { createHmac } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { appliedEffects, orderItems } from "@/db/schema";
import { startExport } from "@/server/exports/runs";
import { DomainError } from "@/server/errors";
import { enqueueEvent } from "@/server/events/outbox";
import { adjustStock, findInventoryItemByCode } from "@/server/inventory/service";
import { recordHistory } from "@/server/orders/history";
import { setTagColor } from "@/server/orders/ingest";
import { updateItem } from "@/server/orders/items";
import { getOrderRecord, serializeOrder } from "@/server/orders/read";
import type { OrderItemInput } from "@/server/orders/schemas";
import { addOrderNote, moveOrdersToFolder, tagOrders, updateOrder, type OrderPatch } from "@/server/orders/service";
import { splitOrder, type SplitSpec } from "@/server/orders/split";
import { copyOrdersToStore, itemAsInput, moveOrdersToStore, resolveTargetStore } from "@/server/orders/transfer";
import type { StoreScope } from "@/server/scope";
import { postOrderJson } from "./webhook";

/** An evaluated action, resolved against one order (and one of its items for item rules). */
export interface AppliedIntent {
  kind: string;
  input: Record<string, unknown>;
  /** The order item the intent is about, for item-level rules. */
  itemId?: number;
}

export interface ApplyTarget {
  orderId: number;
  /** Unique per event and intent: applying it twice is a no-op. */
  effectKey: string;
  allowedWebhookHosts: readonly string[];
}

export type ApplyOutcome = { status: "applied" | "already_applied"; detail?: unknown };

/**
 * The secret a store's webhook receivers verify X-ORDER-DESK-HASH with: derived from the server
 * secret, so it is never stored (rotating NEXTAUTH_SECRET rotates it).
 */
export function storeWebhookSecret(storeId: number) {
  const serverSecret = process.env.NEXTAUTH_SECRET;
  if (!serverSecret) throw new Error("NEXTAUTH_SECRET is not set; webhooks cannot be signed.");
  return createHmac("sha256", serverSecret).update(`webhook:${storeId}`).digest("hex");
}

const text = (input: Record<string, unknown>, key: string) => String(input[key] ?? "");

/**
 * Applies one rule intent through the same services a person uses. The effect and its key
 * commit in one transaction, so a retried or resumed run never applies it twice. A webhook
 * leaves the machine, so it is at-least-once: its key is recorded after the receiver said 2xx.
 */
export async function applyIntent(scope: StoreScope, intent: AppliedIntent, target: ApplyTarget): Promise<ApplyOutcome> {
  if (intent.kind === "post_webhook") {
    if (await effectApplied(scope, target.effectKey)) return { status: "already_applied" };
    const order = serializeOrder(await getOrderRecord(scope, target.orderId));
    const detail = await postOrderJson(
      { url: text(intent.input, "url"), storeId: scope.storeId, secret: storeWebhookSecret(scope.storeId), allowedHosts: target.allowedWebhookHosts },
      order,
    );
    await scope.db.transaction(async (tx) => {
      await tx.insert(appliedEffects).values({ storeId: scope.storeId, key: target.effectKey }).onConflictDoNothing();
      await recordHistory(tx, scope, target.orderId, `Order JSON posted to ${new URL(text(intent.input, "url")).host}`, detail);
    });
    return { status: "applied", detail };
  }
  return scope.db.transaction(async (tx) => {
    const fresh = await tx.insert(appliedEffects).values({ storeId: scope.storeId, key: target.effectKey }).onConflictDoNothing().returning();
    if (fresh.length === 0) return { status: "already_applied" };
    const detail = await applyInTransaction({ ...scope, db: tx }, intent, target.orderId);
    return { status: "applied", detail };
  });
}

async function effectApplied(scope: StoreScope, key: string) {
  const rows = await scope.db
    .select({ key: appliedEffects.key })
    .from(appliedEffects)
    .where(and(eq(appliedEffects.storeId, scope.storeId), eq(appliedEffects.key, key)));
  return rows.length > 0;
}

async function applyInTransaction(scope: StoreScope, intent: AppliedIntent, orderId: number): Promise<unknown> {
  const input = intent.input;
  switch (intent.kind) {
    case "move_to_folder":
      return moveOrdersToFolder(scope, [orderId], { folder_id: Number(input.folderId) });
    case "add_tag":
      if (input.color) await setTagColor(scope.db, scope.storeId, text(input, "tag"), text(input, "color"));
      return tagOrders(scope, [orderId], { add: [text(input, "tag")] });
    case "remove_tag":
      return tagOrders(scope, [orderId], { remove: [text(input, "tag")] });
    case "set_field":
      return intent.itemId === undefined ? setOrderField(scope, orderId, text(input, "field"), input.value) : setItemField(scope, orderId, intent.itemId, text(input, "field"), input.value);
    case "set_checkout_data":
      return setMapEntry(scope, orderId, "checkout_data", text(input, "key"), input.value);
    case "set_metadata":
      return setMapEntry(scope, orderId, "order_metadata", text(input, "key"), input.value);
    case "set_shipping_method":
      return updateOrder(scope, orderId, { shipping_method: text(input, "method") });
    case "add_note":
      return addOrderNote(scope, orderId, text(input, "content"));
    case "split_order":
      return splitOrder(scope, orderId, { mode: "key", key: text(input, "key") as Extract<SplitSpec, { mode: "key" }>["key"] });
    case "copy_to_store":
      return copyOrdersToStore(scope, await resolveTargetStore(scope, Number(input.storeId)), [orderId]);
    case "move_to_store":
      return moveOrdersToStore(scope, await resolveTargetStore(scope, Number(input.storeId)), [orderId]);
    case "adjust_inventory":
      return adjustInventory(scope, orderId, intent, input);
    case "send_email": {
      // The send-email job renders and sends it (and retries while the mail server is down).
      const templateId = input.templateId === undefined ? undefined : Number(input.templateId);
      const email = { to: text(input, "to"), subject: text(input, "subject"), body: text(input, "body"), ...(templateId ? { templateId } : {}) };
      await enqueueEvent(scope.db, scope.storeId, "email/requested", { orderId, ...email });
      await recordHistory(scope.db, scope, orderId, `Email queued to ${email.to}: ${email.subject}`, email);
      return email;
    }
    case "export_orders": {
      // Claims and queues a run like "Export now"; an order this template already sent is skipped.
      const started = await startExport(scope, { templateId: Number(input.templateId), orderIds: [orderId], includeExported: false }, "rule");
      return { runId: started.runId, skipped: started.skipped };
    }
    case "stop_processing":
      return null;
    default:
      throw new DomainError("BAD_REQUEST", `Unknown rule action "${intent.kind}".`);
  }
}

/** `shipping.city` patches one key of the address; a top-level field is replaced. */
async function setOrderField(scope: StoreScope, orderId: number, field: string, value: unknown) {
  const [head, key] = field.split(".", 2) as [string, string | undefined];
  if (key === undefined) return updateOrder(scope, orderId, { [head]: value } as OrderPatch);
  const order = serializeOrder(await getOrderRecord(scope, orderId));
  const current = (order as Record<string, unknown>)[head];
  return updateOrder(scope, orderId, { [head]: { ...(current as object), [key]: value } } as OrderPatch);
}

/** Order Desk's `[REMOVE]` deletes the key, `[REMOVEALL]` empties the map. */
async function setMapEntry(scope: StoreScope, orderId: number, map: "checkout_data" | "order_metadata", key: string, value: unknown) {
  const order = serializeOrder(await getOrderRecord(scope, orderId));
  const next: Record<string, unknown> = { ...order[map] };
  if (value === "[REMOVEALL]") return updateOrder(scope, orderId, { [map]: {} });
  if (value === "[REMOVE]") delete next[key];
  else next[key] = String(value ?? "");
  return updateOrder(scope, orderId, { [map]: next } as OrderPatch);
}

async function setItemField(scope: StoreScope, orderId: number, itemId: number, field: string, value: unknown) {
  const [item] = await scope.db
    .select()
    .from(orderItems)
    .where(and(eq(orderItems.storeId, scope.storeId), eq(orderItems.orderId, orderId), eq(orderItems.id, itemId)));
  if (!item) throw new DomainError("NOT_FOUND", "Order item not found.");
  const [head, key] = field.replace(/^item\./, "").split(".", 2) as [keyof OrderItemInput, string | undefined];
  const current = itemAsInput(item);
  const next = key === undefined ? { ...current, [head]: value } : { ...current, [head]: { ...(current[head] as object), [key]: value } };
  return updateItem(scope, orderId, itemId, next as OrderItemInput);
}

/** Stock of the SKU of the intent's item (or of every item of the order), by its quantity unless given. */
async function adjustInventory(scope: StoreScope, orderId: number, intent: AppliedIntent, input: Record<string, unknown>) {
  const items = await scope.db
    .select({ id: orderItems.id, code: orderItems.code, quantity: orderItems.quantity })
    .from(orderItems)
    .where(and(eq(orderItems.storeId, scope.storeId), eq(orderItems.orderId, orderId)));
  const changed = [];
  for (const item of items.filter((i) => intent.itemId === undefined || i.id === intent.itemId)) {
    const stock = item.code ? await findInventoryItemByCode(scope, item.code) : undefined;
    if (!stock) continue;
    const quantity = input.quantity === undefined ? item.quantity : Number(input.quantity);
    const delta = input.mode === "set" ? quantity - stock.stock : input.mode === "increment" ? quantity : -quantity;
    changed.push({ code: item.code, stock: (await adjustStock(scope, stock.id, delta)).stock });
  }
  return changed;
}
