import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { countOrdersByFolder, listOrders } from "@/server/orders/read";
import type { StoreScope } from "@/server/scope";
import { percentile, round, timeEach } from "./stats";

/**
 * Fills one store with `count` orders (one item each) straight in SQL, spread over a year and over
 * the store's folders, with a second store beside it so every query has to filter by store.
 */
export async function seedOrders(db: Database, storeId: number, otherStoreId: number, count: number) {
  const started = performance.now();
  for (const [store, n] of [[storeId, count], [otherStoreId, Math.round(count / 10)]] as const) {
    await db.execute(sql`
      insert into orders (store_id, folder_id, source_name, source_id, email, search_name, product_total, order_total, quantity_total, tags, date_added, date_updated)
      select ${store},
             (select id from folders where store_id = ${store} order by position offset (g % 4) limit 1),
             case when g % 3 = 0 then 'Shopify' else 'WooCommerce' end,
             'src-' || g,
             'customer' || g || '@example.test',
             'first' || (g % 100000) || ' last' || g,
             ((g % 500) || '.99')::numeric, ((g % 500 + 5) || '.99')::numeric, 1,
             case when g % 50 = 0 then array['vip'] else '{}'::text[] end,
             now() - (g % 525600) * interval '1 minute',
             now() - (g % 525600) * interval '1 minute'
      from generate_series(1, ${n}) g`);
    await db.execute(sql`
      insert into order_items (order_id, store_id, name, code, price, quantity)
      select id, store_id, 'Item', 'SKU-' || (id % 5000), '9.99', 1 from orders where store_id = ${store}`);
  }
  await db.execute(sql`analyze`);
  return (performance.now() - started) / 1000;
}

export async function measureListSearch(scope: StoreScope, iterations: number) {
  const [{ id: firstFolder } = { id: 0 }] = (await scope.db.execute(
    sql`select id from folders where store_id = ${scope.storeId} order by position limit 1`,
  )) as unknown as { id: number }[];
  const page1 = await listOrders(scope, { folderIds: [firstFolder], limit: 50 });
  const deepCursor = await (async () => {
    let cursor = page1.nextCursor;
    for (let i = 0; i < 20 && cursor; i++) cursor = (await listOrders(scope, { folderIds: [firstFolder], limit: 50, cursor })).nextCursor;
    return cursor;
  })();
  const cases: [string, (i: number) => Promise<unknown>][] = [
    ["list folder, first page (50)", () => listOrders(scope, { folderIds: [firstFolder], limit: 50 })],
    ["list folder, page 21 (keyset)", () => listOrders(scope, { folderIds: [firstFolder], limit: 50, cursor: deepCursor })],
    ["list all, sort by date_updated asc", () => listOrders(scope, { sort: "date_updated", direction: "asc", limit: 50 })],
    ["search order id", (i) => listOrders(scope, { search: String(100001 + ((i * 7919) % 900000)) })],
    ["search source id", (i) => listOrders(scope, { search: `src-${1 + ((i * 7919) % 900000)}` })],
    ["search email prefix", (i) => listOrders(scope, { search: `customer${1 + ((i * 7919) % 900000)}@` })],
    ["search name prefix", (i) => listOrders(scope, { search: `first${(i * 31) % 100000} ` })],
    ["search SKU", (i) => listOrders(scope, { search: `sku-${(i * 13) % 5000}` })],
    ["filter tag + date range", () => listOrders(scope, { tag: "vip", addedFrom: new Date(Date.now() - 30 * 86400_000) })],
    ["folder counts (sidebar)", () => countOrdersByFolder(scope)],
    ["list all + total_records", () => listOrders(scope, { limit: 50 }, { withTotal: true })],
  ];
  const rows = [];
  for (const [name, fn] of cases) {
    await fn(0); // warm
    const samples = await timeEach(iterations, fn);
    rows.push({ query: name, p50_ms: round(percentile(samples, 50), 2), p95_ms: round(percentile(samples, 95), 2), max_ms: round(Math.max(...samples), 2) });
  }
  return rows;
}
