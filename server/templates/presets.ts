/** Ready-made templates a store can start from (copied into the store's own templates, then edited). */

export interface ExportPreset {
  key: string;
  name: string;
  format: "csv" | "tsv" | "xml" | "json" | "text";
  mode: "batch" | "per_order";
  body: string;
  filenamePattern: string;
  description: string;
}

export interface EmailPreset {
  key: string;
  name: string;
  subject: string;
  html: string;
  text: string;
  description: string;
}

const lines = (...rows: string[]) => rows.join("\n");

/**
 * Order Desk's sample XML export (xml-export-template.twig), ported so it writes the same bytes.
 * Twig drops the newline right after a `{% %}` tag, so here the text after each tag starts on the
 * tag's own line; the tabs are theirs. Like theirs it reads `address21` and `zip`, which orders
 * don't have: those elements stay empty.
 */
const ORDERDESK_XML = lines(
  `<?xml version="1.0" encoding="UTF-8"?>`,
  `<orders>`,
  `{% for order in orders %}    <order>`,
  `        <source_id>{{ order.source_id | e }}</source_id>`,
  `        <first_name>{{ order.shipping.first_name | e }}</first_name>`,
  `        <last_name>{{ order.shipping.last_name | e }}</last_name>`,
  `        <address1>{{ order.shipping.address1 | e }}</address1>`,
  `        <address2>{{ order.shipping.address21 | e }}</address2>`,
  `        <city>{{ order.shipping.city | e }}</city>`,
  `        <state>{{ order.shipping.state | e }}</state>`,
  `        <zip>{{ order.shipping.zip | e }}</zip>`,
  `        <country>{{ order.shipping.country | e }}</country>`,
  `        <phone>{{ order.shipping.phone | e }}</phone>`,
  `        <order_items>`,
  `\t\t{% for item in order.order_items %}\t\t\t  <order_item>`,
  `\t\t\t      <sku>{{ item.code | e }}</sku>`,
  `\t\t\t      <quantity>{{ item.quantity | e }}</quantity>`,
  `\t\t\t  </order_item>`,
  `\t\t{% endfor %}\t\t</order_items>`,
  `\t</order>`,
  `{% endfor %}</orders>`,
  ``,
);

const ITEM_COLUMNS = [
  ["order_id", "order.id"],
  ["source_id", "order.source_id"],
  ["date_added", `order.date_added | local_date: "%Y-%m-%d %H:%M"`],
  ["email", "order.email"],
  ["ship_name", "order.shipping.full_name"],
  ["ship_company", "order.shipping.company"],
  ["ship_address1", "order.shipping.address1"],
  ["ship_address2", "order.shipping.address2"],
  ["ship_city", "order.shipping.city"],
  ["ship_state", "order.shipping.state"],
  ["ship_postal_code", "order.shipping.postal_code"],
  ["ship_country", "order.shipping.country"],
  ["ship_phone", "order.shipping.phone"],
  ["shipping_method", "order.shipping_method"],
  ["sku", "item.code"],
  ["item_name", "item.name"],
  ["quantity", "item.quantity"],
  ["price", "item.price | money"],
  ["line_total", "item.line_total | money"],
] as const;

/** One row per line item under a header row; `-%}` keeps the loops from adding blank lines. */
function itemsTable(separator: string, escape: string) {
  return lines(
    ITEM_COLUMNS.map(([header]) => header).join(separator),
    `{% for order in orders -%}`,
    `{% for item in order.order_items -%}`,
    ITEM_COLUMNS.map(([, expression]) => `{{ ${expression} | ${escape} }}`).join(separator),
    `{% endfor -%}`,
    `{% endfor -%}`,
  );
}

const PACKING_SLIP = lines(
  `PACKING SLIP - {{ store_name }}`,
  ``,
  `Order:    {{ order.id }}{% if order.source_id != blank %} ({{ order.source_name }} {{ order.source_id }}){% endif %}`,
  `Date:     {{ order.date_added | local_date: "%B %-d, %Y" }}`,
  `Shipping: {{ order.shipping_method }}`,
  ``,
  `Ship to:`,
  `{% for line in order.shipping.address_lines %}  {{ line }}`,
  `{% endfor %}`,
  `Items:`,
  `{% for item in order.order_items %}  {{ item.quantity }} x {{ item.name }}{% if item.code != blank %} [{{ item.code }}]{% endif %}{% for option in item.variation_list %}, {{ option[0] }}: {{ option[1] }}{% endfor %}`,
  `{% endfor %}`,
  `{% assign gift = order.checkout_data["Gift Message"] %}{% if gift != blank %}Gift message: {{ gift }}`,
  ``,
  `{% endif -%}`,
  `Thank you for your order!`,
  ``,
);

export const EXPORT_PRESETS: ExportPreset[] = [
  {
    key: "orderdesk-xml",
    name: "Order Desk XML",
    format: "xml",
    mode: "batch",
    body: ORDERDESK_XML,
    filenamePattern: `orders-{{ 'now' | local_date: '%Y%m%d-%H%M%S' }}.xml`,
    description:
      "Order Desk's sample XML export, byte for byte: source id, shipping address and SKU/quantity per item. Like the original, <address2> and <zip> stay empty (it reads fields orders don't have); change them to address2 and postal_code if you need them.",
  },
  {
    key: "items-csv",
    name: "Line items (CSV)",
    format: "csv",
    mode: "batch",
    body: itemsTable(",", "csv_escape"),
    filenamePattern: `items-{{ 'now' | local_date: '%Y%m%d-%H%M%S' }}.csv`,
    description: "One row per line item with the order's shipping address, under a header row. Opens in any spreadsheet.",
  },
  {
    key: "items-tsv",
    name: "Line items (TSV)",
    format: "tsv",
    mode: "batch",
    body: itemsTable("\t", "tsv_escape"),
    filenamePattern: `items-{{ 'now' | local_date: '%Y%m%d-%H%M%S' }}.tsv`,
    description: "The line-item table, tab-separated (tabs and line breaks inside values become spaces).",
  },
  {
    key: "orders-json",
    name: "Orders (JSON)",
    format: "json",
    mode: "batch",
    body: `{{ orders | json: 2 }}\n`,
    filenamePattern: `orders-{{ 'now' | local_date: '%Y%m%d-%H%M%S' }}.json`,
    description: "The orders as a JSON array, in Order Desk's v2 API format.",
  },
  {
    key: "packing-slip-text",
    name: "Packing slip (text)",
    format: "text",
    mode: "per_order",
    body: PACKING_SLIP,
    filenamePattern: `packing-slip-{{ order.id }}.txt`,
    description: "A plain-text packing slip per order: ship-to address, items with options, gift message.",
  },
];

const SHIPMENT_HTML = lines(
  `<!DOCTYPE html>`,
  `<html>`,
  `<body style="font-family: Arial, Helvetica, sans-serif; color: #222; line-height: 1.5;">`,
  `{%- assign name = order.shipping.first_name | default: order.customer.first_name %}`,
  `<p>Hello{% if name != blank %} {{ name | e }}{% endif %},</p>`,
  `<p>Good news: your order <strong>{{ order.id | e }}</strong> from {{ store_name | e }} is on its way.</p>`,
  `<table cellpadding="4" style="border-collapse: collapse;">`,
  `{%- if shipment.carrier_code != blank %}`,
  `  <tr><td>Carrier</td><td>{{ shipment.carrier_code | e }}{% if shipment.shipment_method != blank %} ({{ shipment.shipment_method | e }}){% endif %}</td></tr>`,
  `{%- endif %}`,
  `  <tr><td>Tracking number</td><td>{% if shipment.tracking_url != blank %}<a href="{{ shipment.tracking_url | e }}">{{ shipment.tracking_number | e }}</a>{% else %}{{ shipment.tracking_number | e }}{% endif %}</td></tr>`,
  `</table>`,
  `{%- if shipment.tracking_url != blank %}`,
  `<p><a href="{{ shipment.tracking_url | e }}" style="display: inline-block; padding: 8px 16px; background: #1d4ed8; color: #fff; text-decoration: none; border-radius: 4px;">Track your package</a></p>`,
  `{%- endif %}`,
  `<p>In this order:</p>`,
  `<ul>`,
  `{%- for item in order.order_items %}`,
  `  <li>{{ item.quantity | e }} × {{ item.name | e }}</li>`,
  `{%- endfor %}`,
  `</ul>`,
  `<p>Thank you for your order,<br>{{ store_name | e }}</p>`,
  `</body>`,
  `</html>`,
  ``,
);

const SHIPMENT_TEXT = lines(
  `{%- assign name = order.shipping.first_name | default: order.customer.first_name -%}`,
  `Hello{% if name != blank %} {{ name }}{% endif %},`,
  ``,
  `Good news: your order {{ order.id }} from {{ store_name }} is on its way.`,
  ``,
  `{% if shipment.carrier_code != blank %}Carrier: {{ shipment.carrier_code }}{% if shipment.shipment_method != blank %} ({{ shipment.shipment_method }}){% endif %}`,
  `{% endif %}Tracking number: {{ shipment.tracking_number }}`,
  `{% if shipment.tracking_url != blank %}Track your package: {{ shipment.tracking_url }}`,
  `{% endif %}`,
  `In this order:`,
  `{% for item in order.order_items -%}`,
  `- {{ item.quantity }} x {{ item.name }}`,
  `{% endfor %}`,
  `Thank you for your order,`,
  `{{ store_name }}`,
  ``,
);

export const EMAIL_PRESETS: EmailPreset[] = [
  {
    key: "shipment-notification",
    name: "Shipment notification",
    subject: `Your order {{ order.id }} from {{ store_name }} has shipped`,
    html: SHIPMENT_HTML,
    text: SHIPMENT_TEXT,
    description: "Tells the customer their order shipped, with the carrier and a tracking link. Variables: order, shipment, store_name.",
  },
  {
    key: "order-export",
    name: "Emailed export",
    subject: `{{ store_name }}: {{ file_name }}`,
    html: lines(
      `<!DOCTYPE html>`,
      `<html>`,
      `<body style="font-family: Arial, Helvetica, sans-serif; color: #222;">`,
      `<p>Attached: <strong>{{ file_name | e }}</strong>, {{ order_count }} order{% if order_count != 1 %}s{% endif %}, exported {{ 'now' | local_date: '%Y-%m-%d %H:%M %Z' }}.</p>`,
      `<p>{{ store_name | e }}</p>`,
      `</body>`,
      `</html>`,
      ``,
    ),
    text: lines(
      `Attached: {{ file_name }}, {{ order_count }} order{% if order_count != 1 %}s{% endif %}, exported {{ 'now' | local_date: '%Y-%m-%d %H:%M %Z' }}.`,
      ``,
      `{{ store_name }}`,
      ``,
    ),
    description: "The message an emailed export comes in. Variables: file_name, order_count, store_name.",
  },
];
