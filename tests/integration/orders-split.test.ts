import { and, asc, eq, inArray, or, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { orderHistory, orderItems, orders, outboxEvents, type Order } from "@/db/schema";
import { ordersCreatedIn } from "@/server/billing/usage";
import { fromUnits, toUnits } from "@/server/orders/money";
import { SPLIT_KEYS, type SplitKey } from "@/server/orders/split";
import { newUser } from "../helpers/actors";
import { createTestDatabase } from "../helpers/database";
import { rejection } from "../helpers/trpc-errors";

let handle: DatabaseHandle;
let owner: Awaited<ReturnType<typeof newUser>>;
let storeId: number;

beforeAll(async () => {
  handle = await createTestDatabase();
  owner = await newUser(handle.db, "split-owner");
  storeId = (await owner.caller.store.create({ name: "Split shop" })).id;
});
afterAll(() => handle?.close());

type ItemIn = { name?: string; code?: string; price?: string; quantity?: number; weight?: string; delivery_type?: string; category_code?: string; variation_list?: Record<string, string> };

async function createOrder(order: Record<string, unknown> & { order_items?: ItemIn[] }) {
  const { orderId } = await owner.caller.order.create({ storeId, order: order as never });
  return orderId;
}

const MONEY = ["productTotal", "shippingTotal", "handlingTotal", "taxTotal", "discountTotal", "orderTotal", "weightTotal"] as const;

async function orderRow(id: number) {
  const [row] = await handle.db.select().from(orders).where(eq(orders.id, id));
  return row!;
}

/** The parent and every child, with the sum of each total in exact units. */
async function family(parentId: number) {
  const rows = await handle.db
    .select()
    .from(orders)
    .where(or(eq(orders.id, parentId), eq(orders.parentOrderId, parentId)))
    .orderBy(asc(orders.id));
  const sums = Object.fromEntries(MONEY.map((k) => [k, fromUnits(rows.reduce((s, r) => s + toUnits(r[k]), 0n))])) as Record<(typeof MONEY)[number], string>;
  return { rows, sums, quantity: rows.reduce((s, r) => s + r.quantityTotal, 0) };
}

const totalsOf = (o: Order) => ({
  ...(Object.fromEntries(MONEY.map((k) => [k, fromUnits(toUnits(o[k]))])) as Record<(typeof MONEY)[number], string>),
});

async function itemsOf(orderId: number) {
  return handle.db.select().from(orderItems).where(eq(orderItems.orderId, orderId)).orderBy(asc(orderItems.position), asc(orderItems.id));
}

const countOrders = async () =>
  (await handle.db.select({ n: sql<number>`count(*)::int` }).from(orders).where(eq(orders.storeId, storeId)))[0]!.n;

describe("order.split by items", () => {
  it("moves the selected items to a linked child and splits the totals to the cent", async () => {
    const parentId = await createOrder({
      source_name: "Shopify",
      source_id: "S-1001",
      email: "split@example.test",
      tag_name: "vip",
      shipping: { first_name: "Ada", last_name: "Lovelace", city: "London" },
      shipping_total: "10.00",
      handling_total: "0.99",
      tax_total: "1.00",
      discount_total: "3.00",
      order_items: [
        { name: "Poster", code: "P", price: "10.00", quantity: 1, weight: "0.5" },
        { name: "Mug", code: "M", price: "5.00", quantity: 2, weight: "0.4" },
        { name: "Sticker", code: "S", price: "0", quantity: 3, weight: "0.01" },
      ],
    });
    const before = totalsOf(await orderRow(parentId));
    const [poster, mug, sticker] = await itemsOf(parentId);

    const { childOrderIds } = await owner.caller.order.split({ storeId, orderId: parentId, mode: "items", itemIds: [mug!.id] });
    expect(childOrderIds).toHaveLength(1);
    const childId = childOrderIds[0]!;

    // The same item rows moved; the rest stayed on the parent in order.
    expect((await itemsOf(parentId)).map((i) => i.id)).toEqual([poster!.id, sticker!.id]);
    expect((await itemsOf(childId)).map((i) => i.id)).toEqual([mug!.id]);

    const child = await orderRow(childId);
    const parent = await orderRow(parentId);
    expect(child).toMatchObject({
      storeId,
      parentOrderId: parentId,
      sourceName: "Shopify",
      sourceId: "S-1001-1",
      email: "split@example.test",
      folderId: parent.folderId,
      tags: ["vip"],
      quantityTotal: 2,
    });
    expect(child.shipping).toMatchObject({ first_name: "Ada", city: "London" });
    // Item values 10.00 (poster + free stickers) vs 10.00 (mugs): halves.
    expect(totalsOf(child)).toEqual({ productTotal: "10", shippingTotal: "5", handlingTotal: "0.49", taxTotal: "0.5", discountTotal: "1.5", orderTotal: "14.49", weightTotal: "0.8" });
    expect(totalsOf(parent)).toEqual({ productTotal: "10", shippingTotal: "5", handlingTotal: "0.5", taxTotal: "0.5", discountTotal: "1.5", orderTotal: "14.5", weightTotal: "0.53" });
    const { sums, quantity } = await family(parentId);
    expect(sums).toEqual(before);
    expect(quantity).toBe(6);

    const serialized = await owner.caller.order.byId({ storeId, orderId: childId });
    expect(serialized.parent_order_id).toBe(String(parentId));

    const parentHistory = await owner.caller.order.history({ storeId, orderId: parentId });
    expect(parentHistory[0]!.message).toBe(`Split by selected items into #${childId}`);
    const childHistory = (await owner.caller.order.history({ storeId, orderId: childId })).map((h) => h.message);
    expect(childHistory).toEqual([`Items moved here from order #${parentId}`, `Split from order #${parentId}`]);

    const events = await handle.db
      .select()
      .from(outboxEvents)
      .where(and(eq(outboxEvents.storeId, storeId), inArray(outboxEvents.name, ["order/split", "order/created"])));
    expect(events.filter((e) => e.name === "order/split").map((e) => e.payload)).toContainEqual({ orderId: parentId, childOrderIds: [childId], mode: "items" });
    expect(events.filter((e) => e.name === "order/created").map((e) => e.payload.orderId)).toContain(childId);
  });

  it("numbers further children after the existing ones, skips taken numbers, and a repeat finds the items gone", async () => {
    const unrelated = await createOrder({ source_name: "Etsy", source_id: "E-7-1" });
    const parentId = await createOrder({
      source_name: "Etsy",
      source_id: "E-7",
      order_items: [{ name: "A", price: "1" }, { name: "B", price: "2" }, { name: "C", price: "3" }],
    });
    const [, b, c] = await itemsOf(parentId);
    const first = await owner.caller.order.split({ storeId, orderId: parentId, mode: "items", itemIds: [b!.id] });
    const second = await owner.caller.order.split({ storeId, orderId: parentId, mode: "items", itemIds: [c!.id] });
    // "E-7-1" was already an order of its own: left alone, the child takes the next number.
    expect((await orderRow(first.childOrderIds[0]!)).sourceId).toBe("E-7-2");
    expect((await orderRow(second.childOrderIds[0]!)).sourceId).toBe("E-7-3");
    expect(await itemsOf(unrelated)).toEqual([]);
    expect((await orderRow(unrelated)).parentOrderId).toBeNull();

    const count = await countOrders();
    expect((await rejection(owner.caller.order.split({ storeId, orderId: parentId, mode: "items", itemIds: [b!.id] }))).code).toBe("NOT_FOUND");
    expect(await countOrders()).toBe(count);
  });

  it("splits once when the same split is asked for concurrently", async () => {
    const parentId = await createOrder({ order_items: [{ name: "A", price: "1" }, { name: "B", price: "2" }] });
    const [, b] = await itemsOf(parentId);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 4 }, () => owner.caller.order.split({ storeId, orderId: parentId, mode: "items", itemIds: [b!.id] })),
    );
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    expect(outcomes.filter((o) => o.status === "rejected").map((o) => (o as PromiseRejectedResult).reason.code)).toEqual(["NOT_FOUND", "NOT_FOUND", "NOT_FOUND"]);
    expect((await family(parentId)).rows).toHaveLength(2);
  });

  it("gives children of an order without a source id no source id either", async () => {
    const parentId = await createOrder({ order_items: [{ name: "A", price: "1" }, { name: "B", price: "2" }] });
    const [, b] = await itemsOf(parentId);
    const { childOrderIds } = await owner.caller.order.split({ storeId, orderId: parentId, mode: "items", itemIds: [b!.id] });
    expect(await orderRow(childOrderIds[0]!)).toMatchObject({ sourceId: null, sourceName: "Switchyard", parentOrderId: parentId });
  });

  it("refuses to leave the original empty, and writes nothing", async () => {
    const parentId = await createOrder({ shipping_total: "4", order_items: [{ name: "A", price: "1" }, { name: "B", price: "2" }] });
    const ids = (await itemsOf(parentId)).map((i) => i.id);
    const before = { count: await countOrders(), parent: await orderRow(parentId), items: await itemsOf(parentId) };
    const error = await rejection(owner.caller.order.split({ storeId, orderId: parentId, mode: "items", itemIds: ids }));
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toMatch(/at least one item on the original/);
    expect(await countOrders()).toBe(before.count);
    expect(await orderRow(parentId)).toEqual(before.parent);
    expect(await itemsOf(parentId)).toEqual(before.items);
  });

  it("refuses an item of another order, and a split without items", async () => {
    const a = await createOrder({ order_items: [{ name: "A" }, { name: "B" }] });
    const b = await createOrder({ order_items: [{ name: "X" }, { name: "Y" }] });
    const [x] = await itemsOf(b);
    expect((await rejection(owner.caller.order.split({ storeId, orderId: a, mode: "items", itemIds: [x!.id] }))).code).toBe("NOT_FOUND");
    expect((await rejection(owner.caller.order.split({ storeId, orderId: a, mode: "items" }))).code).toBe("BAD_REQUEST");
    expect((await rejection(owner.caller.order.split({ storeId, orderId: a, mode: "key" }))).code).toBe("BAD_REQUEST");
    expect(await itemsOf(b)).toHaveLength(2);
  });
});

/** Three groups worth 8.00 each for `key`, the first group first; 10.00 shipping cannot split evenly. */
function itemsDifferingBy(key: SplitKey): ItemIn[] {
  const base = { name: "Tee", code: "TEE", price: "4.00", quantity: 1, weight: "0.2", delivery_type: "ship", category_code: "Acme", variation_list: { Size: "M" } };
  const vary = (v: string): Partial<ItemIn> =>
    key === "variation" ? { variation_list: { Size: v } } : { [key]: v };
  return [
    { ...base, ...vary("one") },
    { ...base, ...vary("two"), price: "4.00", quantity: 2 },
    { ...base, ...vary("one") },
    { ...base, ...vary("three"), price: "8.00" },
  ];
}

describe("order.split by key", () => {
  it.each(SPLIT_KEYS)("by %s: one child per further group, first group stays, totals add up to the cent", async (key) => {
    const parentId = await createOrder({
      source_name: "Woo",
      source_id: `K-${key}`,
      shipping_total: "10.00",
      handling_total: "0.01",
      tax_total: "1.99",
      discount_total: "0.05",
      order_items: itemsDifferingBy(key),
    });
    const before = totalsOf(await orderRow(parentId));
    const [first, second, third, fourth] = await itemsOf(parentId);
    const { childOrderIds } = await owner.caller.order.split({ storeId, orderId: parentId, mode: "key", key });
    expect(childOrderIds).toHaveLength(2);
    expect((await itemsOf(parentId)).map((i) => i.id)).toEqual([first!.id, third!.id]);
    expect((await itemsOf(childOrderIds[0]!)).map((i) => i.id)).toEqual([second!.id]);
    expect((await itemsOf(childOrderIds[1]!)).map((i) => i.id)).toEqual([fourth!.id]);

    const { rows, sums } = await family(parentId);
    expect(sums).toEqual(before);
    // Each group is worth 8.00: 10.00 -> 3.34 + 3.33 + 3.33, and the odd cents land somewhere, never lost.
    expect(rows.map((r) => fromUnits(toUnits(r.shippingTotal)))).toEqual(["3.34", "3.33", "3.33"]);
    expect(rows.map((r) => fromUnits(toUnits(r.handlingTotal))).sort()).toEqual(["0", "0", "0.01"]);
    expect(rows.map((r) => fromUnits(toUnits(r.taxTotal)))).toEqual(["0.67", "0.66", "0.66"]);
    for (const row of rows) {
      const t = totalsOf(row);
      expect(toUnits(t.orderTotal)).toBe(toUnits(t.productTotal) + toUnits(t.shippingTotal) + toUnits(t.handlingTotal) + toUnits(t.taxTotal) - toUnits(t.discountTotal));
    }
    const history = await handle.db.select().from(orderHistory).where(eq(orderHistory.orderId, parentId)).orderBy(asc(orderHistory.id));
    expect(history.at(-1)!.details).toMatchObject({ mode: "key", key, childOrderIds });
  });

  it("splits over free items evenly, and gives a free group nothing next to paid ones", async () => {
    const freeId = await createOrder({
      shipping_total: "10.00",
      order_items: [{ name: "A", code: "A", price: "0" }, { name: "B", code: "B", price: "0" }, { name: "C", code: "C", price: "0" }],
    });
    await owner.caller.order.split({ storeId, orderId: freeId, mode: "key", key: "code" });
    const free = await family(freeId);
    expect(free.rows.map((r) => fromUnits(toUnits(r.shippingTotal)))).toEqual(["3.34", "3.33", "3.33"]);
    expect(free.sums.shippingTotal).toBe("10");
    expect(free.sums.orderTotal).toBe("10");

    const mixedId = await createOrder({
      shipping_total: "7.77",
      tax_total: "0.03",
      order_items: [{ name: "Paid", code: "P", price: "3.33", quantity: 3 }, { name: "Gift", code: "G", price: "0" }],
    });
    const before = totalsOf(await orderRow(mixedId));
    await owner.caller.order.split({ storeId, orderId: mixedId, mode: "key", key: "code" });
    const mixed = await family(mixedId);
    expect(mixed.sums).toEqual(before);
    const gift = mixed.rows.find((r) => r.id !== mixedId)!;
    expect(totalsOf(gift)).toMatchObject({ productTotal: "0", shippingTotal: "0", taxTotal: "0", orderTotal: "0" });
  });

  it("keeps source totals that differ from the items (and sub-cent amounts) exact", async () => {
    const parentId = await createOrder({
      product_total: "100",
      shipping_total: "0.0150",
      tax_total: "0.01",
      order_total: "123.4567",
      order_items: [{ name: "A", code: "A", price: "1.11" }, { name: "B", code: "B", price: "2.22" }, { name: "C", code: "C", price: "3.33" }],
    });
    const before = totalsOf(await orderRow(parentId));
    await owner.caller.order.split({ storeId, orderId: parentId, mode: "key", key: "name" });
    const { rows, sums } = await family(parentId);
    expect(rows).toHaveLength(3);
    expect(sums).toEqual(before);
    // Children take their items' value; the parent keeps the rest of the source's product total.
    expect(rows.map((r) => fromUnits(toUnits(r.productTotal)))).toEqual(["94.45", "2.22", "3.33"]);
  });

  it("refuses a key with a single group, and an order without items, writing nothing", async () => {
    const sameId = await createOrder({ order_items: [{ name: "A", code: "X" }, { name: "B", code: "X" }] });
    const emptyId = await createOrder({ email: "empty@example.test" });
    const count = await countOrders();
    const same = await rejection(owner.caller.order.split({ storeId, orderId: sameId, mode: "key", key: "code" }));
    expect(same.code).toBe("BAD_REQUEST");
    expect(same.message).toMatch(/same SKU/);
    expect((await rejection(owner.caller.order.split({ storeId, orderId: emptyId, mode: "key", key: "name" }))).message).toMatch(/no items/);
    expect(await countOrders()).toBe(count);
    expect(await itemsOf(sameId)).toHaveLength(2);
  });

  it("needs orders.write", async () => {
    const reader = await newUser(handle.db, "split-reader");
    await owner.caller.member.add({ storeId, email: reader.email, permissions: ["orders.read"] });
    const orderId = await createOrder({ order_items: [{ code: "A" }, { code: "B" }] });
    expect((await rejection(reader.caller.order.split({ storeId, orderId, mode: "key", key: "code" }))).code).toBe("FORBIDDEN");
    expect(await itemsOf(orderId)).toHaveLength(2);
  });
});

describe("billing", () => {
  it("does not count split parts as new orders", async () => {
    const parentId = await createOrder({ order_items: [{ name: "A", code: "A", price: "1" }, { name: "B", code: "B", price: "2" }] });
    const usage = () => ordersCreatedIn(handle.db, storeId);
    const before = await usage();
    const { childOrderIds } = await owner.caller.order.split({ storeId, orderId: parentId, mode: "key", key: "code" });
    expect(childOrderIds).toHaveLength(1);
    expect(await usage()).toBe(before);
  });
});
