import { describe, expect, it } from "vitest";
import { IMPORT_FIELDS, IMPORT_TARGETS, importMapping, normalizeHeader, suggestMapping, TRANSFORM_HINTS, TRANSFORMS } from "@/server/imports/mapping";

describe("suggestMapping", () => {
  it("matches a generic order export by names and synonyms", () => {
    const headers = ["Order Number", "Order Date", "E-mail", "Ship To Name", "Ship To Address 1", "Ship To City", "Ship To State", "Ship To Zip", "Ship To Country", "Item Code", "Item Name", "Qty", "Unit Price", "Shipping", "Grand Total", "Notes", "Bill To Name"];
    const mapping = suggestMapping("orders", headers);
    expect(mapping).toEqual({
      target: "orders",
      orderKeyColumn: "Order Number",
      fields: {
        source_id: { column: "Order Number" },
        date_added: { column: "Order Date", transform: "date" },
        email: { column: "E-mail" },
        "shipping.name": { column: "Ship To Name", transform: "split_name" },
        "shipping.address1": { column: "Ship To Address 1" },
        "shipping.city": { column: "Ship To City" },
        "shipping.state": { column: "Ship To State" },
        "shipping.postal_code": { column: "Ship To Zip" },
        "shipping.country": { column: "Ship To Country" },
        "customer.name": { column: "Bill To Name", transform: "split_name" },
        "item.code": { column: "Item Code" },
        "item.name": { column: "Item Name" },
        "item.quantity": { column: "Qty" },
        "item.price": { column: "Unit Price", transform: "number" },
        shipping_total: { column: "Shipping", transform: "number" },
        order_total: { column: "Grand Total", transform: "number" },
        note: { column: "Notes" },
      },
    });
    expect(importMapping.safeParse(mapping).success).toBe(true);
  });

  it.each([
    ["orders", "Order ID", "source_id"],
    ["orders", "order_id", "source_id"],
    ["orders", "Order #", "source_id"],
    ["orders", "ORDER-NO.", "source_id"],
    ["orders", "SKU", "item.code"],
    ["orders", "First Name (Shipping)", "shipping.first_name"],
    ["orders", "Billing Postcode", "customer.postal_code"],
    ["orders", "Financial Status", "payment_status"],
    ["inventory", "Item Code", "code"],
    ["inventory", "Qty On Hand", "stock"],
    ["inventory", "Bin Location", "location"],
    ["shipments", "Tracking #", "tracking_number"],
    ["shipments", "tracking_number", "tracking_number"],
    ["shipments", "Carrier", "carrier_code"],
    ["shipments", "Order Number", "source_id"],
    ["shipments", "Ship Date", "date_shipped"],
  ] as const)("%s: %s -> %s", (target, header, key) => {
    expect(suggestMapping(target, ["Something else", header]).fields[key]?.column).toBe(header);
  });

  it("prefers separate first and last name columns over a full name", () => {
    const mapping = suggestMapping("orders", ["Order", "Ship Name", "Ship First Name", "Ship Last Name"]);
    expect(mapping.fields["shipping.name"]).toBeUndefined();
    expect(mapping.fields["shipping.first_name"]).toEqual({ column: "Ship First Name" });
  });

  it("sets the per-target options", () => {
    expect(suggestMapping("inventory", ["SKU", "Stock"])).toMatchObject({ stockMode: "set", fields: { code: { column: "SKU" }, stock: { column: "Stock" } } });
    expect(suggestMapping("shipments", ["Switchyard ID", "Tracking Number"]).matchBy).toBe("id");
    expect(suggestMapping("shipments", ["Order ID", "Tracking Number"]).matchBy).toBe("source_id");
  });

  it("normalises header spelling", () => {
    expect(normalizeHeader(" Tracking # ")).toBe(normalizeHeader("tracking_number"));
    expect(normalizeHeader("Código Postal")).toBe("codigopostal");
    expect(normalizeHeader("Order No.")).toBe(normalizeHeader("order number"));
  });
});

describe("importMapping", () => {
  const orders = { target: "orders", fields: { source_id: { column: "Order" } } };
  it.each([
    { name: "a minimal order mapping", mapping: orders, error: null },
    { name: "grouping without an order number column", mapping: { target: "orders", fields: {}, orderKeyColumn: "Order" }, error: null },
    { name: "a dynamic checkout_data field", mapping: { ...orders, fields: { ...orders.fields, "checkout_data:Gift Message": { column: "Gift" } } }, error: null },
    { name: "a dynamic item option", mapping: { ...orders, fields: { ...orders.fields, "item.variation:Size": { column: "Size" } } }, error: null },
    { name: "an unknown field", mapping: { ...orders, fields: { ...orders.fields, colour: { column: "Colour" } } }, error: '"colour" is not a field of orders imports.' },
    { name: "an empty dynamic key", mapping: { ...orders, fields: { ...orders.fields, "checkout_data:": { column: "X" } } }, error: '"checkout_data:" is not a field of orders imports.' },
    { name: "no order number", mapping: { target: "orders", fields: {} }, error: /^Choose the column with the order number/ },
    { name: "split_name on an email", mapping: { ...orders, fields: { ...orders.fields, email: { column: "E", transform: "split_name" } } }, error: "split_name works on a full-name field only, not on Customer email." },
    { name: "an unknown transform", mapping: { ...orders, fields: { source_id: { column: "Order", transform: "reverse" } } }, error: /Invalid option/ },
    { name: "an unknown property", mapping: { ...orders, extra: true }, error: /Unrecognized key/ },
    { name: "inventory without a SKU column", mapping: { target: "inventory", fields: { name: { column: "Name" } } }, error: "Choose the column with the SKU (item code)." },
    { name: "inventory with an order key", mapping: { target: "inventory", fields: { code: { column: "SKU" } }, orderKeyColumn: "SKU" }, error: "Grouping rows into orders applies to order imports only." },
    { name: "shipments by id without the id column", mapping: { target: "shipments", matchBy: "id", fields: { tracking_number: { column: "T" }, source_id: { column: "O" } } }, error: "Choose the column with the Switchyard order id." },
    { name: "shipments without tracking", mapping: { target: "shipments", fields: { source_id: { column: "O" } } }, error: "Choose the column with the tracking number." },
    { name: "the preset on inventory", mapping: { target: "inventory", preset: "shopify", fields: { code: { column: "SKU" } } }, error: "The Shopify preset imports orders only." },
  ])("$name", ({ mapping, error }) => {
    const result = importMapping.safeParse(mapping);
    if (error === null) return expect(result.error?.issues).toBeUndefined();
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.message).toMatch(error);
  });
});

describe("field and transform catalogue", () => {
  it("has unique keys, a label and synonyms for every field, and a hint for every transform", () => {
    for (const target of IMPORT_TARGETS) {
      const keys = IMPORT_FIELDS[target].map((f) => f.key);
      expect(new Set(keys).size).toBe(keys.length);
      expect(IMPORT_FIELDS[target].every((f) => f.label && f.synonyms.length > 0)).toBe(true);
    }
    expect(Object.keys(TRANSFORM_HINTS).sort()).toEqual([...TRANSFORMS].sort());
  });
});
