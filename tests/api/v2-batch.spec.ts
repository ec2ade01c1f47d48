import { expect, test } from "@playwright/test";
import { answer, newStoreWithKey } from "./v2-client";

test("POST /orders with an array creates each new order once, in one call, and reports repeats per order", async ({ playwright, baseURL }) => {
  const s = await newStoreWithKey(playwright, baseURL!, "batch");
  const order = (id: string) => ({ source_name: "Batch Cart", source_id: id, email: `${id}@example.test`, order_items: [{ name: "Mug", price: "5", quantity: 1 }] });
  expect((await answer(await s.api.post("orders", { data: order("B-0") }))).status).toBe(201);

  const batch = await answer(await s.api.post("orders", { data: [order("B-1"), order("B-0"), order("B-2"), order("B-1")] }));
  expect(batch.status).toBe(201);
  expect(batch.body.status).toBe("success");
  expect(batch.body.message).toBe("2 orders created, 2 already existed.");
  expect(batch.body.results.map((r: { created: boolean }) => r.created)).toEqual([true, false, true, false]);
  expect(batch.body.results[3].id).toBe(batch.body.results[0].id);

  const listed = (await answer(await s.api.get("orders?source_name=Batch%20Cart&limit=10"))).body;
  expect(listed.total_records).toBe(3);

  // One invalid order refuses the batch, naming it by index; nothing is written.
  const refused = await answer(await s.api.post("orders", { data: [order("B-3"), { ...order("B-4"), order_items: [{ quantity: -1 }] }] }));
  expect(refused.status).toBe(400);
  expect(refused.body.status).toBe("error");
  expect(refused.body.message).toContain("1.order_items.0.quantity");
  expect((await answer(await s.api.get("orders?source_name=Batch%20Cart&limit=10"))).body.total_records).toBe(3);
  await s.dispose();
});
