// REST v2 POST /move-orders: orders to a folder, by folder id or name.
import { apiRoute } from "@/server/api-v2/http";
import { moveOrdersEndpoint } from "@/server/api-v2/order-endpoints";

export const POST = apiRoute(moveOrdersEndpoint);
