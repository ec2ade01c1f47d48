import { formatUtc } from "@/server/orders/read";
import { listFolders } from "@/server/stores/folders";
import { getStore } from "@/server/stores/service";
import type { ApiContext, ApiResult } from "./http";

/** GET|POST /test: proves the store id and key work. */
export async function testConnection(): Promise<ApiResult> {
  return { message: "Connection Successful", current_date_time: formatUtc(new Date()) };
}

/** GET /store: the store's settings and its folders (id -> name). */
export async function showStore({ scope }: ApiContext<Record<string, never>>): Promise<ApiResult> {
  const [store, folders] = await Promise.all([getStore(scope), listFolders(scope)]);
  return {
    message: "Store found",
    store: {
      id: String(store.id),
      name: store.name,
      date_added: formatUtc(store.createdAt),
      settings: { timezone: store.timezone, currency: store.currency },
      folders: Object.fromEntries(folders.map((f) => [String(f.id), f.name])),
    },
  };
}
