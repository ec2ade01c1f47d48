import { and, asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import {
  auditEvents,
  folders,
  orderHistory,
  orderItems,
  orderNotes,
  orders,
  orderShipments,
  outboxEvents,
  storeTags,
} from "@/db/schema";
import { ordersCreatedIn } from "@/server/billing/usage";
import { ALL_PERMISSIONS } from "@/server/permissions";
import { resolveTargetStore } from "@/server/orders/transfer";
import { newUser } from "../helpers/actors";
import { auditCount } from "../helpers/audit";
import { createTestDatabase } from "../helpers/database";
import { rejection } from "../helpers/trpc-errors";

let handle: DatabaseHandle;
let owner: Awaited<ReturnType<typeof newUser>>;
let other: Awaited<ReturnType<typeof newUser>>;
/** Stores `owner` owns. */
let storeA: number;
let storeB: number;
let storeE: number;
/** Owned by `other`: `owner` may only read orders in C, and is not a member of D. */
let storeC: number;
let storeD: number;

beforeAll(async () => {
  handle = await createTestDatabase();
  [owner, other] = await Promise.all([newUser(handle.db, "transfer-owner"), newUser(handle.db, "transfer-other")]);
  storeA = (await owner.caller.store.create({ name: "Origin" })).id;
  storeB = (await owner.caller.store.create({ name: "Vendor" })).id;
  storeE = (await owner.caller.store.create({ name: "Subvendor" })).id;
  storeC = (await other.caller.store.create({ name: "Read only" })).id;
  storeD = (await other.caller.store.create({ name: "Unreachable" })).id;
  await other.caller.member.add({ storeId: storeC, email: owner.email, permissions: ["orders.read"] });
});
afterAll(() => handle?.close());

const ITEMS = [
  { name: "Poster", code: "P-1", price: "12.50", quantity: 2, weight: "0.3", category_code: "Prints", variation_list: { Size: "A2" } },
  { name: "Frame", code: "F-1", price: "30", quantity: 1, weight: "1.2" },
];

/** Tagged "rush", a colour store A defines (colours are per store; copy and move carry them). */
async function createOrder(storeId: number, order: Record<string, unknown> = {}) {
  await handle.db.insert(storeTags).values({ storeId: storeA, name: "rush", color: "danger" }).onConflictDoNothing();
  const { orderId } = await owner.caller.order.create({
    storeId,
    order: { email: "buyer@example.test", shipping_total: "5.95", tax_total: "2.10", tag_name: "rush", order_items: ITEMS, ...order } as never,
  });
  return orderId;
}

const count = async (table: typeof orders | typeof outboxEvents, storeId: number) =>
  (await handle.db.select({ n: sql<number>`count(*)::int` }).from(table).where(eq(table.storeId, storeId)))[0]!.n;

const usage = (storeId: number) => ordersCreatedIn(handle.db, storeId);

async function orderRow(id: number) {
  const [row] = await handle.db.select().from(orders).where(eq(orders.id, id));
  return row;
}

const eventsNamed = (storeId: number, name: string) =>
  handle.db.select().from(outboxEvents).where(and(eq(outboxEvents.storeId, storeId), eq(outboxEvents.name, name))).orderBy(asc(outboxEvents.id));

/** Everything copy/move could write anywhere, to prove a refused call wrote nothing. */
async function everything() {
  const stores = [storeA, storeB, storeC, storeD, storeE];
  return {
    orders: await Promise.all(stores.map((s) => count(orders, s))),
    events: await Promise.all(stores.map((s) => count(outboxEvents, s))),
    usage: await Promise.all(stores.map(usage)),
    audit: await Promise.all(stores.map((s) => auditCount(handle.db, s))),
  };
}

describe("order.copyToStore", () => {
  it("carries every tag of the original, not only the first", async () => {
    const originalId = await createOrder(storeA, { tag_name: "rush", tags: ["gift", "stock-short"] });
    const { copies } = await owner.caller.order.copyToStore({ storeId: storeA, orderIds: [originalId], targetStoreId: storeB });
    const copy = await owner.caller.order.byId({ storeId: storeB, orderId: copies[0]!.copyId });
    expect(copy.tags).toEqual(["rush", "gift", "stock-short"]);
  });

  it("creates a linked copy in the target, counted as a new order, once per target", async () => {
    const originalId = await createOrder(storeA, { source_name: "Shopify", source_id: "1001", tag_name: "rush" });
    const usageBefore = await usage(storeB);
    const ordersBefore = await count(orders, storeB);

    const { copies } = await owner.caller.order.copyToStore({ storeId: storeA, orderIds: [originalId], targetStoreId: storeB });
    expect(copies).toEqual([{ orderId: originalId, copyId: expect.any(Number), created: true }]);
    const copyId = copies[0]!.copyId;

    const copy = await owner.caller.order.byId({ storeId: storeB, orderId: copyId });
    const original = await owner.caller.order.byId({ storeId: storeA, orderId: originalId });
    expect(copy).toMatchObject({
      copied_from_order_id: String(originalId),
      source_name: "Switchyard copy",
      source_id: `${storeA}-${originalId}`,
      email: original.email,
      shipping_total: original.shipping_total,
      tax_total: original.tax_total,
      product_total: original.product_total,
      order_total: original.order_total,
      quantity_total: original.quantity_total,
      weight_total: original.weight_total,
      tag_name: "rush",
      tag_color: "danger",
    });
    const strip = ({ id: _id, ...item }: Record<string, unknown>) => item;
    expect(copy.order_items.map(strip)).toEqual(original.order_items.map(strip));
    // Lands in the target's first folder.
    const [firstOfB] = await handle.db.select().from(folders).where(eq(folders.storeId, storeB)).orderBy(asc(folders.position)).limit(1);
    expect(copy.folder_id).toBe(firstOfB!.id);

    expect(await usage(storeB)).toBe(usageBefore + 1);
    expect(await count(orders, storeB)).toBe(ordersBefore + 1);
    expect((await owner.caller.order.history({ storeId: storeA, orderId: originalId }))[0]!.message).toBe(`Copied to store "Vendor" as order #${copyId}`);
    expect((await owner.caller.order.history({ storeId: storeB, orderId: copyId })).map((h) => h.message)).toEqual([`Copied from order #${originalId} of store "Origin"`]);
    expect((await eventsNamed(storeA, "order/copied")).map((e) => e.payload)).toContainEqual({ orderId: originalId, copyId, targetStoreId: storeB });
    expect((await eventsNamed(storeB, "order/created")).map((e) => e.payload.orderId)).toContain(copyId);

    // Copying again to the same store returns the first copy and writes nothing.
    const before = await everything();
    const again = await owner.caller.order.copyToStore({ storeId: storeA, orderIds: [originalId, originalId], targetStoreId: storeB });
    expect(again.copies).toEqual([{ orderId: originalId, copyId, created: false }]);
    expect(await everything()).toEqual(before);

    // Another store gets its own copy.
    const toE = await owner.caller.order.copyToStore({ storeId: storeA, orderIds: [originalId], targetStoreId: storeE });
    expect(toE.copies[0]!.copyId).not.toBe(copyId);
  });

  it("makes one copy when the same copy is asked for concurrently", async () => {
    const originalId = await createOrder(storeA);
    const usageBefore = await usage(storeB);
    const results = await Promise.all(
      Array.from({ length: 5 }, () => owner.caller.order.copyToStore({ storeId: storeA, orderIds: [originalId], targetStoreId: storeB })),
    );
    const copies = results.flatMap((r) => r.copies);
    expect(new Set(copies.map((c) => c.copyId)).size).toBe(1);
    expect(copies.filter((c) => c.created)).toHaveLength(1);
    expect(await usage(storeB)).toBe(usageBefore + 1);
  });

  it("puts copies in the folder asked for, and refuses a folder of another store", async () => {
    const originalId = await createOrder(storeA);
    const [, secondOfB] = await handle.db.select().from(folders).where(eq(folders.storeId, storeB)).orderBy(asc(folders.position));
    const [folderOfA] = await handle.db.select().from(folders).where(eq(folders.storeId, storeA)).limit(1);
    const before = await everything();
    expect(
      (await rejection(owner.caller.order.copyToStore({ storeId: storeA, orderIds: [originalId], targetStoreId: storeB, folderId: folderOfA!.id }))).code,
    ).toBe("BAD_REQUEST");
    expect(await everything()).toEqual(before);
    const { copies } = await owner.caller.order.copyToStore({ storeId: storeA, orderIds: [originalId], targetStoreId: storeB, folderId: secondOfB!.id });
    expect((await orderRow(copies[0]!.copyId))!.folderId).toBe(secondOfB!.id);
  });

  it("flows a shipment added to the copy back to the original, up a chain of copies, never down", async () => {
    const originalId = await createOrder(storeA);
    const { copies } = await owner.caller.order.copyToStore({ storeId: storeA, orderIds: [originalId], targetStoreId: storeB });
    const copyId = copies[0]!.copyId;
    const { copies: again } = await owner.caller.order.copyToStore({ storeId: storeB, orderIds: [copyId], targetStoreId: storeE });
    const copyOfCopyId = again[0]!.copyId;

    // A vendor who can only reach store B adds the tracking; it reaches the original in A.
    const vendor = await newUser(handle.db, "vendor");
    await owner.caller.member.add({ storeId: storeB, email: vendor.email, permissions: ["orders.read", "orders.write"] });
    const shipment = await vendor.caller.order.addShipment({
      storeId: storeB,
      orderId: copyId,
      shipment: { tracking_number: "1Z999AA10123456784", carrier_code: "UPS", cart_shipment_id: "vendor-cart-9" } as never,
    });
    const onOriginal = await handle.db.select().from(orderShipments).where(eq(orderShipments.orderId, originalId));
    expect(onOriginal).toEqual([
      expect.objectContaining({
        storeId: storeA,
        trackingNumber: "1Z999AA10123456784",
        carrierCode: "UPS",
        trackingUrl: shipment.trackingUrl,
        mirroredFromShipmentId: shipment.id,
        cartShipmentId: "",
      }),
    ]);
    expect((await owner.caller.order.history({ storeId: storeA, orderId: originalId }))[0]).toMatchObject({
      message: `Shipment added from copy #${copyId}: 1Z999AA10123456784`,
      actorLabel: vendor.email,
    });
    expect((await eventsNamed(storeA, "shipment/created")).map((e) => e.payload)).toContainEqual({
      orderId: originalId,
      shipmentId: onOriginal[0]!.id,
      mirroredFromShipmentId: shipment.id,
    });
    // Not pushed down to the copy of the copy.
    expect(await handle.db.select().from(orderShipments).where(eq(orderShipments.orderId, copyOfCopyId))).toEqual([]);

    // From the copy of the copy it goes up to the copy and on to the original.
    await owner.caller.order.addShipment({ storeId: storeE, orderId: copyOfCopyId, shipment: { tracking_number: "E-2" } as never });
    const trackings = async (orderId: number) =>
      (await handle.db.select().from(orderShipments).where(eq(orderShipments.orderId, orderId)).orderBy(asc(orderShipments.id))).map((s) => s.trackingNumber);
    expect(await trackings(copyId)).toEqual(["1Z999AA10123456784", "E-2"]);
    expect(await trackings(originalId)).toEqual(["1Z999AA10123456784", "E-2"]);

    // A shipment on the original stays there.
    await owner.caller.order.addShipment({ storeId: storeA, orderId: originalId, shipment: { tracking_number: "A-3" } as never });
    expect(await trackings(copyId)).toEqual(["1Z999AA10123456784", "E-2"]);
    expect(await trackings(originalId)).toEqual(["1Z999AA10123456784", "E-2", "A-3"]);
  });

  it("stops at a link that points back into the chain (a corrupted loop)", async () => {
    const aId = await createOrder(storeA);
    const { copies } = await owner.caller.order.copyToStore({ storeId: storeA, orderIds: [aId], targetStoreId: storeB });
    const bId = copies[0]!.copyId;
    // Links never form a cycle through the services; forge one to prove the walk ends.
    await handle.db.update(orders).set({ copiedFromOrderId: bId }).where(and(eq(orders.storeId, storeA), eq(orders.id, aId)));
    await owner.caller.order.addShipment({ storeId: storeB, orderId: bId, shipment: { tracking_number: "LOOP" } as never });
    expect(await handle.db.select().from(orderShipments).where(eq(orderShipments.orderId, aId))).toHaveLength(1);
    expect(await handle.db.select().from(orderShipments).where(eq(orderShipments.orderId, bId))).toHaveLength(1);
  });
});

describe("order.moveToStore", () => {
  it("takes the order with its items, shipments, notes and history into the target", async () => {
    const orderId = await createOrder(storeA, { source_name: "Etsy", source_id: "M-1" });
    await owner.caller.order.addNote({ storeId: storeA, orderId, content: "Gift wrap" });
    await owner.caller.order.addShipment({ storeId: storeA, orderId, shipment: { tracking_number: "M-SHIP" } as never });
    const before = await owner.caller.order.byId({ storeId: storeA, orderId });
    const historyBefore = await owner.caller.order.history({ storeId: storeA, orderId });
    const auditBefore = await auditCount(handle.db, storeA);
    const usageBefore = await usage(storeB);

    expect(await owner.caller.order.moveToStore({ storeId: storeA, orderIds: [orderId], targetStoreId: storeB })).toEqual({ moved: [orderId] });

    expect((await rejection(owner.caller.order.byId({ storeId: storeA, orderId }))).code).toBe("NOT_FOUND");
    const after = await owner.caller.order.byId({ storeId: storeB, orderId });
    const [firstOfB] = await handle.db.select().from(folders).where(eq(folders.storeId, storeB)).orderBy(asc(folders.position)).limit(1);
    expect(after).toMatchObject({
      id: String(orderId),
      folder_id: firstOfB!.id,
      source_name: "Etsy",
      source_id: "M-1",
      order_items: before.order_items,
      order_notes: before.order_notes,
      order_total: before.order_total,
      tag_color: "danger",
    });
    expect(after.order_shipments.map((s) => ({ ...s, store_id: "" }))).toEqual(before.order_shipments.map((s) => ({ ...s, store_id: "" })));
    for (const table of [orderItems, orderShipments, orderNotes, orderHistory] as const) {
      const rows = await handle.db.select({ storeId: table.storeId }).from(table).where(eq(table.orderId, orderId));
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((r) => r.storeId === storeB)).toBe(true);
    }
    const history = await owner.caller.order.history({ storeId: storeB, orderId });
    expect(history[0]!.message).toBe('Moved from store "Origin"');
    expect(history.slice(1).map((h) => h.id)).toEqual(historyBefore.map((h) => h.id));
    expect(await owner.caller.order.history({ storeId: storeA, orderId }).catch((e) => e.code)).toBe("NOT_FOUND");

    const audit = await handle.db.select().from(auditEvents).where(eq(auditEvents.storeId, storeA)).orderBy(asc(auditEvents.id));
    expect(audit).toHaveLength(auditBefore + 1);
    expect(audit.at(-1)).toMatchObject({ action: "order.moved_to_store", actorLabel: owner.email, details: { orderId, targetStoreId: storeB, targetStoreName: "Vendor" } });
    expect((await eventsNamed(storeA, "order/moved")).map((e) => e.payload)).toContainEqual({ orderId, fromStoreId: storeA, toStoreId: storeB });
    expect((await eventsNamed(storeB, "order/moved")).map((e) => e.payload)).toContainEqual({ orderId, fromStoreId: storeA, toStoreId: storeB });
    // A move is not a new order.
    expect(await usage(storeB)).toBe(usageBefore);
    // Listed in the target, not in the source.
    expect((await owner.caller.order.list({ storeId: storeB, search: "M-1" })).orders.map((o) => o.id)).toEqual([orderId]);
    expect((await owner.caller.order.list({ storeId: storeA, search: "M-1" })).orders).toEqual([]);
  });

  it("breaks copy links both ways, so shipments stop flowing back", async () => {
    const originalId = await createOrder(storeA);
    const { copies } = await owner.caller.order.copyToStore({ storeId: storeA, orderIds: [originalId], targetStoreId: storeB });
    const copyId = copies[0]!.copyId;
    // Moving the copy on: it is no longer a copy.
    await owner.caller.order.moveToStore({ storeId: storeB, orderIds: [copyId], targetStoreId: storeE });
    expect((await orderRow(copyId))!).toMatchObject({ storeId: storeE, copiedFromOrderId: null });
    expect((await owner.caller.order.history({ storeId: storeA, orderId: originalId }))[0]!.message).toBe(
      `Copy #${copyId} was moved to another store; shipments no longer flow back`,
    );
    await owner.caller.order.addShipment({ storeId: storeE, orderId: copyId, shipment: { tracking_number: "NOPE" } as never });
    expect(await handle.db.select().from(orderShipments).where(eq(orderShipments.orderId, originalId))).toEqual([]);

    // Moving an original: its copies are unlinked.
    const second = await createOrder(storeA);
    const { copies: c2 } = await owner.caller.order.copyToStore({ storeId: storeA, orderIds: [second], targetStoreId: storeB });
    await owner.caller.order.moveToStore({ storeId: storeA, orderIds: [second], targetStoreId: storeE });
    expect((await orderRow(c2[0]!.copyId))!.copiedFromOrderId).toBeNull();
    expect((await owner.caller.order.history({ storeId: storeB, orderId: c2[0]!.copyId }))[0]!.message).toBe(
      `No longer a copy: original order #${second} was moved to another store`,
    );
  });

  it("moves into the folder asked for", async () => {
    const orderId = await createOrder(storeA);
    const [, , closedOfE] = await handle.db.select().from(folders).where(eq(folders.storeId, storeE)).orderBy(asc(folders.position));
    await owner.caller.order.moveToStore({ storeId: storeA, orderIds: [orderId], targetStoreId: storeE, folderId: closedOfE!.id });
    expect((await orderRow(orderId))!.folderId).toBe(closedOfE!.id);
  });

  it("refuses an order whose source already exists in the target, moving nothing", async () => {
    const free = await createOrder(storeA, { source_name: "Shopify", source_id: "dup-1-free" });
    const clash = await createOrder(storeA, { source_name: "Shopify", source_id: "dup-1" });
    const inTarget = await createOrder(storeB, { source_name: "Shopify", source_id: "dup-1" });
    const before = await everything();
    const error = await rejection(owner.caller.order.moveToStore({ storeId: storeA, orderIds: [free, clash], targetStoreId: storeB }));
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toBe(`Store "Vendor" already has order #${inTarget} from Shopify with source id "dup-1"; nothing was moved.`);
    expect(await everything()).toEqual(before);
    expect((await orderRow(free))!.storeId).toBe(storeA);
  });
});

describe("target store access", () => {
  /** Copy, then move; started one at a time so each rejection is awaited as it happens. */
  const attempts = (orderIds: number[], targetStoreId: number) => [
    () => owner.caller.order.copyToStore({ storeId: storeA, orderIds, targetStoreId }),
    () => owner.caller.order.moveToStore({ storeId: storeA, orderIds, targetStoreId }),
  ];

  it.each([
    ["a store where the caller may only read orders", () => storeC, "FORBIDDEN"],
    ["a store the caller is not a member of", () => storeD, "NOT_FOUND"],
    ["a store that does not exist", () => 2_000_000_000, "NOT_FOUND"],
    ["the store the orders are in", () => storeA, "BAD_REQUEST"],
  ])("refuses %s, writing nothing", async (_label, target, code) => {
    const orderId = await createOrder(storeA);
    const before = await everything();
    for (const attempt of attempts([orderId], target())) expect((await rejection(attempt())).code).toBe(code);
    expect(await everything()).toEqual(before);
    expect((await orderRow(orderId))!.storeId).toBe(storeA);
  });

  it("refuses orders of another store, even into a reachable target", async () => {
    const { orderId } = await other.caller.order.create({ storeId: storeD, order: { email: "d@example.test" } as never });
    const before = await everything();
    for (const attempt of attempts([orderId], storeB)) expect((await rejection(attempt())).code).toBe("NOT_FOUND");
    expect(await everything()).toEqual(before);
    expect((await orderRow(orderId))!.storeId).toBe(storeD);
  });

  it("refuses an archived target", async () => {
    const archived = (await owner.caller.store.create({ name: "Old" })).id;
    await owner.caller.store.archive({ storeId: archived });
    const orderId = await createOrder(storeA);
    for (const attempt of attempts([orderId], archived)) expect((await rejection(attempt())).message).toMatch(/archived/);
  });

  it("reaches no other store for an API key or system actor", async () => {
    const scope = { db: handle.db, storeId: storeA, actor: { kind: "system" as const, name: "rule", permissions: ALL_PERMISSIONS } };
    await expect(resolveTargetStore(scope, storeB)).rejects.toMatchObject({ code: "NOT_FOUND" });
    const keyScope = { ...scope, actor: { kind: "api_key" as const, keyId: 1, name: "k", permissions: ALL_PERMISSIONS } };
    await expect(resolveTargetStore(keyScope, storeB)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
