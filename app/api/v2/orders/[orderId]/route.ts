// REST v2 /orders/{id}: read, update the order-level fields, delete.
import { apiRoute } from "@/server/api-v2/http";
import { deleteOrderEndpoint, getOrderEndpoint, updateOrderEndpoint } from "@/server/api-v2/order-endpoints";

export const GET = apiRoute(getOrderEndpoint);
export const PUT = apiRoute(updateOrderEndpoint);
export const DELETE = apiRoute(deleteOrderEndpoint);
