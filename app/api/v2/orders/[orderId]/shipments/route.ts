// REST v2 /orders/{id}/shipments: list an order's shipments, add one.
import { apiRoute } from "@/server/api-v2/http";
import { createShipmentEndpoint, listShipmentsEndpoint } from "@/server/api-v2/shipment-endpoints";

export const GET = apiRoute(listShipmentsEndpoint);
export const POST = apiRoute(createShipmentEndpoint);
