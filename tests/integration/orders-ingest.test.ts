import { readFileSync } from "node:fs";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { orderHistory, orders, outboxEvents } from "@/db/schema";
import { ordersCreatedIn } from "@/server/billing/usage";
import { OutboxDispatcher } from "@/server/events/dispatcher";
import { ingestOrder, ingestOrders } from "@/server/orders/ingest";
import { getOrderRecord, listOrders, serializeOrder } from "@/server/orders/read";
import { orderInput } from "@/server/orders/schemas";
import { ALL_PERMISSIONS } from "@/server/permissions";
import type { StoreScope } from "@/server/scope";
import { newUser } from "../helpers/actors";
import { createTestDatabase } from "../helpers/database";

const fixture = JSON.parse(readFileSync(new URL("../fixtures/orderdesk/order.json", import.meta.url), "utf8"));

let handle: DatabaseHandle;
let scope: StoreScope;

beforeAll(async () => {
  handle = await createTestDatabase();
  const owner = await newUser(handle.db, "ingest-owner");
  const { id } = await owner.caller.store.create({ name: "Ingest" });
  scope = { db: handle.db, storeId: id, actor: { kind: "system", name: "test", permissions: ALL_PERMISSIONS } };
});
afterAll(() => handle?.close());

const countWhere = async (table: typeof orders | typeof outboxEvents, where: ReturnType<typeof eq>) =>
  (await handle.db.select({ n: sql<number>`count(*)::int` }).from(table).where(where))[0]!.n;

describe("ingestOrder", () => {
  it("takes the published Order Desk sample order and reads it back with the same values", async () => {
    const { order_shipments: _s, order_notes: _n, folder_id: _f, ...rest } = fixture;
    const input = orderInput.parse({ ...rest, order_notes: fixture.order_notes, order_shipments: fixture.order_shipments });
    const { orderId, created } = await ingestOrder(scope, input, { via: "test" });
    expect(created).toBe(true);
    const out = serializeOrder(await getOrderRecord(scope, orderId));
    for (const key of ["email", "shipping_method", "product_total", "shipping_total", "handling_total", "tax_total", "discount_total", "order_total", "cc_number_masked", "payment_status", "processor_balance", "customer_id", "email_count", "source_name", "source_id", "tag_name", "date_added", "shipping", "customer", "checkout_data", "order_metadata", "discount_list", "quantity_total", "weight_total"]) {
      expect(out[key as keyof typeof out], key).toEqual(fixture[key]);
    }
    expect(out.order_items).toEqual([expect.objectContaining({ ...fixture.order_items[0], id: expect.any(String) })]);
    expect(out.order_notes[0]).toMatchObject({ username: "Customer Service Rep", content: fixture.order_notes[0].content });
    expect(out.order_shipments[0]).toMatchObject({ tracking_number: "1Z132456789", date_shipped: "2014-10-09" });
    expect(out.order_shipments[0]!.tracking_url).toContain("ups.com");
  });

  it("is idempotent on (store, source_name, source_id), also for 50 concurrent duplicates", async () => {
    const input = orderInput.parse({ source_id: "storm-1", source_name: "Shopify", email: "a@example.test" });
    const results = await Promise.all(Array.from({ length: 50 }, () => ingestOrder(scope, input, { via: "test" })));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.orderId)).size).toBe(1);
    expect(await countWhere(orders, and(eq(orders.storeId, scope.storeId), eq(orders.sourceId, "storm-1"))!)).toBe(1);
    const events = await handle.db
      .select()
      .from(outboxEvents)
      .where(and(eq(outboxEvents.storeId, scope.storeId), sql`${outboxEvents.payload}->>'sourceId' = 'storm-1'`));
    expect(events).toHaveLength(1);
    expect(events[0]!.name).toBe("order/created");
  });

  it("lets the same source id exist once per source name", async () => {
    const a = await ingestOrder(scope, orderInput.parse({ source_id: "42", source_name: "Etsy" }), { via: "test" });
    const b = await ingestOrder(scope, orderInput.parse({ source_id: "42", source_name: "eBay" }), { via: "test" });
    expect(a.created && b.created).toBe(true);
    expect(a.orderId).not.toBe(b.orderId);
  });

  it("derives totals from items when the source sends none, to the cent", async () => {
    const { orderId } = await ingestOrder(
      scope,
      orderInput.parse({
        shipping_total: "4.99",
        tax_total: 1.1,
        order_items: [
          { name: "A", price: "0.10", quantity: 3, weight: "0.5" },
          { name: "B", price: "19.99", quantity: 2 },
        ],
      }),
      { via: "test" },
    );
    const out = serializeOrder(await getOrderRecord(scope, orderId));
    expect(out.product_total).toBe(40.28);
    expect(out.order_total).toBe(46.37);
    expect(out.quantity_total).toBe(5);
    expect(out.weight_total).toBe(1.5);
  });

  it("writes nothing when the order is refused (unknown folder)", async () => {
    const before = await countWhere(orders, eq(orders.storeId, scope.storeId));
    await expect(ingestOrder(scope, orderInput.parse({ folder_id: 999999, source_id: "x-1" }), { via: "test" })).rejects.toThrow(/no folder/);
    expect(await countWhere(orders, eq(orders.storeId, scope.storeId))).toBe(before);
  });

  it("keeps one colour per tag name in the store, the latest sent winning", async () => {
    const first = await ingestOrder(scope, orderInput.parse({ tag_name: "Rush", tag_color: "danger" }), { via: "test" });
    const second = await ingestOrder(scope, orderInput.parse({ tag_name: "rush", tag_color: "warning" }), { via: "test" });
    expect(serializeOrder(await getOrderRecord(scope, first.orderId)).tag_color).toBe("warning");
    expect(serializeOrder(await getOrderRecord(scope, second.orderId)).tag_name).toBe("rush");
  });

  it("records history and counts usage for billing", async () => {
    const { orderId } = await ingestOrder(scope, orderInput.parse({ email: "h@example.test" }), { via: "Order created via test" });
    const history = await handle.db.select().from(orderHistory).where(eq(orderHistory.orderId, orderId));
    expect(history.map((h) => [h.message, h.actorType, h.actorLabel])).toEqual([["Order created via test", "system", "test"]]);
    expect(await ordersCreatedIn(handle.db, scope.storeId)).toBe(await countWhere(orders, eq(orders.storeId, scope.storeId)));
  });

  it("counts every order of concurrent ingests once, whichever counter shard each lands on", async () => {
    await Promise.all(Array.from({ length: 30 }, (_, i) => ingestOrder(scope, orderInput.parse({ source_name: "Usage", source_id: `u-${i}` }), { via: "test" })));
    expect(await ordersCreatedIn(handle.db, scope.storeId)).toBe(await countWhere(orders, eq(orders.storeId, scope.storeId)));
  });
});

describe("ingestOrders (batch)", () => {
  const usage = () => ordersCreatedIn(handle.db, scope.storeId);
  const createdEvents = async () =>
    (await handle.db.select().from(outboxEvents).where(and(eq(outboxEvents.storeId, scope.storeId), eq(outboxEvents.name, "order/created")))).length;

  it("answers in input order, creating each source key once and unkeyed orders always", async () => {
    const existing = await ingestOrder(scope, orderInput.parse({ source_name: "Batch", source_id: "b-0" }), { via: "test" });
    const [usageBefore, eventsBefore] = [await usage(), await createdEvents()];
    const results = await ingestOrders(
      scope,
      [
        { source_name: "Batch", source_id: "b-1", order_items: [{ name: "One", price: "2", quantity: 2 }] },
        { source_name: "Batch", source_id: "b-0" },
        { email: "no-key@example.test" },
        { source_name: "Batch", source_id: "b-1" },
        { source_name: "Other", source_id: "b-1" },
        { email: "no-key@example.test" },
      ].map((o) => orderInput.parse(o)),
      { via: "batch test" },
    );
    expect(results.map((r) => r.created)).toEqual([true, false, true, false, true, true]);
    expect(results[1]!.orderId).toBe(existing.orderId);
    expect(results[3]!.orderId).toBe(results[0]!.orderId);
    expect(new Set(results.map((r) => r.orderId)).size).toBe(5);
    expect(await usage()).toBe(usageBefore + 4);
    expect(await createdEvents()).toBe(eventsBefore + 4);
    const first = serializeOrder(await getOrderRecord(scope, results[0]!.orderId));
    expect(first.order_items.map((i) => [i.name, i.quantity])).toEqual([["One", 2]]);
    expect(first.product_total).toBe(4);
  });

  it("lets overlapping concurrent batches create each key exactly once", async () => {
    const batch = (ids: string[]) => ids.map((id) => orderInput.parse({ source_name: "Race", source_id: id }));
    const [a, b] = await Promise.all([
      ingestOrders(scope, batch(["r-a", "r-b", "r-c"]), { via: "test" }),
      ingestOrders(scope, batch(["r-c", "r-b", "r-d"]), { via: "test" }),
    ]);
    const byKey = new Map<string, number>();
    [...a.map((r, i) => [["r-a", "r-b", "r-c"][i]!, r] as const), ...b.map((r, i) => [["r-c", "r-b", "r-d"][i]!, r] as const)].forEach(([key, r]) => {
      if (byKey.has(key)) expect(r.orderId).toBe(byKey.get(key));
      byKey.set(key, r.orderId);
    });
    expect([...a, ...b].filter((r) => r.created)).toHaveLength(4);
    const rows = await handle.db.select().from(orders).where(and(eq(orders.storeId, scope.storeId), eq(orders.sourceName, "Race")));
    expect(rows.map((r) => r.sourceId).sort()).toEqual(["r-a", "r-b", "r-c", "r-d"]);
  });
});

describe("orderInput", () => {
  it.each([
    [{ order_items: [{ quantity: -1 }] }, "order_items.0.quantity"],
    [{ order_items: [{ price: "abc" }] }, "order_items.0.price"],
    [{ surprise: 1 }, ""],
    [{ email: { nested: true } }, "email"],
    [{ checkout_data: "x" }, "checkout_data"],
    [{ date_added: "yesterday" }, "date_added"],
  ])("refuses %j, naming the field", (input, field) => {
    const result = orderInput.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path.join("."))).toContain(field);
  });

  it("accepts empty key/value maps as [] like a PHP backend sends them", () => {
    const parsed = orderInput.parse({ checkout_data: [], order_metadata: [], order_items: [{ variation_list: [], metadata: [] }] });
    expect(parsed.checkout_data).toEqual({});
    expect(parsed.order_items![0]!.variation_list).toEqual({});
  });
});

describe("listOrders", () => {
  it("finds by order id, source id, email prefix, name prefix and SKU, and pages with a keyset cursor", async () => {
    const { orderId } = await ingestOrder(
      scope,
      orderInput.parse({ source_id: "find-me-77", email: "Finder@Example.test", shipping: { first_name: "Zelda", last_name: "Quist" }, order_items: [{ code: "SKU-ZQ" }] }),
      { via: "test" },
    );
    for (const term of [String(orderId), "find-me-77", "finder@ex", "zelda q", "sku-zq"]) {
      const { orders: found } = await listOrders(scope, { search: term });
      expect(found.map((o) => o.id), term).toContain(orderId);
    }
    const seen: number[] = [];
    let cursor: { at: Date; id: number } | undefined;
    do {
      const page = await listOrders(scope, { limit: 3, cursor });
      seen.push(...page.orders.map((o) => o.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.length).toBe(await countWhere(orders, eq(orders.storeId, scope.storeId)));
    expect(new Set(seen).size).toBe(seen.length);
  });
});

describe("outbox dispatcher", () => {
  it("delivers each committed event once, retries failures with backoff, and keeps order", async () => {
    const seen: string[] = [];
    let failOnce = true;
    const dispatcher = new OutboxDispatcher(handle.db, async (event) => {
      if (event.name !== "order/created") return;
      if (failOnce) {
        failOnce = false;
        throw new Error("consumer down");
      }
      seen.push(event.eventId);
    });
    const pendingBefore = await countWhere(outboxEvents, sql`${outboxEvents.deliveredAt} is null` as never);
    expect(pendingBefore).toBeGreaterThan(0);
    await dispatcher.drain();
    const failed = await handle.db.select().from(outboxEvents).where(sql`${outboxEvents.lastError} is not null`);
    expect(failed).toHaveLength(1);
    expect(failed[0]!.attempts).toBe(1);
    expect(failed[0]!.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());
    // The failed one comes back when due (simulate the wait).
    await handle.db.update(outboxEvents).set({ nextAttemptAt: new Date(0) }).where(eq(outboxEvents.id, failed[0]!.id));
    await dispatcher.drain();
    expect(await countWhere(outboxEvents, sql`${outboxEvents.deliveredAt} is null` as never)).toBe(0);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toContain(failed[0]!.eventId);
  });
});
