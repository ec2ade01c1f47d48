// REST v2 /orders/{id}/shipments/{shipmentId}: read, replace, delete one shipment.
import { apiRoute } from "@/server/api-v2/http";
import { deleteShipmentEndpoint, getShipmentEndpoint, updateShipmentEndpoint } from "@/server/api-v2/shipment-endpoints";

export const GET = apiRoute(getShipmentEndpoint);
export const PUT = apiRoute(updateShipmentEndpoint);
export const DELETE = apiRoute(deleteShipmentEndpoint);
