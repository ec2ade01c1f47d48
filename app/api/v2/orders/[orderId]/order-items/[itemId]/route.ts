// REST v2 /orders/{id}/order-items/{itemId}: read, replace, delete one item.
import { apiRoute } from "@/server/api-v2/http";
import { deleteItemEndpoint, getItemEndpoint, updateItemEndpoint } from "@/server/api-v2/item-endpoints";

export const GET = apiRoute(getItemEndpoint);
export const PUT = apiRoute(updateItemEndpoint);
export const DELETE = apiRoute(deleteItemEndpoint);
