import postgres from "postgres";
import { sampleOrder } from "./orders";

/**
 * The baseline: the same orders written with batched multi-row INSERTs straight into the tables
 * (orders + items), no validation, no idempotency, no history or outbox. What the database can do.
 */
export async function rawBatchedInsert(url: string, storeId: number, folderId: number, count: number, runTag: string, batch = 500) {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const started = performance.now();
  try {
    for (let from = 0; from < count; from += batch) {
      const orders = Array.from({ length: Math.min(batch, count - from) }, (_, k) => sampleOrder(from + k, runTag));
      await sql.begin(async (tx) => {
        const rows = await tx`
          insert into orders ${tx(
            orders.map((o) => ({
              store_id: storeId,
              folder_id: folderId,
              source_name: o.source_name,
              source_id: o.source_id,
              email: o.email,
              shipping_method: o.shipping_method,
              shipping_total: o.shipping_total,
              tax_total: o.tax_total,
              product_total: "49.48",
              order_total: "55.63",
              quantity_total: 3,
              payment_type: o.payment_type,
              payment_status: o.payment_status,
              shipping: sql.json(o.shipping),
              customer: sql.json(o.customer),
              checkout_data: sql.json(o.checkout_data),
              search_name: `pat ${o.shipping.last_name.toLowerCase()}`,
            })),
          )} returning id`;
        await tx`
          insert into order_items ${tx(
            rows.flatMap((row, k) =>
              orders[k]!.order_items.map((item, position) => ({
                order_id: row.id,
                store_id: storeId,
                position,
                name: item.name,
                code: item.code,
                price: item.price,
                quantity: item.quantity,
                weight: item.weight,
                category_code: item.category_code,
              })),
            ),
          )}`;
      });
    }
    return (performance.now() - started) / 1000;
  } finally {
    await sql.end();
  }
}
