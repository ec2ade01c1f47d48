import { eq } from "drizzle-orm";
import { expect } from "vitest";
import type { Database } from "@/db/client";
import { folders, orderItems, orderNotes, orders, orderShipments } from "@/db/schema";
import { ingestOrder } from "@/server/orders/ingest";
import { ALL_PERMISSIONS } from "@/server/permissions";
import type { CrossStoreCases, CrossStoreContext } from "./types";

/** An order of store B, and a check that nothing about it changed. */
async function orderOfB(ctx: CrossStoreContext) {
  const scope = {
    db: ctx.db,
    storeId: ctx.storeB,
    actor: { kind: "system" as const, name: "test", permissions: ALL_PERMISSIONS },
  };
  const { orderId } = await ingestOrder(
    scope,
    { email: "b@example.test", tag_name: "b-tag", order_items: [{ name: "Mug", code: "MUG", price: "5", quantity: 1, weight: "0", delivery_type: "ship", category_code: "", fulfillment_method: "", variation_list: {}, metadata: {} }] },
    { via: "test" },
  );
  const snapshot = await snapshotOf(ctx.db, orderId);
  return {
    orderId,
    unchanged: async () => expect(await snapshotOf(ctx.db, orderId)).toEqual(snapshot),
  };
}

async function snapshotOf(db: Database, orderId: number) {
  const [order] = await db.select().from(orders).where(eq(orders.id, orderId));
  const notes = await db.select().from(orderNotes).where(eq(orderNotes.orderId, orderId));
  const shipments = await db.select().from(orderShipments).where(eq(orderShipments.orderId, orderId));
  const items = await db.select().from(orderItems).where(eq(orderItems.orderId, orderId));
  return { order, notes: notes.length, shipments, items };
}

/** Store B's order with one item and one shipment; ids of both. */
async function rowsOfB(ctx: CrossStoreContext) {
  const b = await orderOfB(ctx);
  await ctx.ownerB.caller.order.addShipment({ storeId: ctx.storeB, orderId: b.orderId, shipment: { tracking_number: "B-1" } as never });
  const [item] = await ctx.db.select().from(orderItems).where(eq(orderItems.orderId, b.orderId));
  const [shipment] = await ctx.db.select().from(orderShipments).where(eq(orderShipments.orderId, b.orderId));
  const snapshot = await snapshotOf(ctx.db, b.orderId);
  return {
    orderId: b.orderId,
    itemId: item!.id,
    shipmentId: shipment!.id,
    unchanged: async () => expect(await snapshotOf(ctx.db, b.orderId)).toEqual(snapshot),
  };
}

async function folderOfA(ctx: CrossStoreContext) {
  const [folder] = await ctx.db.select().from(folders).where(eq(folders.storeId, ctx.storeA)).limit(1);
  return folder!.id;
}

export const cases: CrossStoreCases = {
  "order.list": async (ctx) => {
    const { unchanged } = await orderOfB(ctx);
    const [folderOfB] = await ctx.db.select().from(folders).where(eq(folders.storeId, ctx.storeB)).limit(1);
    return {
      input: { folderIds: [folderOfB!.id] },
      unchanged,
      succeedsWith: (result) => expect((result as { orders: unknown[] }).orders).toEqual([]),
    };
  },
  "order.byId": async (ctx) => {
    const { orderId, unchanged } = await orderOfB(ctx);
    return { input: { orderId }, unchanged };
  },
  "order.splitParts": async (ctx) => {
    const { orderId, unchanged } = await orderOfB(ctx);
    return { input: { orderId }, unchanged };
  },
  "order.history": async (ctx) => {
    const { orderId, unchanged } = await orderOfB(ctx);
    return { input: { orderId }, unchanged };
  },
  "order.update": async (ctx) => {
    const { orderId, unchanged } = await orderOfB(ctx);
    return { input: { orderId, patch: { email: "hijacked@example.test" } }, unchanged };
  },
  "order.move": async (ctx) => {
    const { orderId, unchanged } = await orderOfB(ctx);
    return { input: { orderIds: [orderId], folderId: await folderOfA(ctx) }, unchanged };
  },
  "order.tag": async (ctx) => {
    const { orderId, unchanged } = await orderOfB(ctx);
    return { input: { orderIds: [orderId], add: ["hijacked"], remove: ["b-tag"] }, unchanged };
  },
  "order.delete": async (ctx) => {
    const { orderId, unchanged } = await orderOfB(ctx);
    return { input: { orderIds: [orderId] }, unchanged };
  },
  "order.addNote": async (ctx) => {
    const { orderId, unchanged } = await orderOfB(ctx);
    return { input: { orderId, content: "hijacked" }, unchanged };
  },
  "order.addShipment": async (ctx) => {
    const { orderId, unchanged } = await orderOfB(ctx);
    return { input: { orderId, shipment: { tracking_number: "1Z999" } }, unchanged };
  },
  "order.addItem": async (ctx) => {
    const { orderId, unchanged } = await orderOfB(ctx);
    return { input: { orderId, item: { name: "Hijacked", price: "1" } }, unchanged };
  },
  "order.updateItem": async (ctx) => {
    const { orderId, itemId, unchanged } = await rowsOfB(ctx);
    return { input: { orderId, itemId, item: { name: "Hijacked", price: "1" } }, unchanged };
  },
  "order.removeItem": async (ctx) => {
    const { orderId, itemId, unchanged } = await rowsOfB(ctx);
    return { input: { orderId, itemId }, unchanged };
  },
  "order.updateShipment": async (ctx) => {
    const { orderId, shipmentId, unchanged } = await rowsOfB(ctx);
    return { input: { orderId, shipmentId, shipment: { tracking_number: "hijacked" } }, unchanged };
  },
  "order.removeShipment": async (ctx) => {
    const { orderId, shipmentId, unchanged } = await rowsOfB(ctx);
    return { input: { orderId, shipmentId }, unchanged };
  },
};
