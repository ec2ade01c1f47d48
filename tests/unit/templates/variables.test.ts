import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { renderFileName } from "@/server/delivery/filename";
import type { SerializedOrder } from "@/server/orders/read";
import { renderTemplate, TemplateError } from "@/server/templates/liquid";
import { orderVariables, storeVariables, TEMPLATE_VARIABLES } from "@/server/templates/variables";

const fixture = JSON.parse(readFileSync(new URL("../../fixtures/orderdesk/order.json", import.meta.url), "utf8")) as SerializedOrder;
const options = { timezone: "UTC" };

describe("orderVariables", () => {
  it("keeps the order as it is: same JSON, input untouched", () => {
    const before = JSON.stringify(fixture);
    const order = orderVariables(fixture);
    expect(JSON.stringify(order)).toBe(before);
    expect(JSON.stringify(fixture)).toBe(before);
    expect(Object.keys(order.shipping)).toEqual(Object.keys(fixture.shipping));
  });

  it("adds conveniences templates can read", async () => {
    const order = orderVariables({
      ...fixture,
      shipping: { ...fixture.shipping, company: "Dean Co", address2: "Suite 4" },
      order_items: [fixture.order_items[0]!, { ...fixture.order_items[0]!, price: "2.335", quantity: 3 }, { ...fixture.order_items[0]!, price: 0.1, quantity: 3 }],
      order_shipments: [...fixture.order_shipments, { ...fixture.order_shipments[0]!, tracking_number: "LATEST", tracking_url: "https://t.example/LATEST" }],
    } as SerializedOrder);
    const source = [
      "{{ order.shipping.full_name }}|{{ order.customer.full_name }}",
      "{{ order.shipping.address_lines | join: ' / ' }}",
      "{% for item in order.order_items %}{{ item.line_total }};{% endfor %}",
      "{{ order.tracking_number }} {{ order.tracking_url }}",
    ].join("\n");
    expect(await renderTemplate(source, { order }, options)).toBe(
      ["Jimmy Dean|Bingo Little", "Jimmy Dean / Dean Co / 800 Emmet St / Suite 4 / Nashville, TN 55555 / US", "10;7.005;0.3;", "LATEST https://t.example/LATEST"].join("\n"),
    );
  });

  it("accepts Order Desk's PHP-style empty maps and a single name field", async () => {
    const order = orderVariables({ ...fixture, shipping: { name: "Ada Lovelace", city: "London" }, customer: [], checkout_data: [], order_shipments: [] } as unknown as SerializedOrder);
    expect(await renderTemplate("{{ order.shipping.full_name }}|{{ order.customer.full_name }}|{{ order.tracking_number }}|{{ order.checkout_data['Gift Message'] }}", { order }, options)).toBe(
      "Ada Lovelace|||",
    );
  });

  it("storeVariables", () => {
    expect(storeVariables({ id: 3, name: "Acme", timezone: "Europe/Berlin", currency: "EUR" })).toEqual({ store_name: "Acme", store_id: 3, store_timezone: "Europe/Berlin", store_currency: "EUR" });
  });

  it("documents each variable once", () => {
    const names = TEMPLATE_VARIABLES.map((v) => v.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of ["order", "orders", "store_name", "order.shipping.full_name", "item.line_total", "shipment"]) expect(names).toContain(name);
  });
});

describe("renderFileName", () => {
  const order = orderVariables(fixture);

  it.each([
    ["order-{{ order.id }}.xml", "order-26211.xml"],
    ["{{ order.source_name }} {{ order.source_id }}.csv", "Order Desk 412218073.csv"],
    ["../../etc/{{ order.id }}.txt", "-.-etc-26211.txt"],
    ["a\\b/c:d*e?.csv", "a-b-c-d-e-.csv"],
    [".hidden-{{ order.id }}", "hidden-26211"],
    ["tab\there\n.csv", "tabhere.csv"],
    ["{{ order.id }}..csv", "26211.csv"],
  ])("%j -> %j", async (pattern, expected) => {
    expect(await renderFileName(pattern, { order }, "UTC")).toBe(expected);
  });

  it("uses the store's time zone for 'now'", async () => {
    const name = await renderFileName("orders-{{ 'now' | local_date: '%Y%m%d-%H%M%S' }}.xml", {}, "Pacific/Kiritimati");
    expect(name).toMatch(/^orders-\d{8}-\d{6}\.xml$/);
    const kiritimati = new Intl.DateTimeFormat("en-CA", { timeZone: "Pacific/Kiritimati", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date()).replace(/-/g, "");
    expect(name.slice(7, 15)).toBe(kiritimati);
  });

  it("keeps at most 200 characters and the extension", async () => {
    const name = await renderFileName(`${"x".repeat(300)}.csv`, {}, "UTC");
    expect(name).toHaveLength(200);
    expect(name.endsWith("x.csv")).toBe(true);
  });

  it("refuses an empty result", async () => {
    for (const pattern of ["{{ order.missing }}", "  ", "...", "{% if false %}x{% endif %}"]) {
      const error = await renderFileName(pattern, {}, "UTC").catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TemplateError);
      expect((error as Error).message).toMatch(/gave an empty file name/);
    }
  });
});
