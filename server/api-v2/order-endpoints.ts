import { and, eq, sql } from "drizzle-orm";
import { folders } from "@/db/schema";
import { DomainError } from "@/server/errors";
import { ingestOrder, ingestOrders, resolveFolder } from "@/server/orders/ingest";
import { getOrderRecord, listOrders, serializeOrder } from "@/server/orders/read";
import { addOrderNote, deleteOrders, moveOrdersToFolder, updateOrder } from "@/server/orders/service";
import type { StoreScope } from "@/server/scope";
import type { ApiContext, ApiResult } from "./http";
import { pathId } from "./ids";
import { loadOrderRecords } from "./order-records";
import { ApiError } from "./responses";
import { createOrderBody, createOrdersBatchBody, listOrdersQuery, moveOrdersBody, orderHistoryBody, queryObject, updateOrderBody } from "./schemas";

type OrderParams = { orderId: string };

export const readOrder = async (scope: StoreScope, orderId: number) => serializeOrder(await getOrderRecord(scope, orderId));

/** Folder ids named `name` in this store (case-insensitive); none means no order can match. */
async function folderIdsNamed(scope: StoreScope, name: string) {
  const rows = await scope.db
    .select({ id: folders.id })
    .from(folders)
    .where(and(eq(folders.storeId, scope.storeId), sql`lower(${folders.name}) = lower(${name})`));
  return rows.map((r) => r.id);
}

/** GET /orders: Order Desk's filters and paging; full order records. */
export async function listOrdersEndpoint({ scope, url }: ApiContext<Record<string, never>>): Promise<ApiResult> {
  const q = listOrdersQuery.parse(queryObject(url));
  let folderIds = q.folder_id;
  if (q.folder_name !== undefined) {
    const named = await folderIdsNamed(scope, q.folder_name);
    folderIds = folderIds ? folderIds.filter((id) => named.includes(id)) : named;
  }
  const page = { total_records: 0, records_returned: 0, offset: q.offset, limit: q.limit };
  if (folderIds && folderIds.length === 0) return { message: "No orders found.", ...page, orders: [] };

  const { orders, total = 0 } = await listOrders(
    scope,
    {
      folderIds,
      sourceId: q.source_id,
      sourceName: q.source_name,
      email: q.email,
      addedFrom: q.search_start_date,
      addedTo: q.search_end_date,
      modifiedFrom: q.modified_start_date,
      modifiedTo: q.modified_end_date,
      sort: q.order_by,
      direction: q.order,
      limit: q.limit,
      offset: q.offset,
    },
    { withTotal: true },
  );
  const records = await loadOrderRecords(scope, orders.map((o) => o.id));
  return {
    message: `${total} order${total === 1 ? "" : "s"} found.`,
    ...page,
    total_records: total,
    records_returned: records.length,
    orders: records.map(serializeOrder),
  };
}

/**
 * POST /orders: through the one ingest door. A repeat of (source_name, source_id) is refused
 * with 409 and the existing order's id, as Order Desk rejects a duplicate source order; nothing
 * is written, also when many copies race.
 */
export async function createOrderEndpoint({ scope, json }: ApiContext<Record<string, never>>): Promise<ApiResult> {
  const body = await json();
  if (Array.isArray(body)) return createOrdersBatch(scope, body);
  const input = createOrderBody.parse(body);
  const result = await ingestOrder(scope, input, { via: "Order created via the REST API" });
  if (!result.created) {
    const existing = await readOrder(scope, result.orderId);
    throw new ApiError(
      409,
      `source_id: An order from source "${existing.source_name}" with source_id "${existing.source_id}" already exists (order ${existing.id}); it was not created again.`,
      { field: "source_id", id: existing.id },
    );
  }
  return { httpStatus: 201, message: "Order created.", order: await readOrder(scope, result.orderId) };
}

/**
 * POST /orders with an array (a Switchyard extension): up to 500 orders through the same door in
 * one transaction. Every order is validated first; one invalid order refuses the whole batch,
 * naming it by index. Repeats of existing source ids are reported per order, not refused.
 */
async function createOrdersBatch(scope: StoreScope, body: unknown[]): Promise<ApiResult> {
  const inputs = createOrdersBatchBody.parse(body);
  const results = await ingestOrders(scope, inputs, { via: "Order created via the REST API (batch)" });
  const created = results.filter((r) => r.created).length;
  return {
    httpStatus: created > 0 ? 201 : 200,
    message: `${created} order${created === 1 ? "" : "s"} created, ${results.length - created} already existed.`,
    results: results.map((r, index) => ({ index, id: String(r.orderId), created: r.created })),
  };
}

export async function getOrderEndpoint({ scope, params }: ApiContext<OrderParams>): Promise<ApiResult> {
  return { message: "Order found.", order: await readOrder(scope, pathId(params.orderId, "Order")) };
}

/** PUT /orders/{id}: the order-level fields sent replace theirs (others keep their value); a folder change moves it. */
export async function updateOrderEndpoint({ scope, params, json }: ApiContext<OrderParams>): Promise<ApiResult> {
  const orderId = pathId(params.orderId, "Order");
  const body = updateOrderBody.parse(await json());
  const {
    folder_id,
    folder_name,
    parent_order_id: _p,
    copied_from_order_id: _c,
    date_added: _d,
    order_items: _i,
    order_shipments: _s,
    order_notes: _n,
    ...patch
  } = body;
  const wantsFolder = folder_id !== undefined || folder_name !== undefined;
  // Resolve the folder before changing anything, so a bad folder leaves the order untouched.
  const folderId = wantsFolder ? await resolveFolder(scope.db, scope.storeId, { folder_id, folder_name }) : undefined;
  const { changed } = await updateOrder(scope, orderId, patch);
  const moved = folderId === undefined ? 0 : (await moveOrdersToFolder(scope, [orderId], { folder_id: folderId })).moved;
  return { message: changed || moved ? "Order updated." : "Nothing to change.", order: await readOrder(scope, orderId) };
}

export async function deleteOrderEndpoint({ scope, params }: ApiContext<OrderParams>): Promise<ApiResult> {
  await deleteOrders(scope, [pathId(params.orderId, "Order")]);
  return { message: "Order deleted." };
}

/** POST /orders/{id}/order-history: a note on the order, by `source_name` (else the key's name), recorded in its history. */
export async function addOrderHistoryEndpoint({ scope, params, json }: ApiContext<OrderParams>): Promise<ApiResult> {
  const orderId = pathId(params.orderId, "Order");
  const body = orderHistoryBody.parse(await json());
  await addOrderNote(scope, orderId, body.note, body.source_name);
  return { httpStatus: 201, message: "History added." };
}

/** POST /move-orders: one order or a list (array or comma string) to a folder by id or name. */
export async function moveOrdersEndpoint({ scope, json }: ApiContext<Record<string, never>>): Promise<ApiResult> {
  const body = moveOrdersBody.parse(await json());
  const ids = [...(body.order_id === undefined ? [] : [body.order_id]), ...(body.order_id_list ?? [])];
  const target = body.destination_folder_id !== undefined ? { folder_id: body.destination_folder_id } : { folder_name: body.destination_folder_name };
  try {
    const { moved, folderId } = await moveOrdersToFolder(scope, ids, target);
    return { message: `${moved} order${moved === 1 ? "" : "s"} moved.`, moved, folder_id: folderId };
  } catch (error) {
    // The service names its own field (folder_id/folder_name); name the one this request sent.
    if (error instanceof DomainError && error.code === "BAD_REQUEST" && (error.field === "folder_id" || error.field === "folder_name")) {
      throw new DomainError("BAD_REQUEST", error.message, { field: `destination_${error.field}`, cause: error });
    }
    throw error;
  }
}
