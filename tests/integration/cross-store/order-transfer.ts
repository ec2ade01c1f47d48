import { eq, sql } from "drizzle-orm";
import { expect } from "vitest";
import type { Database } from "@/db/client";
import { orderItems, orders } from "@/db/schema";
import { ingestOrder } from "@/server/orders/ingest";
import { ALL_PERMISSIONS } from "@/server/permissions";
import type { StoreScope } from "@/server/scope";
import type { CrossStoreCases, CrossStoreContext } from "./types";

const system = (db: Database, storeId: number): StoreScope => ({
  db,
  storeId,
  actor: { kind: "system", name: "test", permissions: ALL_PERMISSIONS },
});

const item = (code: string) => ({ name: code, code, price: "5", quantity: 1, weight: "0", delivery_type: "ship", category_code: "", fulfillment_method: "", variation_list: {}, metadata: {} });

/** A two-item order in `storeId` and a check that neither it, its items nor its store's order count changed. */
async function orderIn(ctx: CrossStoreContext, storeId: number) {
  const { orderId } = await ingestOrder(system(ctx.db, storeId), { email: "x@example.test", order_items: [item("A"), item("B")] }, { via: "test" });
  const snapshot = await snapshotOf(ctx.db, orderId, storeId);
  return { orderId, unchanged: async () => expect(await snapshotOf(ctx.db, orderId, storeId)).toEqual(snapshot) };
}

async function snapshotOf(db: Database, orderId: number, storeId: number) {
  const [order] = await db.select().from(orders).where(eq(orders.id, orderId));
  const items = await db.select().from(orderItems).where(eq(orderItems.orderId, orderId));
  const [{ n }] = (await db.select({ n: sql<number>`count(*)::int` }).from(orders).where(eq(orders.storeId, storeId))) as [{ n: number }];
  return { order, items, ordersInStore: n };
}

export const cases: CrossStoreCases = {
  "order.split": async (ctx) => {
    const b = await orderIn(ctx, ctx.storeB);
    const [first] = await ctx.db.select().from(orderItems).where(eq(orderItems.orderId, b.orderId)).limit(1);
    return { input: { orderId: b.orderId, mode: "items", itemIds: [first!.id] }, unchanged: b.unchanged };
  },
  // Store B's order, into a store A's owner does reach: the source orders must be A's.
  "order.copyToStore": async (ctx) => {
    const b = await orderIn(ctx, ctx.storeB);
    const { id: storeC } = await ctx.ownerA.caller.store.create({ name: "A's other store" });
    const emptyC = async () => expect((await ctx.db.select().from(orders).where(eq(orders.storeId, storeC))).length).toBe(0);
    return {
      input: { orderIds: [b.orderId], targetStoreId: storeC },
      unchanged: async () => {
        await b.unchanged();
        await emptyC();
      },
    };
  },
  // Store A's own order, into store B, which A's owner cannot reach.
  "order.moveToStore": async (ctx) => {
    const a = await orderIn(ctx, ctx.storeA);
    const b = await orderIn(ctx, ctx.storeB);
    return {
      input: { orderIds: [a.orderId], targetStoreId: ctx.storeB },
      unchanged: async () => {
        await a.unchanged();
        await b.unchanged();
      },
    };
  },
};
