// REST v2 /inventory-items/{id}: read, update, delete one inventory item.
import { apiRoute } from "@/server/api-v2/http";
import { deleteInventoryEndpoint, getInventoryEndpoint, updateInventoryEndpoint } from "@/server/api-v2/inventory-endpoints";

export const GET = apiRoute(getInventoryEndpoint);
export const PUT = apiRoute(updateInventoryEndpoint);
export const DELETE = apiRoute(deleteInventoryEndpoint);
