// REST v2 POST /orders/{id}/order-history: a note on the order, recorded in its history.
import { apiRoute } from "@/server/api-v2/http";
import { addOrderHistoryEndpoint } from "@/server/api-v2/order-endpoints";

export const POST = apiRoute(addOrderHistoryEndpoint);
