import { eq } from "drizzle-orm";
import { expect } from "vitest";
import { inventoryItems } from "@/db/schema";
import { createInventoryItem } from "@/server/inventory/service";
import { inventoryItemInput } from "@/server/inventory/schemas";
import { ALL_PERMISSIONS } from "@/server/permissions";
import type { CrossStoreCases, CrossStoreContext } from "./types";

let counter = 0;

/** An inventory item of store B, and a check that it is still there, unchanged. */
async function itemOfB(ctx: CrossStoreContext) {
  counter += 1;
  const scope = { db: ctx.db, storeId: ctx.storeB, actor: { kind: "system" as const, name: "test", permissions: ALL_PERMISSIONS } };
  const item = await createInventoryItem(scope, inventoryItemInput.parse({ code: `B-SKU-${counter}`, name: "B's mug", stock: 3, price: "9.50" }));
  const snapshot = async () => (await ctx.db.select().from(inventoryItems).where(eq(inventoryItems.id, item.id)))[0];
  const before = await snapshot();
  expect(before).toBeDefined();
  return { itemId: item.id, unchanged: async () => expect(await snapshot()).toEqual(before) };
}

export const cases: CrossStoreCases = {
  "inventory.byId": async (ctx) => {
    const { itemId, unchanged } = await itemOfB(ctx);
    return { input: { itemId }, unchanged };
  },
  "inventory.update": async (ctx) => {
    const { itemId, unchanged } = await itemOfB(ctx);
    return { input: { itemId, name: "hijacked", stock: 999 }, unchanged };
  },
  "inventory.delete": async (ctx) => {
    const { itemId, unchanged } = await itemOfB(ctx);
    return { input: { itemId }, unchanged };
  },
  "inventory.adjustStock": async (ctx) => {
    const { itemId, unchanged } = await itemOfB(ctx);
    return { input: { itemId, delta: -1 }, unchanged };
  },
};
