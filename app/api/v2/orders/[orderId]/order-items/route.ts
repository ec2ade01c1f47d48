// REST v2 /orders/{id}/order-items: list an order's items, add one.
import { apiRoute } from "@/server/api-v2/http";
import { createItemEndpoint, listItemsEndpoint } from "@/server/api-v2/item-endpoints";

export const GET = apiRoute(listItemsEndpoint);
export const POST = apiRoute(createItemEndpoint);
