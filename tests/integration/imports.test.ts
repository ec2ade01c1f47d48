import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { and, eq, sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { importFileChunks, inventoryItems, orderItems, orders, orderShipments, outboxEvents } from "@/db/schema";
import { createImportUpload, getImportRun, importLocalFile, importReportRows, startImport } from "@/server/imports/service";
import type { ImportMapping } from "@/server/imports/mapping";
import { ALL_PERMISSIONS } from "@/server/permissions";
import type { StoreScope } from "@/server/scope";
import { newUser } from "../helpers/actors";
import { createTestDatabase } from "../helpers/database";
import { writeShopifyCsv } from "../helpers/shopify-csv";

let handle: DatabaseHandle;
let storeId: number;
let otherStoreId: number;
const dir = mkdtempSync(join(tmpdir(), "imports-test-"));
const MAX = 10 * 1024 * 1024;

beforeAll(async () => {
  handle = await createTestDatabase();
  const owner = await newUser(handle.db, "importer");
  storeId = (await owner.caller.store.create({ name: "Import store" })).id;
  otherStoreId = (await owner.caller.store.create({ name: "Other store" })).id;
});
afterAll(() => handle?.close());

const scope = (id = storeId): StoreScope => ({ db: handle.db, storeId: id, actor: { kind: "system", name: "test", permissions: ALL_PERMISSIONS } });
const file = (name: string, content: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const countOrders = async (id = storeId) =>
  (await handle.db.select({ n: sql<number>`count(*)::int` }).from(orders).where(eq(orders.storeId, id)))[0]!.n;

async function waitForRun(runId: number) {
  for (let i = 0; i < 400; i++) {
    const run = await getImportRun(scope(), runId);
    if (run.status === "done" || run.status === "failed") return run;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error("import did not finish");
}

describe("importing orders", () => {
  it("recognises a Shopify export, groups line items into orders, and a second import creates nothing", async () => {
    const path = join(dir, "shopify.csv");
    await writeShopifyCsv(path, 4, 3);
    const first = await importLocalFile(scope(), { path, fileName: "shopify.csv", target: "orders", mode: "valid_rows", maxBytes: MAX });
    expect(first).toMatchObject({ status: "done", rowsRead: 12, created: 4, failed: 0, skipped: 0 });
    const [order] = await handle.db.select().from(orders).where(and(eq(orders.storeId, storeId), eq(orders.sourceId, "5000001")));
    expect(order).toMatchObject({ sourceName: "Shopify", email: "buyer1@example.com", orderTotal: "30.0000" });
    expect(order!.dateAdded.toISOString()).toBe("2025-05-11T13:55:16.000Z");
    expect(order!.checkoutData).toMatchObject({ gift: "yes", wrap: "blue" });
    const items = await handle.db.select().from(orderItems).where(eq(orderItems.orderId, order!.id));
    expect(items.map((i) => [i.code, i.quantity, i.categoryCode])).toEqual([
      ["SKU-1", 1, "Globex"],
      ["SKU-2", 2, "Acme Prints"],
      ["SKU-3", 3, "Globex"],
    ]);

    const again = await importLocalFile(scope(), { path, fileName: "shopify.csv", target: "orders", mode: "valid_rows", maxBytes: MAX });
    expect(again).toMatchObject({ status: "done", created: 0, skipped: 4 });
    expect(await countOrders()).toBe(4);
    const report = await importReportRows(scope(), again.id, { offset: 0, limit: 10 });
    // The first row's Note Attributes cell spans two lines, so #1001's rows start on lines 2, 4 and 5.
    expect(report[0]).toMatchObject({ firstLine: 2, lastLine: 5, status: "skipped", reference: "#1001" });
  });

  const mapping: ImportMapping = {
    target: "orders",
    orderKeyColumn: "Order Number",
    fields: {
      source_id: { column: "Order Number" },
      email: { column: "Email" },
      "item.code": { column: "SKU" },
      "item.quantity": { column: "Qty" },
      "item.price": { column: "Price" },
    },
  };
  const generic = (rows: string[]) => `Order Number,Email,SKU,Qty,Price\n${rows.join("\n")}\n`;

  it("uploads, keeps the file in the database, imports in the background and reports each order with its lines", async () => {
    const path = file("generic.csv", generic(["A-1,a@example.com,S1,1,9.99", "A-1,,S2,2,1.50", "A-2,b@example.com,S1,1,9.99", "A-3,c@example.com,S3,x,1"]));
    const upload = await createImportUpload(scope(), { path, fileName: "generic.csv", target: "orders", maxBytes: MAX });
    expect(upload.run.headers).toEqual(["Order Number", "Email", "SKU", "Qty", "Price"]);
    const chunks = await handle.db.select({ n: sql<number>`count(*)::int` }).from(importFileChunks).where(eq(importFileChunks.runId, upload.run.id));
    expect(chunks[0]!.n).toBe(1);

    await startImport(scope(), upload.run.id, { mapping, mode: "valid_rows" });
    const run = await waitForRun(upload.run.id);
    expect(run).toMatchObject({ status: "done", created: 2, failed: 1 });
    const report = await importReportRows(scope(), run.id, { offset: 0, limit: 10 });
    expect(report.map((r) => [r.firstLine, r.lastLine, r.status])).toEqual([
      [2, 3, "created"],
      [4, 4, "created"],
      [5, 5, "failed"],
    ]);
    expect(report[2]!.reason).toMatch(/Qty/);
    // The file is dropped once the import is over.
    const left = await handle.db.select({ n: sql<number>`count(*)::int` }).from(importFileChunks).where(eq(importFileChunks.runId, upload.run.id));
    expect(left[0]!.n).toBe(0);
    await expect(startImport(scope(), upload.run.id, { mapping, mode: "valid_rows" })).rejects.toThrow(/already been imported/);
  });

  it("all or nothing: one bad row imports nothing; a broken quote halfway imports nothing in either mode", async () => {
    const before = await countOrders();
    const bad = file("bad.csv", generic(["B-1,a@example.com,S1,1,9.99", "B-2,b@example.com,S1,-x,9.99"]));
    const strict = await importLocalFile(scope(), { path: bad, fileName: "bad.csv", target: "orders", mapping, mode: "all_or_nothing", maxBytes: MAX });
    expect(strict.status).toBe("failed");
    expect(strict.error).toMatch(/nothing was imported/);
    expect(await countOrders()).toBe(before);

    const broken = file("broken.csv", generic(["C-1,a@example.com,S1,1,9.99", 'C-2,"b@example.com,S1,1,9.99', "C-3,c@example.com,S1,1,9.99"]));
    const run = await importLocalFile(scope(), { path: broken, fileName: "broken.csv", target: "orders", mapping, mode: "valid_rows", maxBytes: MAX });
    expect(run.status).toBe("failed");
    expect(run.error).toMatch(/quote/i);
    expect(run.error).toMatch(/Nothing was imported/);
    expect(await countOrders()).toBe(before);
  });

  it("refuses a binary file and an empty one before storing anything", async () => {
    const pdf = file("invoice.csv", Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(64, 0)]));
    await expect(createImportUpload(scope(), { path: pdf, fileName: "invoice.csv", target: "orders", maxBytes: MAX })).rejects.toThrow(/not a spreadsheet/);
    const empty = file("empty.csv", "");
    await expect(createImportUpload(scope(), { path: empty, fileName: "empty.csv", target: "orders", maxBytes: MAX })).rejects.toThrow(/empty/i);
  });
});

describe("importing inventory and shipments", () => {
  it("upserts items by SKU, setting or adjusting stock", async () => {
    const set = file("stock.csv", "SKU,Name,Stock,Price\nP-1,Poster,10,5.00\nP-2,Mug,3,7.50\n");
    const first = await importLocalFile(scope(), { path: set, fileName: "stock.csv", target: "inventory", mode: "valid_rows", maxBytes: MAX });
    expect(first).toMatchObject({ status: "done", created: 2 });
    const adjust = file("adjust.csv", "SKU,Stock\np-1,-4\nP-3,2\n");
    const mappingAdjust: ImportMapping = { target: "inventory", stockMode: "adjust", fields: { code: { column: "SKU" }, stock: { column: "Stock" } } };
    const second = await importLocalFile(scope(), { path: adjust, fileName: "adjust.csv", target: "inventory", mapping: mappingAdjust, mode: "valid_rows", maxBytes: MAX });
    expect(second).toMatchObject({ status: "done", created: 1, updated: 1 });
    const items = await handle.db.select({ code: inventoryItems.code, stock: inventoryItems.stock }).from(inventoryItems).where(eq(inventoryItems.storeId, storeId));
    expect(Object.fromEntries(items.map((i) => [i.code, i.stock]))).toEqual({ "P-1": 6, "P-2": 3, "P-3": 2 });
  });

  it("reads an XLSX sheet (numbers and dates as cells) the same way as a CSV", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Stock");
    sheet.addRow(["SKU", "Name", "Stock", "Price"]);
    sheet.addRow(["X-1", "Tote bag", 12, 4.5]);
    sheet.addRow(["X-2", "Cap", 0, 9.99]);
    const path = join(dir, "stock.xlsx");
    await workbook.xlsx.writeFile(path);
    const run = await importLocalFile(scope(), { path, fileName: "stock.xlsx", target: "inventory", mode: "all_or_nothing", maxBytes: MAX });
    expect(run).toMatchObject({ status: "done", format: "xlsx", created: 2, failed: 0 });
    const items = await handle.db.select().from(inventoryItems).where(and(eq(inventoryItems.storeId, storeId), sql`${inventoryItems.code} like 'X-%'`));
    expect(items.map((i) => [i.code, i.name, i.stock, i.price]).sort()).toEqual([
      ["X-1", "Tote bag", 12, "4.5000"],
      ["X-2", "Cap", 0, "9.9900"],
    ]);
  });

  it("adds shipments to orders found by source id, announces each, and skips them on a re-import", async () => {
    const path = file("tracking.csv", "Order Number,Tracking,Carrier\n#1001,1Z999AA10123456784,UPS\n#9999,1Z000,UPS\n5000002,9400100000000000000000,USPS\n");
    const shipmentsMapping: ImportMapping = {
      target: "shipments",
      matchBy: "source_id",
      fields: { source_id: { column: "Order Number" }, tracking_number: { column: "Tracking" }, carrier_code: { column: "Carrier" } },
    };
    // #1001 is not a source id (the Shopify import keyed orders by their Id), 5000002 is.
    const run = await importLocalFile(scope(), { path, fileName: "tracking.csv", target: "shipments", mapping: shipmentsMapping, mode: "valid_rows", maxBytes: MAX });
    expect(run).toMatchObject({ status: "done", created: 1, failed: 2 });
    const [order] = await handle.db.select().from(orders).where(and(eq(orders.storeId, storeId), eq(orders.sourceId, "5000002")));
    const shipments = await handle.db.select().from(orderShipments).where(eq(orderShipments.orderId, order!.id));
    expect(shipments.map((s) => [s.trackingNumber, s.carrierCode])).toEqual([["9400100000000000000000", "USPS"]]);
    expect(shipments[0]!.trackingUrl).toContain("9400100000000000000000");
    const events = await handle.db.select().from(outboxEvents).where(and(eq(outboxEvents.storeId, storeId), eq(outboxEvents.name, "shipment/created")));
    expect(events).toHaveLength(1);

    const again = await importLocalFile(scope(), { path, fileName: "tracking.csv", target: "shipments", mapping: shipmentsMapping, mode: "valid_rows", maxBytes: MAX });
    expect(again).toMatchObject({ created: 0, skipped: 1, failed: 2 });
  });

  it("never touches another store: the same file imported there finds none of this store's orders", async () => {
    const path = file("tracking-other.csv", "Order Number,Tracking\n5000002,1ZOTHER\n");
    const run = await importLocalFile(scope(otherStoreId), {
      path,
      fileName: "tracking-other.csv",
      target: "shipments",
      mapping: { target: "shipments", matchBy: "source_id", fields: { source_id: { column: "Order Number" }, tracking_number: { column: "Tracking" } } },
      mode: "valid_rows",
      maxBytes: MAX,
    });
    expect(run).toMatchObject({ created: 0, failed: 1 });
    expect(await countOrders(otherStoreId)).toBe(0);
  });
});
