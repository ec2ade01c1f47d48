// REST v2 POST /batch-shipments: shipments for many orders, one result per line.
import { apiRoute } from "@/server/api-v2/http";
import { batchShipmentsEndpoint } from "@/server/api-v2/shipment-endpoints";

export const POST = apiRoute(batchShipmentsEndpoint);
