import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { SerializedOrder } from "@/server/orders/read";
import { renderTemplate } from "@/server/templates/liquid";
import { EMAIL_PRESETS, EXPORT_PRESETS } from "@/server/templates/presets";
import { orderVariables, storeVariables } from "@/server/templates/variables";

const fixture = JSON.parse(readFileSync(new URL("../../fixtures/orderdesk/order.json", import.meta.url), "utf8")) as SerializedOrder;
const store = storeVariables({ id: 7, name: "Acme & Sons", timezone: "America/Chicago", currency: "USD" });
const options = { timezone: "America/Chicago", currency: "USD" };
const preset = (key: string) => EXPORT_PRESETS.find((p) => p.key === key)!;

/** Order Desk's xml-export-template.twig (../shared/fixtures/orderdesk), verbatim: tabs, spaces and all. */
const TWIG_TEMPLATE = [
  `<?xml version="1.0" encoding="UTF-8"?>`,
  `<orders>`,
  `{% for key, order in orders %}`,
  `    <order>`,
  `        <source_id>{{ order.source_id|e }}</source_id>`,
  `        <first_name>{{ order.shipping.first_name|e }}</first_name>`,
  `        <last_name>{{ order.shipping.last_name|e }}</last_name>`,
  `        <address1>{{ order.shipping.address1|e }}</address1>`,
  `        <address2>{{ order.shipping.address21|e }}</address2>`,
  `        <city>{{ order.shipping.city|e }}</city>`,
  `        <state>{{ order.shipping.state|e }}</state>`,
  `        <zip>{{ order.shipping.zip|e }}</zip>`,
  `        <country>{{ order.shipping.country|e }}</country>`,
  `        <phone>{{ order.shipping.phone|e }}</phone>`,
  `        <order_items>`,
  `\t\t{% for item in order.order_items %}`,
  `\t\t\t  <order_item>`,
  `\t\t\t      <sku>{{ item.code|e }}</sku>`,
  `\t\t\t      <quantity>{{ item.quantity|e }}</quantity>`,
  `\t\t\t  </order_item>`,
  `\t\t{% endfor %}`,
  `\t\t</order_items>`,
  `\t</order>`,
  `{% endfor %}`,
  `</orders>`,
  ``,
].join("\n");

/**
 * What Twig prints for that template: just enough of Twig to be an independent oracle (for
 * loops, `{{ path|e }}` with htmlspecialchars(ENT_QUOTES), and the lexer dropping the newline
 * right after a `%}`).
 */
function twig(template: string, scope: Record<string, unknown>): string {
  type Node = string | { print: string } | { each: string; in: string; body: Node[] };
  const tokens = template.replace(/%}\n/g, "%}").split(/({%.*?%}|{{.*?}})/);
  let at = 0;
  const parse = (): Node[] => {
    const nodes: Node[] = [];
    while (at < tokens.length) {
      const token = tokens[at++]!;
      const loop = /^{%\s*for\s+(?:\w+\s*,\s*)?(\w+)\s+in\s+([\w.]+)\s*%}$/.exec(token);
      if (loop) nodes.push({ each: loop[1]!, in: loop[2]!, body: parse() });
      else if (/^{%\s*endfor\s*%}$/.test(token)) return nodes;
      else if (token.startsWith("{{")) nodes.push({ print: /^{{\s*([\w.]+)\|e\s*}}$/.exec(token)![1]! });
      else nodes.push(token);
    }
    return nodes;
  };
  const lookup = (path: string, vars: Record<string, unknown>) =>
    path.split(".").reduce<unknown>((value, key) => (value && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined), vars);
  const escape = (value: unknown) =>
    value === undefined || value === null
      ? ""
      : String(value).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#039;" })[c]!);
  const render = (nodes: Node[], vars: Record<string, unknown>): string =>
    nodes
      .map((node) =>
        typeof node === "string"
          ? node
          : "print" in node
            ? escape(lookup(node.print, vars))
            : ((lookup(node.in, vars) as unknown[] | undefined) ?? []).map((item) => render(node.body, { ...vars, [node.each]: item })).join(""),
      )
      .join("");
  return render(parse(), scope);
}

const EXPECTED_FIXTURE_XML =
  `<?xml version="1.0" encoding="UTF-8"?>\n` +
  `<orders>\n` +
  `    <order>\n` +
  `        <source_id>412218073</source_id>\n` +
  `        <first_name>Jimmy</first_name>\n` +
  `        <last_name>Dean</last_name>\n` +
  `        <address1>800 Emmet St</address1>\n` +
  `        <address2></address2>\n` +
  `        <city>Nashville</city>\n` +
  `        <state>TN</state>\n` +
  `        <zip></zip>\n` +
  `        <country>US</country>\n` +
  `        <phone></phone>\n` +
  `        <order_items>\n` +
  `\t\t\t\t\t  <order_item>\n` +
  `\t\t\t      <sku>crzyg-554</sku>\n` +
  `\t\t\t      <quantity>1</quantity>\n` +
  `\t\t\t  </order_item>\n` +
  `\t\t\t\t</order_items>\n` +
  `\t</order>\n` +
  `</orders>\n`;

describe("orderdesk-xml preset", () => {
  it("writes exactly the XML Order Desk's Twig template writes for the sample order", async () => {
    const xml = await renderTemplate(preset("orderdesk-xml").body, { ...store, orders: [orderVariables(fixture)] }, options);
    expect(xml).toBe(EXPECTED_FIXTURE_XML);
    expect(twig(TWIG_TEMPLATE, { orders: [fixture] })).toBe(EXPECTED_FIXTURE_XML);
  });

  it("matches Twig for several orders, escaping, several and no items, and no orders", async () => {
    const tricky = {
      ...fixture,
      source_id: `A&B <"1">`,
      shipping: { ...fixture.shipping, first_name: "Seán", last_name: "O'Brien & <Sons>", city: 'Quote "City"', phone: "+1 555" },
      order_items: [
        { ...fixture.order_items[0]!, code: "sku<1>", quantity: 3 },
        { ...fixture.order_items[0]!, code: "plain", quantity: 12 },
      ],
    } as SerializedOrder;
    const empty = { ...fixture, source_id: "", order_items: [] } as unknown as SerializedOrder;
    for (const orders of [[fixture, tricky, empty], [], [empty]]) {
      const xml = await renderTemplate(preset("orderdesk-xml").body, { orders: orders.map(orderVariables) }, options);
      expect(xml).toBe(twig(TWIG_TEMPLATE, { orders }));
    }
  });
});

describe("every preset", () => {
  it.each(EXPORT_PRESETS.map((p) => [p.key, p] as const))("%s renders over the sample order, and its file name too", async (_key, p) => {
    const order = orderVariables(fixture);
    const variables = { ...store, orders: [order, order], order, order_count: 2, now: "2024-05-01T10:00:00.000Z" };
    const output = await renderTemplate(p.body, variables, options);
    expect(output.length).toBeGreaterThan(20);
    expect(output).toContain("412218073");
    const name = await renderTemplate(p.filenamePattern, variables, options);
    expect(name).toMatch(/^[\w.-]+\.(xml|csv|tsv|json|txt)$/);
  });

  it("items-csv: a header and one escaped row per item, amounts from decimals", async () => {
    const order = orderVariables({
      ...fixture,
      shipping: { ...fixture.shipping, company: 'Dean, "Jimmy" & Co' },
      order_items: [fixture.order_items[0]!, { ...fixture.order_items[0]!, name: "Line\nbreak", price: "0.1", quantity: 3 }],
    } as SerializedOrder);
    const csv = await renderTemplate(preset("items-csv").body, { orders: [order] }, options);
    const rows = csv.split("\n");
    expect(rows[0]).toBe("order_id,source_id,date_added,email,ship_name,ship_company,ship_address1,ship_address2,ship_city,ship_state,ship_postal_code,ship_country,ship_phone,shipping_method,sku,item_name,quantity,price,line_total");
    expect(rows[1]).toBe('26211,412218073,2014-10-08 07:10,test@orderdesk.com,Jimmy Dean,"Dean, ""Jimmy"" & Co",800 Emmet St,,Nashville,TN,55555,US,,FedEx Home Delivery,crzyg-554,Crazy Glue,1,10.00,10.00');
    expect(csv.endsWith('crzyg-554,"Line\nbreak",3,0.10,0.30\n')).toBe(true);
  });

  it("items-tsv: tabs between fields, none inside", async () => {
    const order = orderVariables({ ...fixture, order_items: [{ ...fixture.order_items[0]!, name: "Tab\there" }] } as SerializedOrder);
    const tsv = await renderTemplate(preset("items-tsv").body, { orders: [order] }, options);
    const [header, row, end] = tsv.split("\n");
    expect(header!.split("\t")).toHaveLength(19);
    expect(row!.split("\t")).toHaveLength(19);
    expect(row).toContain("\tTab here\t");
    expect(end).toBe("");
  });

  it("orders-json: Order Desk's JSON, without the template conveniences", async () => {
    const json = await renderTemplate(preset("orders-json").body, { orders: [orderVariables(fixture)] }, options);
    expect(JSON.parse(json)).toEqual([fixture]);
  });

  it("packing-slip-text: address lines, items with options, gift message", async () => {
    const text = await renderTemplate(preset("packing-slip-text").body, { ...store, order: orderVariables(fixture) }, options);
    expect(text).toBe(
      [
        "PACKING SLIP - Acme & Sons",
        "",
        "Order:    26211 (Order Desk 412218073)",
        "Date:     October 8, 2014",
        "Shipping: FedEx Home Delivery",
        "",
        "Ship to:",
        "  Jimmy Dean",
        "  800 Emmet St",
        "  Nashville, TN 55555",
        "  US",
        "",
        "Items:",
        "  1 x Crazy Glue [crzyg-554], Size: Small",
        "",
        "Gift message: Happy Birthday",
        "",
        "Thank you for your order!",
        "",
      ].join("\n"),
    );
  });
});

/** Order Desk's sample shipment notification payload (sample_shipment_notification.txt), trimmed. */
const notification = {
  shipment: { id: "1057432", tracking_number: "1Z1233456789", carrier_code: "UPS", shipment_method: "UPS Ground", tracking_url: "https://wwwapps.ups.com/WebTracking/track?track=yes&trackNums=1Z1233456789", date_shipped: "2018-11-23" },
  order: {
    ...fixture,
    id: "535255",
    shipping: { ...fixture.shipping, first_name: "John", last_name: "Doe" },
    checkout_data: [],
    order_metadata: [],
    order_items: [{ id: "86596", name: "Test", price: 0, quantity: 1, weight: 0, code: "testsku", delivery_type: "ship", category_code: "", variation_list: [], metadata: [] }],
  } as unknown as SerializedOrder,
};

describe("email presets", () => {
  it("shipment-notification links the tracking page in HTML and text", async () => {
    const p = EMAIL_PRESETS.find((e) => e.key === "shipment-notification")!;
    const variables = { ...store, order: orderVariables(notification.order), shipment: notification.shipment };
    expect(await renderTemplate(p.subject, variables, options)).toBe("Your order 535255 from Acme & Sons has shipped");
    const html = await renderTemplate(p.html, variables, options);
    expect(html).toContain('<a href="https://wwwapps.ups.com/WebTracking/track?track=yes&amp;trackNums=1Z1233456789">1Z1233456789</a>');
    expect(html).toContain("<p>Hello John,</p>");
    expect(html).toContain("UPS (UPS Ground)");
    expect(html).toContain("from Acme &amp; Sons");
    const text = await renderTemplate(p.text, variables, options);
    expect(text).toContain("Track your package: https://wwwapps.ups.com/WebTracking/track?track=yes&trackNums=1Z1233456789\n");
    expect(text.startsWith("Hello John,\n\nGood news: your order 535255")).toBe(true);
  });

  it("shipment-notification without a tracking link still names the tracking number", async () => {
    const p = EMAIL_PRESETS.find((e) => e.key === "shipment-notification")!;
    const shipment = { ...notification.shipment, tracking_url: "", carrier_code: "" };
    const html = await renderTemplate(p.html, { ...store, order: orderVariables(notification.order), shipment }, options);
    expect(html).toContain("<td>Tracking number</td><td>1Z1233456789</td>");
    expect(html).not.toContain("<a href");
    expect(html).not.toContain("Carrier");
  });

  it("order-export names the file and the order count", async () => {
    const p = EMAIL_PRESETS.find((e) => e.key === "order-export")!;
    const variables = { ...store, file_name: "orders-20240501.csv", order_count: 1 };
    expect(await renderTemplate(p.subject, variables, options)).toBe("Acme & Sons: orders-20240501.csv");
    expect(await renderTemplate(p.text, variables, options)).toMatch(/^Attached: orders-20240501\.csv, 1 order, exported \d{4}-\d{2}-\d{2} \d{2}:\d{2} America\/Chicago\.\n/);
    expect(await renderTemplate(p.html, variables, options)).toContain("<strong>orders-20240501.csv</strong>");
  });
});
