// REST v2 /orders: list with Order Desk's filters (GET), create through the ingest door (POST).
import { apiRoute } from "@/server/api-v2/http";
import { createOrderEndpoint, listOrdersEndpoint } from "@/server/api-v2/order-endpoints";

export const GET = apiRoute(listOrdersEndpoint);
export const POST = apiRoute(createOrderEndpoint);
