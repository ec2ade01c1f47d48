import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { folders, orders } from "@/db/schema";
import { countOrdersByFolder, listOrders } from "@/server/orders/read";
import { ALL_PERMISSIONS } from "@/server/permissions";
import type { StoreScope } from "@/server/scope";
import { newUser } from "../helpers/actors";
import { createTestDatabase } from "../helpers/database";

let handle: DatabaseHandle;
let owner: Awaited<ReturnType<typeof newUser>>;
let storeA: number;
let storeB: number;

beforeAll(async () => {
  handle = await createTestDatabase();
  owner = await newUser(handle.db, "counts-owner");
  storeA = (await owner.caller.store.create({ name: "Counts A" })).id;
  storeB = (await owner.caller.store.create({ name: "Counts B" })).id;
});
afterAll(() => handle?.close());

const scopeOf = (storeId: number): StoreScope => ({ db: handle.db, storeId, actor: { kind: "system", name: "test", permissions: ALL_PERMISSIONS } });
const folderIdsOf = async (storeId: number) =>
  (await handle.db.select({ id: folders.id }).from(folders).where(eq(folders.storeId, storeId)).orderBy(folders.position)).map((f) => f.id);

/** The truth the counters must match: a real count per folder. */
async function scanned(storeId: number) {
  const rows = await handle.db
    .select({ folderId: orders.folderId, count: sql<number>`count(*)::int` })
    .from(orders)
    .where(eq(orders.storeId, storeId))
    .groupBy(orders.folderId);
  return Object.fromEntries(rows.map((r) => [r.folderId, r.count]));
}
const counted = async (storeId: number) => Object.fromEntries((await countOrdersByFolder(scopeOf(storeId))).map((r) => [r.folderId, r.count]));

describe("order counters", () => {
  it("stay equal to a real count through creates, batches, folder moves, splits, copies, store moves and deletes", async () => {
    const [newFolder, prepared] = await folderIdsOf(storeA);
    const created = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        owner.caller.order.create({
          storeId: storeA,
          order: { source_id: `c-${i}`, order_items: [{ name: "A", code: "A", price: "1", category_code: "x" }, { name: "B", code: "B", price: "2", category_code: "y" }] },
        }),
      ),
    );
    const ids = created.map((c) => c.orderId);
    expect(await counted(storeA)).toEqual(await scanned(storeA));

    await owner.caller.order.move({ storeId: storeA, orderIds: ids.slice(0, 5), folderId: prepared! });
    await owner.caller.order.update({ storeId: storeA, orderId: ids[6]!, patch: { email: "changed@example.test" } });
    await owner.caller.order.split({ storeId: storeA, orderId: ids[7]!, mode: "key", key: "category_code" });
    await owner.caller.order.copyToStore({ storeId: storeA, orderIds: ids.slice(8, 10), targetStoreId: storeB });
    await owner.caller.order.moveToStore({ storeId: storeA, orderIds: [ids[10]!], targetStoreId: storeB });
    await owner.caller.order.delete({ storeId: storeA, orderIds: [ids[11]!, ids[0]!] });

    for (const storeId of [storeA, storeB]) expect(await counted(storeId)).toEqual(await scanned(storeId));
    const truth = await scanned(storeA);
    expect(truth[prepared!]).toBe(4);
    expect(truth[newFolder!]).toBeGreaterThan(0);
  });

  it("give list totals equal to a real count, for the whole store and per folder", async () => {
    const scope = scopeOf(storeA);
    const truth = await scanned(storeA);
    const all = Object.values(truth).reduce((a, b) => a + b, 0);
    expect((await listOrders(scope, { limit: 1 }, { withTotal: true })).total).toBe(all);
    for (const [folderId, n] of Object.entries(truth)) {
      expect((await listOrders(scope, { limit: 1, folderIds: [Number(folderId)] }, { withTotal: true })).total).toBe(n);
    }
    // A narrowing filter counts the rows themselves.
    expect((await listOrders(scope, { limit: 1, sourceId: "c-3" }, { withTotal: true })).total).toBe(1);
  });
});
