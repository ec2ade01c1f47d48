import { afterAll, describe, expect, it } from "vitest";
import { detectPreset, importMapping, suggestMapping } from "@/server/imports/mapping";
import { openTable } from "@/server/imports/read/open-table";
import { groupOrders, type ParsedOrder } from "@/server/imports/rows";
import { SHOPIFY_COLUMNS, SHOPIFY_LEGACY_COLUMN_COUNT } from "@/server/imports/shopify";
import { collect, csvLine, tempFolder } from "./temp-files";

const files = tempFolder();
afterAll(() => files.remove());

type ShopifyRow = Partial<Record<(typeof SHOPIFY_COLUMNS)[number], string>>;

/** A Shopify "Export orders" file: every column, CRLF, quoted where needed. */
function shopifyCsv(rows: ShopifyRow[], columns: readonly string[] = SHOPIFY_COLUMNS) {
  return [csvLine([...columns]), ...rows.map((row) => csvLine(columns.map((c) => row[c as keyof ShopifyRow] ?? "")))].join("\r\n") + "\r\n";
}

const order1001: ShopifyRow = {
  Name: "#1001",
  Email: "jane@example.com",
  "Financial Status": "paid",
  "Paid at": "2025-05-11 09:56:02 -0400",
  "Fulfillment Status": "unfulfilled",
  "Accepts Marketing": "no",
  Currency: "USD",
  Subtotal: "65.00",
  Shipping: "7.50",
  Taxes: "5.20",
  Total: "72.70",
  "Discount Code": "SPRING5",
  "Discount Amount": "5.00",
  "Shipping Method": "Standard",
  "Created at": "2025-05-11 09:55:16 -0400",
  "Lineitem quantity": "2",
  "Lineitem name": "Blue Mug - Large",
  "Lineitem price": "15.00",
  "Lineitem sku": "MUG-BL-L",
  "Lineitem requires shipping": "true",
  "Lineitem taxable": "true",
  "Lineitem fulfillment status": "pending",
  "Billing Name": "Jane van Dyke",
  "Billing Street": "12 Main St, Apt 4",
  "Billing Address1": "12 Main St",
  "Billing Address2": "Apt 4",
  "Billing City": "Boston",
  "Billing Zip": "'02134",
  "Billing Province": "MA",
  "Billing Country": "US",
  "Billing Phone": "+1 617 555 0100",
  "Shipping Name": "Sam Smith",
  "Shipping Street": "400 Elm Ave",
  "Shipping Address1": "400 Elm Ave",
  "Shipping Company": "Acme, Inc.",
  "Shipping City": "Cambridge",
  "Shipping Zip": "'02139",
  "Shipping Province": "MA",
  "Shipping Country": "US",
  "Shipping Phone": "'+1 617 555 0199",
  Notes: "Leave at the door",
  "Note Attributes": "gift_message: Happy birthday, Sam!\nDelivery date: 2025-05-20",
  "Payment Method": "Shopify Payments",
  "Payment Reference": "c123.1",
  Vendor: "Mugs & Co",
  "Outstanding Balance": "0.00",
  Id: "5550001001",
  Tags: "vip, wholesale",
  "Risk Level": "Low",
  Source: "web",
  "Lineitem discount": "0.00",
  "Tax 1 Name": "MA State Tax 6.25%",
  "Tax 1 Value": "5.20",
  "Billing Province Name": "Massachusetts",
  "Shipping Province Name": "Massachusetts",
};
const continuation = (item: ShopifyRow): ShopifyRow => ({ Name: "#1001", "Lineitem fulfillment status": "pending", ...item });
const order1002: ShopifyRow = {
  Name: "#1002",
  Email: "li@example.org",
  "Financial Status": "pending",
  Currency: "EUR",
  Subtotal: "9.99",
  Shipping: "0.00",
  Taxes: "0.00",
  Total: "9.99",
  "Discount Amount": "0.00",
  "Shipping Method": "Pickup",
  "Created at": "2025-05-12 23:30:00 +0200",
  "Lineitem quantity": "1",
  "Lineitem name": "Sticker",
  "Lineitem price": "9.99",
  "Lineitem sku": "STK-1",
  "Billing Name": "Li Wei",
  "Billing Address1": "Hauptstr. 1",
  "Billing City": "Berlin",
  "Billing Zip": "10115",
  "Billing Country": "DE",
  "Shipping Name": "Li Wei",
  "Shipping Address1": "Hauptstr. 1",
  "Shipping City": "Berlin",
  "Shipping Zip": "10115",
  "Shipping Country": "DE",
  "Payment Method": "manual",
  Vendor: "Stickers GmbH",
  Id: "",
};

const rows = [
  order1001,
  continuation({ "Lineitem quantity": "1", "Lineitem name": "Red Mug", "Lineitem price": "20.00", "Lineitem sku": "MUG-RD", Vendor: "Mugs & Co" }),
  continuation({ "Lineitem quantity": "3", "Lineitem name": "Coaster, cork", "Lineitem price": "5.00", "Lineitem sku": "CST-1", Vendor: "Corky" }),
  order1002,
];

describe("Shopify export", () => {
  it.each([
    { name: "79 columns", columns: [...SHOPIFY_COLUMNS], preset: "shopify" },
    { name: "66 columns (older export)", columns: SHOPIFY_COLUMNS.slice(0, SHOPIFY_LEGACY_COLUMN_COUNT), preset: "shopify" },
    { name: "extra columns, other case", columns: [...SHOPIFY_COLUMNS.map((c) => c.toLowerCase()), "Custom"], preset: "shopify" },
    { name: "a column missing", columns: SHOPIFY_COLUMNS.filter((c) => c !== "Lineitem sku"), preset: null },
    { name: "a generic file", columns: ["Order Number", "SKU", "Qty"], preset: null },
  ])("detectPreset: $name", ({ columns, preset }) => {
    expect(detectPreset(columns)).toBe(preset);
  });

  it("suggests the preset, grouped by Name", () => {
    const mapping = suggestMapping("orders", [...SHOPIFY_COLUMNS]);
    expect(mapping).toEqual({ target: "orders", preset: "shopify", fields: {}, orderKeyColumn: "Name" });
    expect(importMapping.safeParse(mapping).success).toBe(true);
  });

  it("turns a 79-column export into orders with items, addresses, notes and UTC dates", async () => {
    const file = files.write(shopifyCsv(rows), "orders_export_1.csv");
    const table = await openTable(file);
    expect(table.headers).toHaveLength(79);
    const mapping = suggestMapping("orders", table.headers);
    const records = await collect(groupOrders(table.rows(), table.headers, mapping));
    expect(records.map((r) => r.kind)).toEqual(["order", "order"]);
    const [first, second] = records as ParsedOrder[];

    // The multi-line Note Attributes cell spans two physical lines: #1001's rows are 2, 4 and 5.
    expect(first!.lines).toEqual([2, 4, 5]);
    expect(first!.key).toBe("#1001");
    expect(first!.input).toMatchObject({
      source_id: "5550001001",
      source_name: "Shopify",
      email: "jane@example.com",
      payment_status: "paid",
      payment_type: "Shopify Payments",
      product_total: "65.00",
      shipping_total: "7.50",
      tax_total: "5.20",
      order_total: "72.70",
      discount_total: "5.00",
      discount_list: [{ name: "SPRING5", code: "SPRING5", amount: "5.00" }],
      shipping_method: "Standard",
      tags: ["vip", "wholesale"],
      checkout_data: { "Order Name": "#1001", gift_message: "Happy birthday, Sam!", "Delivery date": "2025-05-20" },
      order_notes: [{ content: "Leave at the door" }],
      customer: {
        first_name: "Jane",
        last_name: "van Dyke",
        address1: "12 Main St",
        address2: "Apt 4",
        city: "Boston",
        state: "MA",
        postal_code: "02134",
        country: "US",
        phone: "+1 617 555 0100",
      },
      shipping: {
        first_name: "Sam",
        last_name: "Smith",
        company: "Acme, Inc.",
        address1: "400 Elm Ave",
        city: "Cambridge",
        state: "MA",
        postal_code: "02139",
        country: "US",
        phone: "+1 617 555 0199",
      },
    });
    expect(first!.input.date_added?.toISOString()).toBe("2025-05-11T13:55:16.000Z");
    expect(first!.input.order_items?.map((i) => [i.code, i.name, i.price, i.quantity, i.category_code])).toEqual([
      ["MUG-BL-L", "Blue Mug - Large", "15.00", 2, "Mugs & Co"],
      ["MUG-RD", "Red Mug", "20.00", 1, "Mugs & Co"],
      ["CST-1", "Coaster, cork", "5.00", 3, "Corky"],
    ]);
    expect(typeof first!.input.order_items?.[0]?.price).toBe("string"); // money never becomes a float

    // No Id: the Name is the source id. No discount code: no discount list.
    expect(second!.lines).toEqual([6]);
    expect(second!.input).toMatchObject({ source_id: "#1002", source_name: "Shopify", payment_status: "pending", checkout_data: { "Order Name": "#1002" } });
    expect(second!.input.discount_list).toBeUndefined();
    expect(second!.input.date_added?.toISOString()).toBe("2025-05-12T21:30:00.000Z");
    expect(second!.input.shipping).toMatchObject({ first_name: "Li", last_name: "Wei", postal_code: "10115", country: "DE" });
    expect(second!.input.order_items).toHaveLength(1);
  });

  it("names the Shopify column when a value is wrong", async () => {
    const bad = [order1001, continuation({ "Lineitem quantity": "1", "Lineitem name": "Red Mug", "Lineitem price": "twenty", "Lineitem sku": "MUG-RD" })];
    const table = await openTable(files.write(shopifyCsv(bad)));
    const [record] = await collect(groupOrders(table.rows(), table.headers, suggestMapping("orders", table.headers)));
    expect(record).toEqual({
      kind: "failure",
      lines: [2, 4],
      key: "#1001",
      reason: 'Column "Lineitem price" (line 4): Expected a decimal amount such as 12.50 (at most 4 decimals).',
    });
  });
});
