import { and, asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { auditEvents, inventoryItems, orderHistory, orders, outboxEvents, storeTags } from "@/db/schema";
import { inventoryItemInput, inventoryItemPatchInput } from "@/server/inventory/schemas";
import { adjustStock, createInventoryItem, getInventoryItem, listInventory, upsertInventoryItems } from "@/server/inventory/service";
import { STOCK_SHORT_TAG } from "@/server/inventory/stock";
import { ingestOrder } from "@/server/orders/ingest";
import { getOrderRecord, serializeOrder } from "@/server/orders/read";
import { orderInput } from "@/server/orders/schemas";
import { ALL_PERMISSIONS } from "@/server/permissions";
import type { StoreScope } from "@/server/scope";
import { newUser } from "../helpers/actors";
import { createTestDatabase } from "../helpers/database";
import { clientShape, rejection } from "../helpers/trpc-errors";

let handle: DatabaseHandle;
let owner: Awaited<ReturnType<typeof newUser>>;
let storeId: number;
let otherStoreId: number;

const systemScope = (id: number): StoreScope => ({
  db: handle.db,
  storeId: id,
  actor: { kind: "system", name: "test", permissions: ALL_PERMISSIONS },
});

beforeAll(async () => {
  handle = await createTestDatabase();
  owner = await newUser(handle.db, "inventory-owner");
  storeId = (await owner.caller.store.create({ name: "Stockroom" })).id;
  otherStoreId = (await owner.caller.store.create({ name: "Other stockroom" })).id;
});
afterAll(() => handle?.close());

let sequence = 0;
/** A SKU no other test uses. */
const sku = (label: string) => `${label}-${++sequence}`;

async function newItem(fields: Record<string, unknown>, id = storeId) {
  return createInventoryItem(systemScope(id), inventoryItemInput.parse(fields));
}

async function stockOf(itemId: number) {
  const [row] = await handle.db.select({ stock: inventoryItems.stock }).from(inventoryItems).where(eq(inventoryItems.id, itemId));
  return row!.stock;
}

describe("inventory items: create, read, update, delete", () => {
  it("creates an item from the anchor's field names and reads it back in the anchor's shape", async () => {
    const code = sku("MUG");
    const created = await owner.caller.inventory.create({
      storeId,
      name: "Enamel mug",
      code,
      price: "12.50",
      cost: 4.2 as never,
      weight: "0.35",
      stock: "7" as never,
      location: "A-3",
      metadata: { print_sku: "P-100" },
    });
    expect(created).toMatchObject({
      id: expect.stringMatching(/^\d+$/),
      name: "Enamel mug",
      code,
      price: "12.5",
      cost: "4.2",
      weight: 0.35,
      stock: 7,
      location: "A-3",
      metadata: { print_sku: "P-100" },
      update_source: owner.email,
      date_added: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
    });
    expect(await owner.caller.inventory.byId({ storeId, itemId: Number(created.id) })).toEqual(created);
  });

  it("accepts metadata as [] (an empty PHP map), numbers as strings, and fills defaults", async () => {
    const parsed = inventoryItemInput.parse({ code: " TRIM-ME ", metadata: [], price: 3, stock: "0" });
    expect(parsed).toMatchObject({ code: "TRIM-ME", name: "", metadata: {}, price: "3", cost: "0", weight: "0", stock: 0, location: "" });
  });

  it.each([
    { field: "code", fields: { code: "   " } },
    { field: "price", fields: { price: "-1" } },
    { field: "price", fields: { price: "1.23456" } },
    { field: "stock", fields: { stock: -2 } },
    { field: "stock", fields: { stock: "1.5" } },
    { field: "weight", fields: { weight: "12345678901" } },
    { field: "metadata", fields: { metadata: "not a map" } },
  ])("refuses a bad $field with a field error and writes nothing", async ({ field, fields }) => {
    const before = await listInventory(systemScope(storeId), {}, { withTotal: true });
    const error = await rejection(owner.caller.inventory.create({ storeId, code: sku("BAD"), ...fields } as never));
    expect(error.code).toBe("BAD_REQUEST");
    expect(Object.keys(clientShape(error, "inventory.create").data.fieldErrors ?? {})).toEqual([field]);
    expect((await listInventory(systemScope(storeId), {}, { withTotal: true })).total).toBe(before.total);
  });

  it("refuses unknown fields in the strict (REST) schemas and ignores echoed read-only ones", () => {
    expect(inventoryItemInput.safeParse({ code: "X", colour: "red" }).success).toBe(false);
    expect(inventoryItemPatchInput.safeParse({ stok: 1 }).success).toBe(false);
    expect(inventoryItemInput.parse({ id: "12", code: "X", date_added: "2020-01-01 00:00:00", date_updated: "" })).toMatchObject({ code: "X" });
  });

  it("updates only the fields given, and replaces them all when a full record is sent back", async () => {
    const item = await newItem({ code: sku("TEE"), name: "Tee", price: "10", stock: 4, location: "B-1", metadata: { size: "M" } });
    const patched = await owner.caller.inventory.update({ storeId, itemId: item.id, stock: 9 });
    expect(patched).toMatchObject({ name: "Tee", price: "10", stock: 9, location: "B-1", metadata: { size: "M" }, update_source: owner.email });

    const full = { ...patched, name: "Tee (black)", location: "", metadata: [] };
    const replaced = await owner.caller.inventory.update({ storeId, itemId: item.id, ...full });
    expect(replaced).toMatchObject({ name: "Tee (black)", location: "", metadata: {}, stock: 9 });
  });

  it("deletes an item; it is gone for byId, update, delete and adjustStock", async () => {
    const item = await newItem({ code: sku("GONE") });
    expect(await owner.caller.inventory.delete({ storeId, itemId: item.id })).toEqual({ id: item.id });
    for (const call of [
      () => owner.caller.inventory.byId({ storeId, itemId: item.id }),
      () => owner.caller.inventory.update({ storeId, itemId: item.id, name: "x" }),
      () => owner.caller.inventory.delete({ storeId, itemId: item.id }),
      () => owner.caller.inventory.adjustStock({ storeId, itemId: item.id, delta: 1 }),
    ]) {
      expect((await rejection(call())).code).toBe("NOT_FOUND");
    }
  });
});

describe("SKU uniqueness", () => {
  it("is per store and case-insensitive, on create and on update, as a CONFLICT on the code field", async () => {
    const code = sku("Case");
    await owner.caller.inventory.create({ storeId, code });
    const dup = await rejection(owner.caller.inventory.create({ storeId, code: code.toUpperCase() }));
    expect(dup.code).toBe("CONFLICT");
    expect(clientShape(dup, "inventory.create").data.fieldErrors).toEqual({ code: [expect.stringContaining("already exists")] });

    const other = await owner.caller.inventory.create({ storeId, code: sku("Other") });
    const clash = await rejection(owner.caller.inventory.update({ storeId, itemId: Number(other.id), code: code.toLowerCase() }));
    expect(clash.code).toBe("CONFLICT");
    expect((await owner.caller.inventory.byId({ storeId, itemId: Number(other.id) })).code).toBe(other.code);

    // Another store may use the same SKU.
    expect((await owner.caller.inventory.create({ storeId: otherStoreId, code })).code).toBe(code);
  });
});

describe("listing and search", () => {
  let listStore: number;
  beforeAll(async () => {
    listStore = (await owner.caller.store.create({ name: "Catalog" })).id;
    const scope = systemScope(listStore);
    for (const [code, name] of [
      ["CUP-01", "Coffee cup"],
      ["cup-02", "coffee Cup large"],
      ["PEN-1", "Pen"],
      ["PEN-2", "100% cotton bag"],
      ["TOTE", "Tote bag"],
      ["mug_x", "Mug"],
    ]) {
      await createInventoryItem(scope, inventoryItemInput.parse({ code, name }));
    }
    await newItem({ code: "CUP-99", name: "Coffee cup of store B" }, otherStoreId);
  });

  const codes = (r: { items: { code: string }[] }) => r.items.map((i) => i.code);

  it("lists the store's items in SKU order, case-insensitively, never another store's", async () => {
    const all = await listInventory(systemScope(listStore), {}, { withTotal: true });
    expect(codes(all)).toEqual(["CUP-01", "cup-02", "mug_x", "PEN-1", "PEN-2", "TOTE"]);
    expect(all.total).toBe(6);
    expect(all.nextCursor).toBeUndefined();
  });

  it("searches a name prefix or an exact SKU, case-insensitively, with LIKE wildcards taken literally", async () => {
    const search = async (term: string) => codes(await listInventory(systemScope(listStore), { search: term }));
    expect(await search("coffee")).toEqual(["CUP-01", "cup-02"]);
    expect(await search("COFFEE CUP L")).toEqual(["cup-02"]);
    expect(await search("pen-1")).toEqual(["PEN-1"]);
    expect(await search("cup")).toEqual([]); // neither a name prefix nor a whole SKU
    expect(await search("%")).toEqual([]);
    expect(await search("100%")).toEqual(["PEN-2"]);
    expect(await search("mug_")).toEqual([]);
    expect(await search("MUG_X")).toEqual(["mug_x"]);
    expect(codes(await listInventory(systemScope(listStore), { code: "tote" }))).toEqual(["TOTE"]);
  });

  it("pages with a keyset cursor and with a bounded offset, through the router too", async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await owner.caller.inventory.list({ storeId: listStore, limit: 4, cursor });
      expect(page.total).toBe(6);
      seen.push(...codes(page));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(["CUP-01", "cup-02", "mug_x", "PEN-1", "PEN-2", "TOTE"]);
    expect(codes(await listInventory(systemScope(listStore), { limit: 2, offset: 2 }))).toEqual(["mug_x", "PEN-1"]);
  });

  it("finds nothing of another store by id", async () => {
    const [b] = (await listInventory(systemScope(otherStoreId), { code: "CUP-99" })).items;
    await expect(getInventoryItem(systemScope(listStore), b!.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(adjustStock(systemScope(listStore), b!.id, 5)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await stockOf(b!.id)).toBe(0);
  });
});

describe("adjustStock", () => {
  it("adds and takes in one statement and never goes below zero", async () => {
    const item = await newItem({ code: sku("ADJ"), stock: 2 });
    expect((await owner.caller.inventory.adjustStock({ storeId, itemId: item.id, delta: 3 })).stock).toBe(5);
    expect((await owner.caller.inventory.adjustStock({ storeId, itemId: item.id, delta: -5 })).stock).toBe(0);
    const error = await rejection(owner.caller.inventory.adjustStock({ storeId, itemId: item.id, delta: -1 }));
    expect(error.code).toBe("BAD_REQUEST");
    expect(clientShape(error, "inventory.adjustStock").data.fieldErrors).toEqual({ delta: [expect.stringContaining("Only 0 in stock")] });
    expect((await rejection(owner.caller.inventory.adjustStock({ storeId, itemId: item.id, delta: 0 }))).code).toBe("BAD_REQUEST");
    expect(await stockOf(item.id)).toBe(0);
  });

  it("loses no update under 30 concurrent adjustments", async () => {
    const item = await newItem({ code: sku("PAR"), stock: 10 });
    const deltas = Array.from({ length: 30 }, (_, i) => (i % 3 === 0 ? -1 : 2));
    await Promise.all(deltas.map((d) => adjustStock(systemScope(storeId), item.id, d)));
    expect(await stockOf(item.id)).toBe(10 + deltas.reduce((a, b) => a + b, 0));
  });
});

describe("upsertInventoryItems (batch by SKU)", () => {
  it("creates new SKUs, updates existing ones in the given fields only, and reports each entry", async () => {
    const existing = await newItem({ code: sku("BATCH"), name: "Kept name", price: "5", stock: 1, location: "Z-9" });
    const fresh = sku("NEW");
    const results = await upsertInventoryItems(systemScope(storeId), [
      { code: existing.code.toLowerCase(), stock: "40", update_source: "Shopify" },
      { code: fresh, name: "Brand new", price: 2.5 },
      { code: "", stock: 1 },
      { code: fresh.toUpperCase(), stock: 99 },
      { name: "no code" },
      { code: sku("X"), stock: -1 },
      "not an object",
    ]);
    expect(results.map((r) => r.status)).toEqual(["updated", "created", "error", "error", "error", "error", "error"]);
    expect(results.map((r) => r.index)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(results[2]).toMatchObject({ field: "code" });
    expect(results[3]).toMatchObject({ field: "code", message: expect.stringContaining("earlier in the batch") });
    expect(results[5]).toMatchObject({ field: "stock" });

    const updated = await getInventoryItem(systemScope(storeId), existing.id);
    expect(updated).toMatchObject({ code: existing.code, name: "Kept name", price: "5.0000", stock: 40, location: "Z-9", updateSource: "Shopify" });
    const [created] = (await listInventory(systemScope(storeId), { code: fresh })).items;
    expect(created).toMatchObject({ name: "Brand new", price: "2.5000", stock: 0, updateSource: "test" });
  });

  it("refuses more than 500 entries outright", async () => {
    const many = Array.from({ length: 501 }, (_, i) => ({ code: `MANY-${i}` }));
    await expect(upsertInventoryItems(systemScope(storeId), many)).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect((await listInventory(systemScope(storeId), { code: "MANY-0" })).items).toEqual([]);
  });

  it("writes the whole batch in one transaction", async () => {
    const codes = [sku("TX"), sku("TX")];
    await handle.db
      .transaction(async (tx) => {
        await upsertInventoryItems({ ...systemScope(storeId), db: tx }, codes.map((code) => ({ code, stock: 1 })));
        expect((await tx.select().from(inventoryItems).where(sql`${inventoryItems.code} in (${codes[0]}, ${codes[1]})`)).length).toBe(2);
        tx.rollback();
      })
      .catch(() => {});
    for (const code of codes) expect((await listInventory(systemScope(storeId), { code })).items).toEqual([]);
  });
});

describe("stock taken when an order is created", () => {
  let shop: number;
  let scope: StoreScope;

  beforeAll(async () => {
    shop = (await owner.caller.store.create({ name: "Decrementing shop" })).id;
    scope = systemScope(shop);
  });

  const order = (sourceId: string, items: { code: string; quantity: number }[]) =>
    ingestOrder(scope, orderInput.parse({ source_id: sourceId, order_items: items.map((i) => ({ name: i.code, price: "1", ...i })) }), { via: "test" });

  const eventsOf = (orderId: number) =>
    handle.db
      .select()
      .from(outboxEvents)
      .where(and(eq(outboxEvents.storeId, shop), eq(outboxEvents.name, "inventory/stock.short"), sql`${outboxEvents.payload}->>'orderId' = ${String(orderId)}`));

  const historyOf = async (orderId: number) =>
    (await handle.db.select().from(orderHistory).where(eq(orderHistory.orderId, orderId)).orderBy(asc(orderHistory.id))).map((h) => h.message);

  const tagsOf = async (orderId: number) => (await handle.db.select({ tags: orders.tags }).from(orders).where(eq(orders.id, orderId)))[0]!.tags;

  it("takes nothing while the store setting is off (the default)", async () => {
    const item = await newItem({ code: sku("OFF"), stock: 5 }, shop);
    expect((await owner.caller.store.byId({ storeId: shop })).store.decrementStockOnOrder).toBe(false);
    await order(sku("o"), [{ code: item.code, quantity: 2 }]);
    expect(await stockOf(item.id)).toBe(5);
  });

  it("is switched on in the store settings, audited, and kept when a settings save omits it", async () => {
    const store = (await owner.caller.store.byId({ storeId: shop })).store;
    await owner.caller.store.updateSettings({ storeId: shop, name: store.name, timezone: store.timezone, currency: store.currency, decrementStockOnOrder: true });
    expect((await owner.caller.store.byId({ storeId: shop })).store.decrementStockOnOrder).toBe(true);
    const [audit] = await handle.db.select().from(auditEvents).where(and(eq(auditEvents.storeId, shop), eq(auditEvents.action, "settings.updated")));
    expect(audit!.details).toEqual({ changes: { decrementStockOnOrder: { from: false, to: true } } });

    expect(await owner.caller.store.updateSettings({ storeId: shop, name: store.name, timezone: store.timezone, currency: store.currency })).toEqual({ changed: false });
    expect((await owner.caller.store.byId({ storeId: shop })).store.decrementStockOnOrder).toBe(true);
  });

  it("takes each SKU's total quantity (any case) off the matching item; unknown SKUs are left alone", async () => {
    const mug = await newItem({ code: sku("Mug"), stock: 10 }, shop);
    const { orderId } = await order(sku("o"), [
      { code: mug.code.toUpperCase(), quantity: 2 },
      { code: ` ${mug.code.toLowerCase()} `, quantity: 1 },
      { code: "NOT-IN-INVENTORY", quantity: 4 },
      { code: "", quantity: 3 },
    ]);
    expect(await stockOf(mug.id)).toBe(7);
    expect(await tagsOf(orderId)).toEqual([]);
    expect(await eventsOf(orderId)).toEqual([]);
    expect(await historyOf(orderId)).toContain(`Stock taken from inventory: 3 × ${mug.code}`);
    expect((await getInventoryItem(scope, mug.id)).updateSource).toBe(`Order #${orderId}`);
  });

  it("creates a short order without taking its stock, and flags it: tag, history line, event", async () => {
    const scarce = await newItem({ code: sku("Scarce"), stock: 1 }, shop);
    const plenty = await newItem({ code: sku("Plenty"), stock: 5 }, shop);
    const { orderId, created } = await order(sku("o"), [
      { code: scarce.code, quantity: 3 },
      { code: plenty.code, quantity: 2 },
    ]);
    expect(created).toBe(true);
    expect(await stockOf(scarce.id)).toBe(1);
    expect(await stockOf(plenty.id)).toBe(3);
    expect(await tagsOf(orderId)).toEqual([STOCK_SHORT_TAG]);
    const record = serializeOrder(await getOrderRecord(scope, orderId));
    expect(record).toMatchObject({ tag_name: STOCK_SHORT_TAG, tag_color: "danger" });
    expect(await historyOf(orderId)).toContain(`Not enough stock for SKU ${scarce.code}: ordered 3, 1 in stock, short by 2`);
    const events = await eventsOf(orderId);
    expect(events).toHaveLength(1);
    expect(events[0]!.payload).toEqual({
      orderId,
      items: [{ code: scarce.code, inventoryItemId: scarce.id, ordered: 3, inStock: 1, short: 2 }],
    });
  });

  it("keeps the order's own tag first and the store's own colour for the flag", async () => {
    await handle.db.update(storeTags).set({ color: "#112233" }).where(and(eq(storeTags.storeId, shop), eq(storeTags.name, STOCK_SHORT_TAG)));
    const none = await newItem({ code: sku("None"), stock: 0 }, shop);
    const { orderId } = await ingestOrder(
      scope,
      orderInput.parse({ source_id: sku("o"), tag_name: "vip", order_items: [{ code: none.code, quantity: 1 }] }),
      { via: "test" },
    );
    expect(await tagsOf(orderId)).toEqual(["vip", STOCK_SHORT_TAG]);
    const colors = await handle.db.select().from(storeTags).where(and(eq(storeTags.storeId, shop), eq(storeTags.name, STOCK_SHORT_TAG)));
    expect(colors.map((c) => c.color)).toEqual(["#112233"]);
  });

  it("takes nothing for a repeated order (same source id) or an order whose transaction rolls back", async () => {
    const item = await newItem({ code: sku("Once"), stock: 5 }, shop);
    const sourceId = sku("o");
    await order(sourceId, [{ code: item.code, quantity: 2 }]);
    const again = await order(sourceId, [{ code: item.code, quantity: 2 }]);
    expect(again.created).toBe(false);
    expect(await stockOf(item.id)).toBe(3);

    await handle.db
      .transaction(async (tx) => {
        await ingestOrder({ ...scope, db: tx }, orderInput.parse({ source_id: sku("o"), order_items: [{ code: item.code, quantity: 3 }] }), { via: "test" });
        tx.rollback();
      })
      .catch(() => {});
    expect(await stockOf(item.id)).toBe(3);
  });

  it("gives the last unit to exactly one of two concurrent orders and flags the other (10 rounds)", async () => {
    for (let round = 0; round < 10; round++) {
      const last = await newItem({ code: sku("Last"), stock: 1 }, shop);
      const results = await Promise.all([
        order(sku("race"), [{ code: last.code, quantity: 1 }]),
        order(sku("race"), [{ code: last.code, quantity: 1 }]),
      ]);
      expect(results.every((r) => r.created)).toBe(true);
      const flagged = [];
      for (const r of results) if ((await tagsOf(r.orderId)).includes(STOCK_SHORT_TAG)) flagged.push(r.orderId);
      expect(flagged).toHaveLength(1);
      expect(await stockOf(last.id)).toBe(0);
      expect(await eventsOf(flagged[0]!)).toHaveLength(1);
      expect(await historyOf(flagged[0]!)).toContain(`Not enough stock for SKU ${last.code}: ordered 1, 0 in stock, short by 1`);
    }
  });

  it("never oversells under a storm of 20 concurrent orders for 5 units", async () => {
    const item = await newItem({ code: sku("Storm"), stock: 5 }, shop);
    const results = await Promise.all(Array.from({ length: 20 }, () => order(sku("storm"), [{ code: item.code, quantity: 1 }])));
    const tags = await Promise.all(results.map((r) => tagsOf(r.orderId)));
    expect(tags.filter((t) => t.includes(STOCK_SHORT_TAG))).toHaveLength(15);
    expect(await stockOf(item.id)).toBe(0);
  });

  it("does not deadlock when concurrent orders list the same SKUs in opposite order", async () => {
    const a = await newItem({ code: sku("A"), stock: 100 }, shop);
    const b = await newItem({ code: sku("B"), stock: 100 }, shop);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        order(sku("pair"), i % 2 ? [{ code: a.code, quantity: 1 }, { code: b.code, quantity: 2 }] : [{ code: b.code, quantity: 2 }, { code: a.code, quantity: 1 }]),
      ),
    );
    expect([await stockOf(a.id), await stockOf(b.id)]).toEqual([80, 60]);
  });

  it("adds up exactly when orders, manual adjustments and a batch upsert race on one item", async () => {
    const item = await newItem({ code: sku("Mixed"), stock: 50 }, shop);
    await Promise.all([
      ...Array.from({ length: 10 }, () => order(sku("mixed"), [{ code: item.code, quantity: 2 }])),
      ...Array.from({ length: 10 }, () => adjustStock(scope, item.id, 3)),
      upsertInventoryItems(scope, [{ code: item.code, location: "moved" }]),
    ]);
    expect(await stockOf(item.id)).toBe(50 - 20 + 30);
    expect((await getInventoryItem(scope, item.id)).location).toBe("moved");
  });
});
