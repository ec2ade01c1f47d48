import { expect, test } from "@playwright/test";
import { answer, newStoreWithKey, sampleOrder, trpcQuery } from "./v2-client";

const DATE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

test("the published Order Desk sample order posts and reads back with the same field values", async ({ playwright, baseURL }) => {
  const s = await newStoreWithKey(playwright, baseURL!, "sample");
  const sample = sampleOrder();
  const created = await answer(await s.api.post("orders", { data: sample }));
  expect(created.status).toBe(201);
  expect(created.body).toMatchObject({ status: "success", message: "Order created." });
  expect(created.body.execution_time).toMatch(/^\d+\.\d{4} seconds$/);
  const id = created.body.order.id as string;

  const read = await answer(await s.api.get(`orders/${id}`));
  expect(read.status).toBe(200);
  const order = read.body.order;

  // Assigned by the server: ids, date_updated, the folder (the sample's folder 1 is not this
  // store's), the dates of notes and shipments, and the tracking URL derived from the UPS number.
  // Every other field must come back as sent.
  type Rows = Record<string, unknown>[];
  const { id: _id, date_updated: _updated, order_notes, order_items, order_shipments, ...fields } = sample as Record<string, unknown> & {
    order_notes: Rows;
    order_items: Rows;
    order_shipments: Rows;
  };
  const expected = {
    ...fields,
    order_notes: order_notes.map(({ date_added: _d, ...note }) => note),
    order_items: order_items.map(({ id: _i, ...item }) => item),
    order_shipments: order_shipments.map(
      ({ id: _i, order_id: _o, store_id: _s, date_added: _d, tracking_url: _u, ...shipment }) => shipment,
    ),
  };
  expect(order).toMatchObject(expected);
  expect(order).toMatchObject({
    id,
    folder_name: "New",
    date_added: "2014-10-08 12:10:00",
    source_name: "Order Desk",
    source_id: "412218073",
    email_count: "3",
    order_total: 21.17,
  });
  expect(order.date_updated).toMatch(DATE);
  expect(order.order_shipments[0]).toMatchObject({
    order_id: id,
    store_id: String(s.storeId),
    tracking_url: "https://www.ups.com/track?tracknum=1Z132456789",
  });
  expect(order.order_shipments[0].date_added).toMatch(DATE);
  expect(order.order_notes[0].date_added).toMatch(DATE);
  await s.dispose();
});

test("GET|POST /test, GET /store and the OpenAPI document", async ({ playwright, baseURL, request }) => {
  const s = await newStoreWithKey(playwright, baseURL!, "store");
  for (const res of [await s.api.get("test"), await s.api.post("test")]) {
    const { status, body, headers } = await answer(res);
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: "success", message: "Connection Successful" });
    expect(body.current_date_time).toMatch(DATE);
    expect(Number(headers["x-tokens-remaining"])).toBeGreaterThanOrEqual(0);
  }

  const folders = await trpcQuery(s.owner, "folder.list", { storeId: s.storeId });
  const store = await answer(await s.api.get("store"));
  expect(store.status).toBe(200);
  expect(store.body.store).toMatchObject({
    id: String(s.storeId),
    settings: { timezone: "UTC", currency: "USD" },
    folders: Object.fromEntries((folders as { id: number; name: string }[]).map((f) => [String(f.id), f.name])),
  });
  expect(Object.values(store.body.store.folders)).toEqual(["New", "Prepared", "Closed", "Canceled"]);

  const doc = await answer(await request.get("/api/v2/openapi.json"));
  expect(doc.status).toBe(200);
  expect(doc.body.openapi).toBe("3.1.0");
  expect(Object.keys(doc.body.paths)).toEqual(
    expect.arrayContaining(["/test", "/store", "/orders", "/orders/{orderId}", "/orders/{orderId}/order-items/{itemId}", "/orders/{orderId}/shipments/{shipmentId}", "/batch-shipments", "/orders/{orderId}/order-history", "/move-orders"]),
  );
  // Generated from the very schemas that validate: the order input refuses unknown fields and
  // accepts numbers as strings, exactly as the endpoint does.
  const orderInput = doc.body.components.schemas.OrderInput;
  expect(orderInput.additionalProperties).toBe(false);
  expect(orderInput.properties.order_total.type).toEqual(["string", "number"]);
  expect(doc.body.paths["/orders"].get.parameters.map((p: { name: string }) => p.name)).toEqual(
    expect.arrayContaining(["limit", "offset", "order_by", "order", "folder_id", "folder_name", "source_id", "source_name", "email", "search_start_date", "modified_end_date"]),
  );
  await s.dispose();
});

test("GET /orders pages, sorts and filters like Order Desk", async ({ playwright, baseURL }) => {
  const s = await newStoreWithKey(playwright, baseURL!, "list");
  const store = await answer(await s.api.get("store"));
  const folderId = Object.fromEntries(Object.entries(store.body.store.folders as Record<string, string>).map(([id, name]) => [name, Number(id)]));

  const make = async (n: number, extra: Record<string, unknown>) => {
    const res = await answer(
      await s.api.post("orders", {
        data: { source_id: `L-${n}`, email: `buyer${n}@example.test`, date_added: `2024-01-0${n} 10:00:00`, order_items: [{ name: "Mug", price: "5", quantity: n }], ...extra },
      }),
    );
    expect(res.status).toBe(201);
    return res.body.order.id as string;
  };
  const ids = [
    await make(1, {}),
    await make(2, { source_name: "Shopify" }),
    await make(3, { folder_name: "Prepared" }),
    await make(4, { folder_id: folderId.Closed, source_name: "Shopify" }),
    await make(5, { email: "Buyer1@Example.test" }),
  ];

  const list = async (query: string) => {
    const res = await answer(await s.api.get(`orders${query}`));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };
  const idsOf = (body: { orders: { id: string }[] }) => body.orders.map((o) => o.id);

  const all = await list("");
  expect(all).toMatchObject({ status: "success", total_records: 5, records_returned: 5, offset: 0, limit: 50 });
  expect(idsOf(all)).toEqual([...ids].reverse());
  expect(all.orders[0].order_items[0]).toMatchObject({ name: "Mug", quantity: 5 });

  expect(await list("?limit=2&offset=1&order=asc")).toMatchObject({ total_records: 5, records_returned: 2, offset: 1, limit: 2 });
  expect(idsOf(await list("?limit=2&offset=1&order=asc"))).toEqual([ids[1], ids[2]]);
  expect(idsOf(await list(`?folder_id=${folderId.Prepared},${folderId.Closed}&order=asc`))).toEqual([ids[2], ids[3]]);
  expect(idsOf(await list("?folder_name=prepared"))).toEqual([ids[2]]);
  expect(idsOf(await list("?folder_name=No%20such%20folder"))).toEqual([]);
  expect(idsOf(await list("?source_name=Shopify&order=asc"))).toEqual([ids[1], ids[3]]);
  expect(idsOf(await list("?source_id=L-3"))).toEqual([ids[2]]);
  expect(idsOf(await list("?email=buyer1@example.test&order=asc"))).toEqual([ids[0], ids[4]]);
  expect(idsOf(await list("?search_start_date=2024-01-02%2000:00:00&search_end_date=2024-01-04%2012:00:00&order=asc"))).toEqual([ids[1], ids[2], ids[3]]);

  await new Promise((r) => setTimeout(r, 1100));
  const since = new Date().toISOString().replace("T", " ").slice(0, 19);
  await new Promise((r) => setTimeout(r, 1100));
  expect((await answer(await s.api.put(`orders/${ids[0]}`, { data: { email: "changed@example.test" } }))).status).toBe(200);
  expect(idsOf(await list(`?modified_start_date=${encodeURIComponent(since)}`))).toEqual([ids[0]]);
  expect(idsOf(await list("?order_by=date_updated&order=desc&limit=1"))).toEqual([ids[0]]);
  expect(idsOf(await list(`?modified_end_date=${encodeURIComponent(since)}&order=asc`))).toEqual(ids.slice(1));

  for (const [query, field] of [
    ["?limit=501", "limit"],
    ["?order_by=total", "order_by"],
    ["?search_start_date=yesterday", "search_start_date"],
    ["?customer=1", "customer"],
  ] as const) {
    const res = await answer(await s.api.get(`orders${query}`));
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ status: "error", field });
    expect(res.body.message).toMatch(new RegExp(`^${field}: `));
  }
  await s.dispose();
});

test("PUT and DELETE /orders/{id}, order history and moving orders", async ({ playwright, baseURL }) => {
  const s = await newStoreWithKey(playwright, baseURL!, "edit");
  const store = await answer(await s.api.get("store"));
  const folderId = Object.fromEntries(Object.entries(store.body.store.folders as Record<string, string>).map(([id, name]) => [name, Number(id)]));
  const post = async (data: Record<string, unknown>) => (await answer(await s.api.post("orders", { data }))).body.order;
  const order = await post({ source_id: "E-1", email: "old@example.test", shipping: { first_name: "Ann", city: "Oslo" }, order_items: [{ name: "Cap", price: "12.50" }] });

  // Sent fields replace theirs; fields left out keep their value; folder_name moves it.
  const put = await answer(await s.api.put(`orders/${order.id}`, { data: { email: "new@example.test", shipping: { first_name: "Bo" }, folder_name: "Prepared" } }));
  expect(put.status).toBe(200);
  expect(put.body).toMatchObject({ status: "success", message: "Order updated." });
  expect(put.body.order).toMatchObject({ email: "new@example.test", shipping: { first_name: "Bo" }, folder_name: "Prepared", source_id: "E-1", order_total: 12.5 });
  expect(put.body.order.shipping.city).toBeUndefined();

  // A record read with GET can be sent back as is (its items, ids and dates are left alone).
  const echoed = { ...put.body.order, payment_status: "Captured" };
  const echo = await answer(await s.api.put(`orders/${order.id}`, { data: echoed }));
  expect(echo.status, JSON.stringify(echo.body)).toBe(200);
  expect(echo.body.order).toMatchObject({ payment_status: "Captured", order_items: [{ name: "Cap" }], folder_name: "Prepared" });
  expect((await answer(await s.api.put(`orders/${order.id}`, { data: { folder_id: 999999 } }))).body).toMatchObject({ status: "error", field: "folder_id" });

  const note = await answer(await s.api.post(`orders/${order.id}/order-history`, { data: { note: "Customer called", source_name: "Help desk" } }));
  expect(note.status).toBe(201);
  expect(note.body).toMatchObject({ status: "success" });
  const noted = (await answer(await s.api.get(`orders/${order.id}`))).body.order;
  expect(noted.order_notes).toEqual([expect.objectContaining({ username: "Help desk", content: "Customer called" })]);
  const history = await trpcQuery(s.owner, "order.history", { storeId: s.storeId, orderId: Number(order.id) });
  expect((history as { message: string; actorLabel: string }[]).map((h) => h.message)).toEqual(
    expect.arrayContaining(["Order created via the REST API", "Note added", "Moved to folder Prepared"]),
  );
  expect((history as { actorLabel: string }[])[0]!.actorLabel).toBe('API key "edit key"');

  const second = await post({ source_id: "E-2" });
  const third = await post({ source_id: "E-3" });
  const moved = await answer(await s.api.post("move-orders", { data: { order_id_list: `${order.id},${second.id}`, destination_folder_name: "Closed" } }));
  expect(moved.status).toBe(200);
  expect(moved.body).toMatchObject({ status: "success", moved: 2, folder_id: folderId.Closed });
  const movedOne = await answer(await s.api.post("move-orders", { data: { order_id: Number(third.id), destination_folder_id: String(folderId.Canceled) } }));
  expect(movedOne.body).toMatchObject({ status: "success", moved: 1 });
  const inClosed = (await answer(await s.api.get(`orders?folder_id=${folderId.Closed}`))).body.orders.map((o: { id: string }) => o.id);
  expect(inClosed.sort()).toEqual([order.id, second.id].sort());
  const badFolder = await answer(await s.api.post("move-orders", { data: { order_id_list: [order.id], destination_folder_name: "Nowhere" } }));
  expect(badFolder.status).toBe(400);
  expect(badFolder.body).toMatchObject({ status: "error", field: "destination_folder_name" });
  const nothingSent = await answer(await s.api.post("move-orders", { data: { destination_folder_id: folderId.New } }));
  expect(nothingSent.body).toMatchObject({ status: "error", field: "order_id" });

  const deleted = await answer(await s.api.delete(`orders/${second.id}`));
  expect(deleted).toMatchObject({ status: 200, body: { status: "success", message: "Order deleted." } });
  const gone = await answer(await s.api.get(`orders/${second.id}`));
  expect(gone).toMatchObject({ status: 404, body: { status: "error", message: "Order not found." } });
  expect((await answer(await s.api.delete(`orders/${second.id}`))).status).toBe(404);
  expect((await answer(await s.api.get("orders/not-a-number"))).status).toBe(404);
  await s.dispose();
});
