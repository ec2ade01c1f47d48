// REST v2 GET /store: the key's store, its settings and folders.
import { apiRoute } from "@/server/api-v2/http";
import { showStore } from "@/server/api-v2/store-endpoints";

export const GET = apiRoute(showStore);
