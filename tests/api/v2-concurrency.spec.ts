import { expect, test } from "@playwright/test";
import { answer, newStoreWithKey } from "./v2-client";

test("duplicate storm: 50 concurrent POSTs of one source_id make exactly one order; the other 49 point at it", async ({ playwright, baseURL }) => {
  const s = await newStoreWithKey(playwright, baseURL!, "storm");
  const order = { source_name: "Storm Cart", source_id: "STORM-1", email: "storm@example.test", order_items: [{ name: "Mug", price: "5", quantity: 2 }] };
  const started = Date.now();
  const answers = await Promise.all(Array.from({ length: 50 }, () => s.api.post("orders", { data: order }).then(answer)));
  const elapsed = Date.now() - started;

  const created = answers.filter((a) => a.status === 201);
  const duplicates = answers.filter((a) => a.status === 409);
  expect(created).toHaveLength(1);
  expect(duplicates).toHaveLength(49);
  const id = created[0]!.body.order.id as string;
  for (const duplicate of duplicates) {
    expect(duplicate.body).toMatchObject({ status: "error", field: "source_id", id });
    expect(duplicate.body.message).toContain(`(order ${id})`);
  }
  const listed = (await answer(await s.api.get("orders?source_id=STORM-1"))).body;
  expect(listed).toMatchObject({ total_records: 1, orders: [{ id, quantity_total: 2 }] });
  console.log(`duplicate storm: 50 concurrent POSTs answered in ${elapsed} ms (1 x 201, 49 x 409)`);
  await s.dispose();
});

test("rate limit: X-Tokens-Remaining on every answer, then 429 with X-Retry-After", async ({ playwright, baseURL }) => {
  const s = await newStoreWithKey(playwright, baseURL!, "limited");
  const first = await s.api.get("test");
  const remaining = Number(first.headers()["x-tokens-remaining"]);
  expect(remaining).toBeGreaterThan(0);
  const second = await s.api.get("test");
  // Counts down (a refill between the two may give one back, never more).
  expect(Number(second.headers()["x-tokens-remaining"])).toBeLessThanOrEqual(remaining);

  // More than the bucket holds, at once: the excess is refused, and says when to come back.
  const burst = await Promise.all(Array.from({ length: remaining + 30 }, () => s.api.get("test")));
  const refused = burst.filter((r) => r.status() === 429);
  expect(refused.length).toBeGreaterThanOrEqual(10);
  const tooMany = refused[0]!;
  expect(tooMany.headers()["x-tokens-remaining"]).toBe("0");
  expect(Number(tooMany.headers()["x-retry-after"])).toBeGreaterThanOrEqual(1);
  expect(await tooMany.json()).toMatchObject({ status: "error", message: expect.stringContaining("Rate limit exceeded") });
  for (const res of burst) expect(res.headers()["x-tokens-remaining"]).toMatch(/^\d+$/);
  console.log(`rate limit: ${burst.length} concurrent requests with ${remaining} tokens left: ${burst.length - refused.length} x 200, ${refused.length} x 429, X-Retry-After ${tooMany.headers()["x-retry-after"]} s`);

  // Another store's bucket is its own.
  const other = await newStoreWithKey(playwright, baseURL!, "unlimited");
  expect((await other.api.get("test")).status()).toBe(200);

  // The bucket refills: after the advertised wait, a request fits again.
  await new Promise((r) => setTimeout(r, Number(tooMany.headers()["x-retry-after"]) * 1000 + 100));
  expect((await s.api.get("test")).status()).toBe(200);
  await Promise.all([s.dispose(), other.dispose()]);
});
