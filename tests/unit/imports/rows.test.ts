import { describe, expect, it } from "vitest";
import { DomainError } from "@/server/errors";
import { importMapping, type ImportMapping } from "@/server/imports/mapping";
import type { TableRow } from "@/server/imports/read/open-table";
import { groupOrders, rowToInventory, rowToShipment, type ParsedOrder } from "@/server/imports/rows";
import { collect } from "./temp-files";

/** Rows as openTable yields them: line 1 is the header. */
function rowsOf(cells: string[][], problems: Record<number, string> = {}): TableRow[] {
  return cells.map((c, i) => ({ line: i + 2, cells: c, ...(problems[i + 2] ? { problem: problems[i + 2] } : {}) }));
}
async function* stream(rows: TableRow[]) {
  yield* rows;
}
const mapping = (m: unknown) => importMapping.parse(m);

describe("groupOrders: generic mapping", () => {
  const headers = ["Order", "Date", "Email", "Ship To", "City", "SKU", "Product", "Qty", "Unit Price", "Size", "Tags", "Gift"];
  const orders = mapping({
    target: "orders",
    orderKeyColumn: "Order",
    fields: {
      source_id: { column: "Order" },
      date_added: { column: "Date", transform: "date" },
      email: { column: "Email", transform: "lower" },
      "shipping.name": { column: "Ship To", transform: "split_name" },
      "shipping.city": { column: "City" },
      "shipping.country": { default: "US" },
      "item.code": { column: "SKU" },
      "item.name": { column: "Product" },
      "item.quantity": { column: "Qty", default: "1" },
      "item.price": { column: "Unit Price" },
      "item.variation:Size": { column: "Size" },
      tags: { column: "Tags" },
      "checkout_data:Gift Message": { column: "Gift" },
    },
  });

  it("groups consecutive rows into orders with line items", async () => {
    const rows = rowsOf([
      ["1001", "05/11/2025 9:55", "Jane@Example.com", "Jane Doe", "Boston", "MUG", "Mug", "2", "15.00", "L", "vip; new", "Happy birthday"],
      ["1001", "", "", "", "", "CST", "Coaster", "", "5", "", "", ""],
      ["1002", "2025-05-12", "li@example.org", "Li Wei", "Berlin", "STK", "Sticker", "3", "1.5", "", "", ""],
    ]);
    const records = await collect(groupOrders(stream(rows), headers, orders));
    expect(records.map((r) => r.kind)).toEqual(["order", "order"]);
    const [first, second] = records as ParsedOrder[];
    expect(first!.lines).toEqual([2, 3]);
    expect(first!.input).toMatchObject({
      source_id: "1001",
      source_name: "CSV import",
      email: "jane@example.com",
      tags: ["vip", "new"],
      checkout_data: { "Gift Message": "Happy birthday" },
      shipping: { first_name: "Jane", last_name: "Doe", city: "Boston", country: "US" },
    });
    expect(first!.input.date_added?.toISOString()).toBe("2025-05-11T09:55:00.000Z");
    expect(first!.input.order_items?.map((i) => [i.code, i.quantity, i.price, i.variation_list])).toEqual([
      ["MUG", 2, "15.00", { Size: "L" }],
      ["CST", 1, "5", {}],
    ]);
    expect(second!.input.order_items).toHaveLength(1);
    expect(second!.input.shipping).toMatchObject({ first_name: "Li", last_name: "Wei", country: "US" });
  });

  it.each([
    {
      name: "an order whose rows are apart",
      rows: [["1001"], ["1001"], ["1002"], ["1001"], ["1001"], ["1003"]],
      expected: [
        { kind: "order", key: "1001", lines: [2, 3] },
        { kind: "order", key: "1002", lines: [4] },
        { kind: "failure", key: "1001", lines: [5, 6], reason: 'Order "1001" appears again at line 5, apart from its other rows; keep an order\'s rows together.' },
        { kind: "order", key: "1003", lines: [7] },
      ],
    },
    {
      name: "a ragged row inside an order fails the whole order",
      rows: [["1001"], ["1001"], ["1002"]],
      problems: { 3: "Row has 3 cells; the header has 12." },
      expected: [
        { kind: "failure", key: "1001", lines: [2, 3], reason: "Line 3: Row has 3 cells; the header has 12." },
        { kind: "order", key: "1002", lines: [4] },
      ],
    },
    {
      name: "a row without an order key",
      rows: [[""], ["1002"]],
      expected: [
        { kind: "failure", lines: [2], reason: 'Column "Order" (line 2) is blank, so the row belongs to no order.' },
        { kind: "order", key: "1002", lines: [3] },
      ],
    },
    {
      name: "a value the schema refuses names its column",
      rows: [["1001"], ["1001", "", "", "", "", "X", "Thing", "1", "12,5O"]],
      expected: [{ kind: "failure", key: "1001", lines: [2, 3], reason: 'Column "Unit Price" (line 3): Expected a decimal amount such as 12.50 (at most 4 decimals).' }],
    },
    {
      name: "a value a transform cannot read names its column",
      rows: [["1001", "someday"]],
      expected: [{ kind: "failure", key: "1001", lines: [2], reason: 'Column "Date" (line 2): Expected a date such as 2025-05-11 14:30 or 05/11/2025.' }],
    },
    {
      name: "several problems in one order",
      rows: [["1001", "", "", "", "", "A", "", "-1", "x"]],
      expected: [
        {
          kind: "failure",
          key: "1001",
          lines: [2],
          reason: 'Column "Unit Price" (line 2): Expected a decimal amount such as 12.50 (at most 4 decimals). Column "Qty" (line 2): Must not be negative.',
        },
      ],
    },
  ])("$name", async ({ rows, problems, expected }) => {
    const padded = rows.map((r) => [...r, ...Array<string>(headers.length - r.length).fill("")]);
    const records = await collect(groupOrders(stream(rowsOf(padded, problems)), headers, orders));
    expect(records).toMatchObject(expected);
  });

  it("treats each row as an order without an order-key column", async () => {
    const perRow = mapping({ target: "orders", fields: { source_id: { column: "Order" }, "item.code": { column: "SKU" } } });
    const records = await collect(groupOrders(stream(rowsOf([["A1", "X"], ["A1", "Y"], ["", "Z"]])), ["Order", "SKU"], perRow));
    expect(records).toMatchObject([
      { kind: "order", key: "A1", lines: [2] },
      { kind: "order", key: "A1", lines: [3] },
      { kind: "failure", lines: [4], reason: 'Column "Order" (line 4): enter the order number; every imported order needs one, so importing again does not double it.' },
    ]);
  });

  it("uses the order key as source id when no order number column is mapped", async () => {
    const byKey = mapping({ target: "orders", orderKeyColumn: "Ref", fields: { source_name: { default: "Wholesale sheet" } } });
    const [record] = await collect(groupOrders(stream(rowsOf([["W-7"]])), ["Ref"], byKey));
    expect(record).toMatchObject({ kind: "order", key: "W-7", input: { source_id: "W-7", source_name: "Wholesale sheet" } });
  });

  it("refuses a mapping that names a column the file does not have", async () => {
    const error = await collect(groupOrders(stream([]), ["Something"], orders)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).message).toBe('The mapping reads the order number from column "Order", but the file has no such column.');
  });
});

describe("rowToInventory", () => {
  const headers = ["SKU", "Name", "Price", "Stock", "Bin"];
  const set = mapping({
    target: "inventory",
    stockMode: "set",
    fields: { code: { column: "SKU" }, name: { column: "Name" }, price: { column: "Price", transform: "number" }, stock: { column: "Stock" }, location: { column: "Bin" } },
  });
  const adjust: ImportMapping = { ...set, stockMode: "adjust" };
  const row = (cells: string[], problem?: string): TableRow => ({ line: 7, cells, ...(problem ? { problem } : {}) });

  it.each([
    { name: "every cell", m: set, cells: ["A-1", "Widget", "$1,234.50", "12", "B3"], out: { kind: "inventory", line: 7, stockMode: "set", item: { code: "A-1", name: "Widget", price: "1234.50", stock: 12, location: "B3" } } },
    { name: "blank cells are left out (they do not wipe values)", m: set, cells: ["A-1", "", "", "", ""], out: { kind: "inventory", item: { code: "A-1" } } },
    { name: "adjust adds a signed change", m: adjust, cells: ["A-1", "", "", "-2", ""], out: { kind: "inventory", stockMode: "adjust", item: { code: "A-1", stock: -2 } } },
    { name: "adjust by +5", m: adjust, cells: ["A-1", "", "", "+5", ""], out: { item: { stock: 5 } } },
    { name: "a missing SKU", m: set, cells: ["", "Widget", "", "", ""], out: { kind: "failure", lines: [7], reason: 'Column "SKU" (line 7): enter the SKU (item code).' } },
    { name: "negative stock when setting", m: set, cells: ["A-1", "", "", "-3", ""], out: { kind: "failure", key: "A-1", reason: 'Column "Stock" (line 7): Must not be negative.' } },
    { name: "a fractional change", m: adjust, cells: ["A-1", "", "", "1.5", ""], out: { kind: "failure", reason: 'Column "Stock" (line 7): Expected a whole number of items to add (or, with a minus sign, to take away).' } },
    { name: "an unreadable price", m: set, cells: ["A-1", "", "cheap", "", ""], out: { kind: "failure", reason: 'Column "Price" (line 7): Expected a number such as 1234.50.' } },
  ])("$name", ({ m, cells, out }) => {
    expect(rowToInventory(row(cells), headers, m)).toMatchObject(out);
  });

  it("keeps a zero change out of the item", () => {
    const parsed = rowToInventory(row(["A-1", "", "", "0", ""]), headers, adjust);
    expect(parsed.kind === "inventory" && parsed.item.stock).toBeUndefined();
  });

  it("reports a ragged row", () => {
    expect(rowToInventory(row(["A-1"], "Row has 1 cell; the header has 5."), headers, set)).toEqual({ kind: "failure", lines: [7], reason: "Line 7: Row has 1 cell; the header has 5." });
  });
});

describe("rowToShipment", () => {
  const headers = ["Order #", "Internal", "Tracking #", "Carrier", "Weight", "Shipped"];
  const bySource = mapping({
    target: "shipments",
    fields: {
      source_id: { column: "Order #" },
      order_id: { column: "Internal" },
      tracking_number: { column: "Tracking #" },
      carrier_code: { column: "Carrier", transform: "upper" },
      weight: { column: "Weight" },
      date_shipped: { column: "Shipped", transform: "date" },
    },
  });
  const byId: ImportMapping = { ...bySource, matchBy: "id" };
  const row = (cells: string[]): TableRow => ({ line: 3, cells });

  it.each([
    {
      name: "by source id",
      m: bySource,
      cells: ["#1001", "", "1Z999", "ups", "1.5", "05/11/2025 14:00"],
      out: { kind: "shipment", line: 3, order: { source_id: "#1001" }, shipment: { tracking_number: "1Z999", carrier_code: "UPS", weight: "1.5", date_shipped: "2025-05-11", source: "CSV import" } },
    },
    { name: "by id", m: byId, cells: ["", "#42", "1Z999", "", "", ""], out: { kind: "shipment", order: { id: 42 } } },
    { name: "a bad id", m: byId, cells: ["", "abc", "1Z999", "", "", ""], out: { kind: "failure", reason: 'Column "Internal" (line 3): expected a Switchyard order id such as 1042.' } },
    { name: "no order number", m: bySource, cells: ["", "", "1Z999", "", "", ""], out: { kind: "failure", key: "1Z999", reason: 'Column "Order #" (line 3): enter the order number the shipment belongs to.' } },
    { name: "no tracking number", m: bySource, cells: ["#1001", "", "", "", "", ""], out: { kind: "failure", reason: 'Column "Tracking #" (line 3): enter the tracking number.' } },
    { name: "a bad weight", m: bySource, cells: ["#1001", "", "1Z999", "", "-2", ""], out: { kind: "failure", reason: 'Column "Weight" (line 3): Must not be negative.' } },
  ])("$name", ({ m, cells, out }) => {
    expect(rowToShipment(row(cells), headers, m)).toMatchObject(out);
  });
});
