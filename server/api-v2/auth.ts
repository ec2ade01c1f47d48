import type { Database } from "@/db/client";
import { authenticateApiKey } from "@/server/api-keys/service";
import { DomainError } from "@/server/errors";
import { ALL_PERMISSIONS } from "@/server/permissions";
import type { StoreScope } from "@/server/scope";
import { ApiError } from "./responses";

export const STORE_ID_HEADER = "ORDERDESK-STORE-ID";
export const API_KEY_HEADER = "ORDERDESK-API-KEY";

const STORE_ID = /^\d{1,10}$/;
const MAX_STORE_ID = 2_147_483_647;

/**
 * The REST API's counterpart of storeProcedure: the store comes from the key (which must belong
 * to the store the request names), never from the body. A key acts with every permission of its
 * store, as Order Desk's do.
 */
export async function resolveApiScope(db: Database, headers: Headers): Promise<StoreScope> {
  const rawStoreId = headers.get(STORE_ID_HEADER)?.trim();
  const key = headers.get(API_KEY_HEADER)?.trim();
  if (!rawStoreId || !key) {
    throw new ApiError(401, `Send your store id and API key in the ${STORE_ID_HEADER} and ${API_KEY_HEADER} headers.`);
  }
  const storeId = Number(rawStoreId);
  if (!STORE_ID.test(rawStoreId) || storeId > MAX_STORE_ID || key.length > 200) {
    throw new ApiError(401, "Invalid store id or API key.");
  }
  try {
    const authenticated = await authenticateApiKey(db, storeId, key);
    return {
      db,
      storeId: authenticated.storeId,
      actor: { kind: "api_key", keyId: authenticated.keyId, name: authenticated.name, permissions: ALL_PERMISSIONS },
    };
  } catch (error) {
    if (error instanceof DomainError && (error.code === "UNAUTHORIZED" || error.code === "FORBIDDEN")) {
      throw new ApiError(error.code === "UNAUTHORIZED" ? 401 : 403, error.message);
    }
    throw error;
  }
}
