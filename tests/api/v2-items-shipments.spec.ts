import { expect, test } from "@playwright/test";
import { answer, newStoreWithKey } from "./v2-client";

test("order items: list, add, read, replace, delete, with the order totals following", async ({ playwright, baseURL }) => {
  const s = await newStoreWithKey(playwright, baseURL!, "items");
  const order = (await answer(await s.api.post("orders", { data: { source_id: "I-1", shipping_total: "4", order_items: [{ name: "Mug", code: "MUG", price: "10", quantity: 1 }] } }))).body.order;
  expect(order.order_total).toBe(14);

  const listed = await answer(await s.api.get(`orders/${order.id}/order-items`));
  expect(listed).toMatchObject({ status: 200, body: { status: "success", order_items: [{ name: "Mug", code: "MUG", price: "10", quantity: 1 }] } });

  const added = await answer(
    await s.api.post(`orders/${order.id}/order-items`, { data: { name: "Tee", code: "TEE-L", price: "7.25", quantity: "2", variation_list: { Size: "L" }, metadata: [] } }),
  );
  expect(added.status).toBe(201);
  expect(added.body.order_item).toMatchObject({ name: "Tee", code: "TEE-L", price: "7.25", quantity: 2, variation_list: { Size: "L" }, metadata: {} });
  const itemId = added.body.order_item.id as string;
  expect((await answer(await s.api.get(`orders/${order.id}`))).body.order).toMatchObject({ product_total: 24.5, order_total: 28.5, quantity_total: 3 });

  expect((await answer(await s.api.get(`orders/${order.id}/order-items/${itemId}`))).body.order_item).toMatchObject({ id: itemId, name: "Tee" });

  // PUT replaces the item: what is not sent falls back to its default.
  const replaced = await answer(await s.api.put(`orders/${order.id}/order-items/${itemId}`, { data: { name: "Tee", price: 8, quantity: 3 } }));
  expect(replaced.status).toBe(200);
  expect(replaced.body.order_item).toMatchObject({ name: "Tee", code: "", price: "8", quantity: 3, variation_list: {} });
  expect((await answer(await s.api.get(`orders/${order.id}`))).body.order).toMatchObject({ product_total: 34, order_total: 38, quantity_total: 4 });

  expect((await answer(await s.api.delete(`orders/${order.id}/order-items/${itemId}`))).body).toMatchObject({ status: "success", message: "Item deleted." });
  expect(await answer(await s.api.get(`orders/${order.id}/order-items/${itemId}`))).toMatchObject({ status: 404, body: { status: "error", message: "Order item not found." } });
  expect((await answer(await s.api.delete(`orders/${order.id}/order-items/${itemId}`))).status).toBe(404);
  expect((await answer(await s.api.get(`orders/${order.id}`))).body.order).toMatchObject({ product_total: 10, order_total: 14, quantity_total: 1 });
  await s.dispose();
});

test("shipments: list, add (tracking URL derived), read, replace, delete", async ({ playwright, baseURL }) => {
  const s = await newStoreWithKey(playwright, baseURL!, "ships");
  const order = (await answer(await s.api.post("orders", { data: { source_id: "S-1" } }))).body.order;
  expect((await answer(await s.api.get(`orders/${order.id}/shipments`))).body).toMatchObject({ status: "success", shipments: [] });

  const added = await answer(
    await s.api.post(`orders/${order.id}/shipments`, { data: { tracking_number: "1Z999AA10123456784", carrier_code: "UPS", shipment_method: "Ground", weight: 1.5, cost: "7.10", date_shipped: "2024-05-01" } }),
  );
  expect(added.status).toBe(201);
  expect(added.body.shipment).toMatchObject({
    order_id: order.id,
    tracking_number: "1Z999AA10123456784",
    carrier_code: "UPS",
    tracking_url: "https://www.ups.com/track?tracknum=1Z999AA10123456784",
    weight: "1.5",
    cost: "7.1",
    source: "Manual",
  });
  const shipmentId = added.body.shipment.id as string;
  expect((await answer(await s.api.get(`orders/${order.id}/shipments/${shipmentId}`))).body.shipment).toMatchObject({ id: shipmentId, shipment_method: "Ground" });
  expect((await answer(await s.api.get(`orders/${order.id}/shipments`))).body.shipments).toHaveLength(1);

  const replaced = await answer(await s.api.put(`orders/${order.id}/shipments/${shipmentId}`, { data: { tracking_number: "n/a", carrier_code: "USPS" } }));
  expect(replaced.status).toBe(200);
  expect(replaced.body.shipment).toMatchObject({ tracking_number: "n/a", carrier_code: "USPS", tracking_url: "", shipment_method: "", weight: "0" });

  expect((await answer(await s.api.delete(`orders/${order.id}/shipments/${shipmentId}`))).body).toMatchObject({ status: "success" });
  expect(await answer(await s.api.get(`orders/${order.id}/shipments/${shipmentId}`))).toMatchObject({ status: 404, body: { message: "Shipment not found." } });
  await s.dispose();
});

test("POST /batch-shipments adds each line on its own and reports one result per line", async ({ playwright, baseURL }) => {
  const s = await newStoreWithKey(playwright, baseURL!, "batch");
  const a = (await answer(await s.api.post("orders", { data: { source_id: "B-1" } }))).body.order;
  const b = (await answer(await s.api.post("orders", { data: { source_id: "B-2" } }))).body.order;

  const res = await answer(
    await s.api.post("batch-shipments", {
      data: [
        { order_id: a.id, tracking_number: "9400111899223817576354", carrier_code: "USPS", shipment_method: "Priority" },
        { order_id: Number(b.id), tracking_number: "1Z1", carrier_code: "UPS", shipment_method: "Ground" },
        { order_id: "999999999", tracking_number: "X", carrier_code: "UPS", shipment_method: "Ground" },
        { order_id: a.id, tracking_number: "Y", weight: "-1" },
        { tracking_number: "Z" },
      ],
    }),
  );
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ status: "success", added: 2, failed: 3 });
  expect(res.body.results).toEqual([
    expect.objectContaining({ index: 0, order_id: a.id, status: "success", shipment_id: expect.any(String) }),
    expect.objectContaining({ index: 1, order_id: b.id, status: "success" }),
    expect.objectContaining({ index: 2, order_id: "999999999", status: "error", message: "Order not found." }),
    expect.objectContaining({ index: 3, order_id: a.id, status: "error", message: "weight: Must not be negative." }),
    expect.objectContaining({ index: 4, order_id: null, status: "error", message: expect.stringMatching(/^order_id: /) }),
  ]);
  const shipmentsOfA = (await answer(await s.api.get(`orders/${a.id}/shipments`))).body.shipments;
  expect(shipmentsOfA).toEqual([expect.objectContaining({ tracking_number: "9400111899223817576354", tracking_url: expect.stringContaining("usps.com") })]);

  // The { "shipments": [...] } form is accepted too; an empty or non-array body is a 400.
  expect((await answer(await s.api.post("batch-shipments", { data: { shipments: [{ order_id: b.id, tracking_number: "2" }] } }))).body).toMatchObject({ added: 1 });
  expect(await answer(await s.api.post("batch-shipments", { data: [] }))).toMatchObject({ status: 400, body: { status: "error" } });
  expect(await answer(await s.api.post("batch-shipments", { data: { order_id: a.id } }))).toMatchObject({ status: 400, body: { status: "error" } });
  await s.dispose();
});
