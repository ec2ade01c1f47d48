import { expect, test } from "@playwright/test";
import { answer, newStoreWithKey } from "./v2-client";

test("inventory items: create, list, read, update, delete, batch upsert by SKU", async ({ playwright, baseURL }) => {
  const s = await newStoreWithKey(playwright, baseURL!, "inventory");
  const created = await answer(
    await s.api.post("inventory-items", { data: { name: "Crazy Glue", code: "crzyg-554", price: "10", cost: 4.5, weight: "1", stock: "12", location: "A-1", metadata: [] } }),
  );
  expect(created.status).toBe(201);
  expect(created.body.inventory_item).toMatchObject({ name: "Crazy Glue", code: "crzyg-554", price: "10", cost: "4.5", weight: 1, stock: 12, location: "A-1", metadata: {} });
  const id = created.body.inventory_item.id as string;
  expect((await answer(await s.api.post("inventory-items", { data: { code: "CRZYG-554" } }))).body).toMatchObject({ status: "error", field: "code" });
  expect((await answer(await s.api.post("inventory-items", { data: { code: "X", stock: -1 } }))).body).toMatchObject({ status: "error", field: "stock" });

  expect((await answer(await s.api.get(`inventory-items/${id}`))).body.inventory_item).toMatchObject({ id, code: "crzyg-554" });
  const updated = await answer(await s.api.put(`inventory-items/${id}`, { data: { stock: 7, location: "B-2" } }));
  expect(updated.body.inventory_item).toMatchObject({ stock: 7, location: "B-2", name: "Crazy Glue" });

  const batch = await answer(
    await s.api.put("batch-inventory-items", {
      data: [
        { code: "CRZYG-554", stock: 20 },
        { code: "mug-1", name: "Mug", price: "8" },
        { code: "bad", stock: "many" },
      ],
    }),
  );
  expect(batch.status).toBe(200);
  expect(batch.body).toMatchObject({ status: "success", saved: 2, failed: 1 });
  expect(batch.body.results).toEqual([
    expect.objectContaining({ index: 0, status: "success", action: "updated", inventory_item: expect.objectContaining({ id, stock: 20 }) }),
    expect.objectContaining({ index: 1, status: "success", action: "created" }),
    expect.objectContaining({ index: 2, status: "error", message: expect.stringMatching(/^stock: /) }),
  ]);

  const list = await answer(await s.api.get("inventory-items?limit=1&offset=1"));
  expect(list.body).toMatchObject({ status: "success", total_records: 2, records_returned: 1, offset: 1, limit: 1, inventory_items: [{ code: "mug-1" }] });
  expect((await answer(await s.api.get("inventory-items?code=MUG-1"))).body.inventory_items).toEqual([expect.objectContaining({ code: "mug-1" })]);
  expect((await answer(await s.api.get("inventory-items?search=craz"))).body.inventory_items).toEqual([expect.objectContaining({ id })]);
  expect((await answer(await s.api.get("inventory-items?sku=x"))).body).toMatchObject({ status: "error", field: "sku" });

  expect((await answer(await s.api.delete(`inventory-items/${id}`))).body).toMatchObject({ status: "success" });
  expect(await answer(await s.api.get(`inventory-items/${id}`))).toMatchObject({ status: 404, body: { message: "Inventory item not found." } });

  // Another store's key neither sees nor reaches these items.
  const other = await newStoreWithKey(playwright, baseURL!, "inventory-other");
  const mug = list.body.inventory_items[0].id as string;
  const theirs = await answer(await other.api.get(`inventory-items/${mug}`));
  const missing = await answer(await other.api.get("inventory-items/999999999"));
  expect(theirs.status).toBe(404);
  expect(theirs.body.message).toBe(missing.body.message);
  expect((await answer(await other.api.put(`inventory-items/${mug}`, { data: { stock: 0 } }))).status).toBe(404);
  expect((await answer(await other.api.delete(`inventory-items/${mug}`))).status).toBe(404);
  expect((await answer(await other.api.get("inventory-items"))).body.total_records).toBe(0);
  expect((await answer(await s.api.get(`inventory-items/${mug}`))).body.inventory_item).toMatchObject({ code: "mug-1", name: "Mug" });
  await Promise.all([s.dispose(), other.dispose()]);
});
