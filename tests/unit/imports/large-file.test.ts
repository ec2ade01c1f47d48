import { afterAll, expect, it } from "vitest";
import { importMapping } from "@/server/imports/mapping";
import { openTable } from "@/server/imports/read/open-table";
import { groupOrders } from "@/server/imports/rows";
import { tempFolder } from "./temp-files";

const files = tempFolder();
afterAll(() => files.remove());

it("streams a 100,000-row file through openTable and groupOrders", async () => {
  const lines = ["Order,Email,Ship To,SKU,Qty,Price,Note"];
  for (let order = 1; order <= 50_000; order++) {
    lines.push(`${order},buyer${order}@example.com,Jane Doe,SKU-${order % 97},${(order % 5) + 1},${order % 100}.99,"first line\nsecond line"`);
    lines.push(`${order},,,SKU-X,1,1.00,`);
  }
  const file = files.write(`${lines.join("\n")}\n`);
  const mapping = importMapping.parse({
    target: "orders",
    orderKeyColumn: "Order",
    fields: {
      source_id: { column: "Order" },
      email: { column: "Email" },
      "shipping.name": { column: "Ship To", transform: "split_name" },
      "item.code": { column: "SKU" },
      "item.quantity": { column: "Qty" },
      "item.price": { column: "Price" },
      note: { column: "Note" },
    },
  });

  const table = await openTable(file);
  let orders = 0;
  let items = 0;
  let failures = 0;
  let lastLines: number[] = [];
  for await (const record of groupOrders(table.rows(), table.headers, mapping)) {
    if (record.kind === "order") {
      orders++;
      items += record.input.order_items?.length ?? 0;
      lastLines = record.lines;
    } else failures++;
  }
  expect({ orders, items, failures }).toEqual({ orders: 50_000, items: 100_000, failures: 0 });
  // Each order's first row spans two physical lines (the multi-line note).
  expect(lastLines).toEqual([149_999, 150_001]);
  expect(table.bytesRead()).toBe(table.totalBytes);
});
