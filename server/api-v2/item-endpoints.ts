import { notFound } from "@/server/errors";
import { addItem, removeItem, updateItem } from "@/server/orders/items";
import { orderItemInput } from "@/server/orders/schemas";
import type { StoreScope } from "@/server/scope";
import type { ApiContext, ApiResult } from "./http";
import { pathId } from "./ids";
import { readOrder } from "./order-endpoints";

type OrderParams = { orderId: string };
type ItemParams = { orderId: string; itemId: string };

/** Items are read through the order, so another store's order is "Order not found." first. */
async function itemOf(scope: StoreScope, orderId: number, itemId: number) {
  const item = (await readOrder(scope, orderId)).order_items.find((i) => i.id === String(itemId));
  if (!item) throw notFound("Order item");
  return item;
}

export async function listItemsEndpoint({ scope, params }: ApiContext<OrderParams>): Promise<ApiResult> {
  const order = await readOrder(scope, pathId(params.orderId, "Order"));
  return { message: `${order.order_items.length} item${order.order_items.length === 1 ? "" : "s"} found.`, order_items: order.order_items };
}

export async function createItemEndpoint({ scope, params, json }: ApiContext<OrderParams>): Promise<ApiResult> {
  const orderId = pathId(params.orderId, "Order");
  const item = orderItemInput.parse(await json());
  const row = await addItem(scope, orderId, item);
  return { httpStatus: 201, message: "Item added.", order_item: await itemOf(scope, orderId, row.id) };
}

export async function getItemEndpoint({ scope, params }: ApiContext<ItemParams>): Promise<ApiResult> {
  const orderId = pathId(params.orderId, "Order");
  const order = await readOrder(scope, orderId);
  const item = order.order_items.find((i) => i.id === params.itemId);
  if (!item) throw notFound("Order item");
  return { message: "Item found.", order_item: item };
}

/** PUT replaces the item: fields left out fall back to their defaults, as Order Desk documents. */
export async function updateItemEndpoint({ scope, params, json }: ApiContext<ItemParams>): Promise<ApiResult> {
  const orderId = pathId(params.orderId, "Order");
  const itemId = pathId(params.itemId, "Order item");
  const item = orderItemInput.parse(await json());
  await updateItem(scope, orderId, itemId, item);
  return { message: "Item updated.", order_item: await itemOf(scope, orderId, itemId) };
}

export async function deleteItemEndpoint({ scope, params }: ApiContext<ItemParams>): Promise<ApiResult> {
  const orderId = pathId(params.orderId, "Order");
  await removeItem(scope, orderId, pathId(params.itemId, "Order item"));
  return { message: "Item deleted." };
}
