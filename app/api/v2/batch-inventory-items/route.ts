// REST v2 PUT /batch-inventory-items: create or update many inventory items by SKU.
import { apiRoute } from "@/server/api-v2/http";
import { batchInventoryEndpoint } from "@/server/api-v2/inventory-endpoints";

export const PUT = apiRoute(batchInventoryEndpoint);
