import { createWriteStream } from "node:fs";
import { once } from "node:events";

/** The 79 columns of Shopify's "Export orders" CSV (../shared/reference/integrations.md section 5). */
export const SHOPIFY_HEADERS =
  "Name,Email,Financial Status,Paid at,Fulfillment Status,Fulfilled at,Accepts Marketing,Currency,Subtotal,Shipping,Taxes,Total,Discount Code,Discount Amount,Shipping Method,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem compare at price,Lineitem sku,Lineitem requires shipping,Lineitem taxable,Lineitem fulfillment status,Billing Name,Billing Street,Billing Address1,Billing Address2,Billing Company,Billing City,Billing Zip,Billing Province,Billing Country,Billing Phone,Shipping Name,Shipping Street,Shipping Address1,Shipping Address2,Shipping Company,Shipping City,Shipping Zip,Shipping Province,Shipping Country,Shipping Phone,Notes,Note Attributes,Cancelled at,Payment Method,Payment Reference,Refunded Amount,Vendor,Outstanding Balance,Employee,Location,Device ID,Id,Tags,Risk Level,Source,Lineitem discount,Tax 1 Name,Tax 1 Value,Tax 2 Name,Tax 2 Value,Tax 3 Name,Tax 3 Value,Tax 4 Name,Tax 4 Value,Tax 5 Name,Tax 5 Value,Phone,Receipt Number,Duties,Billing Province Name,Shipping Province Name,Payment ID,Payment Terms Name,Next Payment Due At,Payment References".split(
    ",",
  );

const quote = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

/**
 * Rows of a Shopify export: order `n` has `itemsPerOrder` line items; the first row carries the
 * order columns, continuation rows repeat only Name and the line item (as Shopify writes them).
 */
export function shopifyRows(n: number, itemsPerOrder: number): string[][] {
  const rows: string[][] = [];
  for (let item = 0; item < itemsPerOrder; item++) {
    const cells = Object.fromEntries(SHOPIFY_HEADERS.map((h) => [h, ""])) as Record<string, string>;
    cells.Name = `#${1000 + n}`;
    cells["Lineitem quantity"] = String(1 + (item % 3));
    cells["Lineitem name"] = `Poster ${item + 1}`;
    cells["Lineitem price"] = "12.50";
    cells["Lineitem sku"] = `SKU-${item + 1}`;
    cells["Lineitem requires shipping"] = "true";
    cells.Vendor = item % 2 ? "Acme Prints" : "Globex";
    if (item === 0) {
      Object.assign(cells, {
        Email: `buyer${n}@example.com`,
        "Financial Status": "paid",
        Currency: "USD",
        Subtotal: "25.00",
        Shipping: "5.00",
        Taxes: "0.00",
        Total: "30.00",
        "Shipping Method": "Standard",
        "Created at": "2025-05-11 09:55:16 -0400",
        "Billing Name": "Ada Lovelace",
        "Shipping Name": "Ada Lovelace",
        "Shipping Address1": "1 Main St",
        "Shipping City": "Springfield",
        "Shipping Zip": "12345",
        "Shipping Province": "IL",
        "Shipping Country": "US",
        "Note Attributes": "gift: yes\nwrap: blue",
        Id: String(5_000_000 + n),
        Tags: "vip, wholesale",
        "Payment Method": "Shopify Payments",
      });
    }
    rows.push(SHOPIFY_HEADERS.map((h) => cells[h]!));
  }
  return rows;
}

/** Writes a Shopify export of `orders` orders (streamed, so 100k rows take no memory here). */
export async function writeShopifyCsv(path: string, orders: number, itemsPerOrder = 3, firstOrder = 1) {
  const out = createWriteStream(path);
  const write = async (line: string) => {
    if (!out.write(line)) await once(out, "drain");
  };
  await write(`${SHOPIFY_HEADERS.join(",")}\n`);
  for (let n = firstOrder; n < firstOrder + orders; n++) {
    for (const row of shopifyRows(n, itemsPerOrder)) await write(`${row.map(quote).join(",")}\n`);
  }
  out.end();
  await once(out, "finish");
}
