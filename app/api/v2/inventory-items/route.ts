// REST v2 /inventory-items: list (code, search, limit, offset) and create.
import { apiRoute } from "@/server/api-v2/http";
import { createInventoryEndpoint, listInventoryEndpoint } from "@/server/api-v2/inventory-endpoints";

export const GET = apiRoute(listInventoryEndpoint);
export const POST = apiRoute(createInventoryEndpoint);
