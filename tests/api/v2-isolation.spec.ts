import { expect, test, type APIResponse } from "@playwright/test";
import { answer, newStoreWithKey, trpc } from "./v2-client";

/** An answer without its timing, to compare "B's order" with "no such order" byte for byte. */
async function comparable(res: APIResponse) {
  const { execution_time: _t, ...body } = await res.json();
  return { status: res.status(), body };
}

test("store A's key cannot read, change or even detect store B's orders", async ({ playwright, baseURL }) => {
  const a = await newStoreWithKey(playwright, baseURL!, "store-a");
  const b = await newStoreWithKey(playwright, baseURL!, "store-b");
  const created = await answer(
    await b.api.post("orders", {
      data: { source_id: "B-SECRET", email: "b@example.test", order_items: [{ name: "B item", price: "3" }], order_shipments: [{ tracking_number: "B-TRACK" }] },
    }),
  );
  const bOrder = created.body.order;
  const bItem = bOrder.order_items[0].id as string;
  const bShipment = bOrder.order_shipments[0].id as string;
  const bFolder = Object.keys((await answer(await b.api.get("store"))).body.store.folders)[0]!;
  const before = (await answer(await b.api.get(`orders/${bOrder.id}`))).body.order;

  // Each attempt on B's rows answers exactly what the same attempt on a row that does not exist answers.
  const missing = "999999999";
  const attempts: [string, (id: string) => Promise<APIResponse>][] = [
    ["GET order", (id) => a.api.get(`orders/${id}`)],
    ["PUT order", (id) => a.api.put(`orders/${id}`, { data: { email: "hijacked@example.test" } })],
    ["DELETE order", (id) => a.api.delete(`orders/${id}`)],
    ["GET items", (id) => a.api.get(`orders/${id}/order-items`)],
    ["POST item", (id) => a.api.post(`orders/${id}/order-items`, { data: { name: "Hijack", price: "1" } })],
    ["GET item", (id) => a.api.get(`orders/${id}/order-items/${bItem}`)],
    ["PUT item", (id) => a.api.put(`orders/${id}/order-items/${bItem}`, { data: { name: "Hijack" } })],
    ["DELETE item", (id) => a.api.delete(`orders/${id}/order-items/${bItem}`)],
    ["GET shipments", (id) => a.api.get(`orders/${id}/shipments`)],
    ["POST shipment", (id) => a.api.post(`orders/${id}/shipments`, { data: { tracking_number: "HIJACK" } })],
    ["GET shipment", (id) => a.api.get(`orders/${id}/shipments/${bShipment}`)],
    ["PUT shipment", (id) => a.api.put(`orders/${id}/shipments/${bShipment}`, { data: { tracking_number: "HIJACK" } })],
    ["DELETE shipment", (id) => a.api.delete(`orders/${id}/shipments/${bShipment}`)],
    ["POST history", (id) => a.api.post(`orders/${id}/order-history`, { data: { note: "hijacked" } })],
    ["move", (id) => a.api.post("move-orders", { data: { order_id: id, destination_folder_name: "Closed" } })],
  ];
  for (const [label, attempt] of attempts) {
    const onB = await comparable(await attempt(bOrder.id));
    const onMissing = await comparable(await attempt(missing));
    expect(onB.status, label).toBe(404);
    expect(onB, label).toEqual(onMissing);
  }
  const batch = await answer(await a.api.post("batch-shipments", { data: [{ order_id: bOrder.id, tracking_number: "HIJACK" }, { order_id: missing, tracking_number: "HIJACK" }] }));
  expect(batch.body.results.map((r: { status: string; message: string }) => [r.status, r.message])).toEqual([
    ["error", "Order not found."],
    ["error", "Order not found."],
  ]);

  // Filters that name B's folder or source id find nothing, the same as for nothing at all.
  expect((await answer(await a.api.get(`orders?folder_id=${bFolder}`))).body).toMatchObject({ total_records: 0, orders: [] });
  expect((await answer(await a.api.get("orders?source_id=B-SECRET"))).body).toMatchObject({ total_records: 0, orders: [] });
  // B's folder cannot be used as A's, and B's source id is free in A (no conflict reveals it).
  expect((await answer(await a.api.post("orders", { data: { source_id: "A-1", folder_id: Number(bFolder) } }))).body).toMatchObject({ status: "error", field: "folder_id" });
  expect((await answer(await a.api.post("orders", { data: { source_id: "B-SECRET" } }))).status).toBe(201);

  // B's order is exactly as it was.
  expect((await answer(await b.api.get(`orders/${bOrder.id}`))).body.order).toEqual(before);
  expect((await answer(await b.api.get("orders"))).body.total_records).toBe(1);
  await Promise.all([a.dispose(), b.dispose()]);
});

test("wrong, foreign and revoked keys are refused with 401", async ({ playwright, baseURL }) => {
  const a = await newStoreWithKey(playwright, baseURL!, "keys-a");
  const b = await newStoreWithKey(playwright, baseURL!, "keys-b");
  const refusals = [
    await a.clientWith(`${a.key}x`),
    await a.clientWith(b.key),
    await a.clientWith(a.key, b.storeId),
    await a.clientWith(""),
  ];
  for (const client of refusals) {
    const res = await answer(await client.get("orders"));
    expect(res.status).toBe(401);
    expect(res.body.status).toBe("error");
    expect(res.headers["x-tokens-remaining"]).toBeUndefined();
  }
  const noHeaders = await answer(await a.owner.get("/api/v2/test"));
  expect(noHeaders).toMatchObject({ status: 401, body: { status: "error", message: expect.stringContaining("ORDERDESK-API-KEY") } });

  expect((await a.api.get("test")).status()).toBe(200);
  await trpc(a.owner, "apiKey.revoke", { storeId: a.storeId, keyId: a.keyId });
  expect(await answer(await a.api.get("test"))).toMatchObject({ status: 401, body: { status: "error", message: "This API key has been revoked." } });
  await Promise.all([a.dispose(), b.dispose()]);
});
