import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { jsonInsert, rowsOf } from "@/db/json-insert";
import { folders, orders, outboxEvents } from "@/db/schema";
import { newUser } from "../helpers/actors";
import { createTestDatabase } from "../helpers/database";

let handle: DatabaseHandle;
let storeId: number;
let folderId: number;

beforeAll(async () => {
  handle = await createTestDatabase();
  const owner = await newUser(handle.db, "json-insert");
  storeId = (await owner.caller.store.create({ name: "Json insert" })).id;
  folderId = (await handle.db.select({ id: folders.id }).from(folders).where(eq(folders.storeId, storeId)).limit(1))[0]!.id;
});
afterAll(() => handle?.close());

describe("jsonInsert", () => {
  it("writes text arrays, nested jsonb, decimals and dates as .values() would, defaulting what a row leaves out", async () => {
    const when = new Date("2026-01-02T03:04:05.678Z");
    const result = await handle.db.execute(
      jsonInsert(
        orders,
        [
          { storeId, folderId, sourceName: "J", sourceId: "1", tags: ["a", "b c"], shipping: { first_name: "Ö", nested: { x: [1, "2"] } } as never, orderTotal: "12.3400", dateAdded: when },
          { storeId, folderId, sourceName: "J", sourceId: "2", email: "only@here.test" },
        ],
        { suffix: sql`returning id` },
      ),
    );
    const ids = rowsOf<{ id: number | string }>(result).map((r) => Number(r.id));
    expect(ids).toHaveLength(2);
    const [first, second] = await Promise.all(ids.map(async (id) => (await handle.db.select().from(orders).where(eq(orders.id, id)))[0]!));
    expect(first).toMatchObject({ tags: ["a", "b c"], shipping: { first_name: "Ö", nested: { x: [1, "2"] } }, orderTotal: "12.3400", dateAdded: when, email: "" });
    // Left out of row 2: the database defaults, not NULL.
    expect(second).toMatchObject({ tags: [], shipping: {}, orderTotal: "0.0000", email: "only@here.test" });
    expect(Math.abs(second!.dateAdded.getTime() - Date.now())).toBeLessThan(60_000);
  });

  it("fills JavaScript-side defaults and leaves columns no row sets to the database", async () => {
    await handle.db.execute(jsonInsert(outboxEvents, [{ storeId, name: "test/json", payload: { n: 1 } }]));
    const [row] = await handle.db.select().from(outboxEvents).where(eq(outboxEvents.name, "test/json"));
    expect(row).toMatchObject({ payload: { n: 1 }, attempts: 0, deliveredAt: null });
    expect(row!.eventId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
