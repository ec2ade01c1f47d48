import { expect, test } from "@playwright/test";
import { answer, newStoreWithKey, sampleOrder } from "./v2-client";

test("bad input gets a clear status:error naming the field, a 4xx, and writes nothing", async ({ playwright, baseURL }) => {
  const s = await newStoreWithKey(playwright, baseURL!, "bad");
  const valid = { source_id: "BAD-1", order_items: [{ name: "Mug", price: "5", quantity: 1 }] };
  const cases: { label: string; body: string | Record<string, unknown>; status: number; field: string; says?: RegExp }[] = [
    { label: "malformed JSON", body: '{"source_id": "BAD-1", "email": ', status: 400, field: "body", says: /Malformed JSON/ },
    { label: "an empty body", body: "", status: 400, field: "body" },
    { label: "an unknown field", body: { ...valid, colour: "red" }, status: 400, field: "colour", says: /^colour: Unknown field\.$/ },
    { label: "an unknown nested field", body: { ...valid, shipping: { first_name: "A", planet: "Mars" } }, status: 400, field: "shipping.planet" },
    { label: "a wrong type", body: { ...valid, email: { address: "x" } }, status: 400, field: "email", says: /Wrong type/ },
    { label: "items that are not a list", body: { ...valid, order_items: "Mug" }, status: 400, field: "order_items" },
    { label: "a price that is not an amount", body: { ...valid, order_items: [{ name: "Mug", price: "five" }] }, status: 400, field: "order_items.0.price" },
    { label: "a negative quantity", body: { ...valid, order_items: [{ name: "Mug", price: "5", quantity: -2 }] }, status: 400, field: "order_items.0.quantity", says: /Must not be negative/ },
    { label: "a fractional quantity", body: { ...valid, order_items: [{ name: "Mug", price: "5", quantity: 1.5 }] }, status: 400, field: "order_items.0.quantity" },
    { label: "a money amount with 5 decimals", body: { ...valid, order_total: "1.23456" }, status: 400, field: "order_total" },
    { label: "a bad date", body: { ...valid, date_added: "last Tuesday" }, status: 400, field: "date_added" },
    { label: "a folder of nowhere", body: { ...valid, folder_name: "Nowhere" }, status: 400, field: "folder_name" },
    // An array is a batch of orders; one that is not an order is refused by its index.
    { label: "an array of non-orders", body: "[1,2]", status: 400, field: "0" },
    { label: "an empty batch", body: "[]", status: 400, field: "body" },
  ];
  for (const c of cases) {
    // Strings go out byte for byte (Playwright would JSON-encode a string sent as JSON data).
    const data = typeof c.body === "string" ? Buffer.from(c.body) : c.body;
    const res = await answer(await s.api.post("orders", { data, headers: { "content-type": "application/json" } }));
    expect(res.status, c.label).toBe(c.status);
    expect(res.body.status, c.label).toBe("error");
    expect(res.body.field, c.label).toBe(c.field);
    expect(res.body.message, c.label).toMatch(new RegExp(`^${c.field.replace(/\./g, "\\.")}: `));
    if (c.says) expect(res.body.message, c.label).toMatch(c.says);
  }

  // 10 MB: refused with 413 before it is parsed.
  const huge = { ...sampleOrder(), source_id: "HUGE", checkout_data: { blob: "x".repeat(10 * 1024 * 1024) } };
  const tooLarge = await answer(await s.api.post("orders", { data: huge }));
  expect(tooLarge.status).toBe(413);
  expect(tooLarge.body).toMatchObject({ status: "error", message: expect.stringContaining("larger than 5 MB") });

  expect((await answer(await s.api.get("orders"))).body).toMatchObject({ status: "success", total_records: 0 });

  // Sub-resources and edits validate the same way, and leave the order as it was.
  const order = (await answer(await s.api.post("orders", { data: valid }))).body.order;
  const bad = [
    { res: await s.api.post(`orders/${order.id}/order-items`, { data: { name: "Tee", quantity: -1 } }), field: "quantity" },
    { res: await s.api.put(`orders/${order.id}/order-items/${order.order_items[0].id}`, { data: { name: "Tee", quantity: "-3" } }), field: "quantity" },
    { res: await s.api.post(`orders/${order.id}/shipments`, { data: { tracking_number: "1", weight: "-2" } }), field: "weight" },
    { res: await s.api.put(`orders/${order.id}`, { data: { email: "x@example.test", order_totl: "5" } }), field: "order_totl" },
    { res: await s.api.post(`orders/${order.id}/order-history`, { data: { note: "" } }), field: "note" },
    { res: await s.api.put(`orders/${order.id}`, { data: Buffer.from("{not json"), headers: { "content-type": "application/json" } }), field: "body" },
  ];
  for (const { res, field } of bad) {
    const { status, body } = await answer(res);
    expect(status, field).toBe(400);
    expect(body, field).toMatchObject({ status: "error", field });
  }
  const after = (await answer(await s.api.get(`orders/${order.id}`))).body.order;
  const { date_updated: _u1, ...afterFields } = after;
  const { date_updated: _u2, ...orderFields } = order;
  expect(afterFields).toEqual(orderFields);
  expect((await answer(await s.api.get("orders"))).body.total_records).toBe(1);
  await s.dispose();
});
