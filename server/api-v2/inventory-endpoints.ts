import { z } from "zod";
import { inventoryItemInput, inventoryItemPatchInput, serializeInventoryItem } from "@/server/inventory/schemas";
import {
  createInventoryItem,
  deleteInventoryItem,
  getInventoryItem,
  listInventory,
  MAX_BATCH_ITEMS,
  updateInventoryItem,
  upsertInventoryItems,
} from "@/server/inventory/service";
import type { ApiContext, ApiResult } from "./http";
import { pathId } from "./ids";
import { listInventoryQuery, queryObject } from "./schemas";

type ItemParams = { itemId: string };

/** GET /inventory-items: by SKU order; `code` is an exact SKU, `search` a name prefix or SKU. */
export async function listInventoryEndpoint({ scope, url }: ApiContext<Record<string, never>>): Promise<ApiResult> {
  const q = listInventoryQuery.parse(queryObject(url));
  const { items, total = 0 } = await listInventory(scope, q, { withTotal: true });
  return {
    message: `${total} inventory item${total === 1 ? "" : "s"} found.`,
    total_records: total,
    records_returned: items.length,
    offset: q.offset,
    limit: q.limit,
    inventory_items: items.map(serializeInventoryItem),
  };
}

export async function createInventoryEndpoint({ scope, json }: ApiContext<Record<string, never>>): Promise<ApiResult> {
  const item = await createInventoryItem(scope, inventoryItemInput.parse(await json()));
  return { httpStatus: 201, message: "Inventory item created.", inventory_item: serializeInventoryItem(item) };
}

export async function getInventoryEndpoint({ scope, params }: ApiContext<ItemParams>): Promise<ApiResult> {
  const item = await getInventoryItem(scope, pathId(params.itemId, "Inventory item"));
  return { message: "Inventory item found.", inventory_item: serializeInventoryItem(item) };
}

/** PUT: the fields sent change (a full record from GET replaces them all). */
export async function updateInventoryEndpoint({ scope, params, json }: ApiContext<ItemParams>): Promise<ApiResult> {
  const itemId = pathId(params.itemId, "Inventory item");
  const item = await updateInventoryItem(scope, itemId, inventoryItemPatchInput.parse(await json()));
  return { message: "Inventory item updated.", inventory_item: serializeInventoryItem(item) };
}

export async function deleteInventoryEndpoint({ scope, params }: ApiContext<ItemParams>): Promise<ApiResult> {
  await deleteInventoryItem(scope, pathId(params.itemId, "Inventory item"));
  return { message: "Inventory item deleted." };
}

/** A top-level array (or `{ "inventory_items": [...] }`); each entry is matched by SKU. */
const batchInventoryBody = z
  .union([z.array(z.unknown()), z.object({ inventory_items: z.array(z.unknown()) }).strict().transform((b) => b.inventory_items)])
  .pipe(z.array(z.unknown()).min(1, "Send at least one item.").max(MAX_BATCH_ITEMS, `Send at most ${MAX_BATCH_ITEMS} items per request.`));

/** PUT /batch-inventory-items: create or update by SKU; one result per entry, bad entries do not stop the rest. */
export async function batchInventoryEndpoint({ scope, json }: ApiContext<Record<string, never>>): Promise<ApiResult> {
  const results = await upsertInventoryItems(scope, batchInventoryBody.parse(await json()));
  const failed = results.filter((r) => r.status === "error").length;
  return {
    message: failed === 0 ? `${results.length} inventory items saved.` : `${results.length - failed} inventory items saved, ${failed} failed; see results.`,
    saved: results.length - failed,
    failed,
    results: results.map((r) =>
      r.status === "error"
        ? { index: r.index, code: r.code, status: "error", message: r.field ? `${r.field}: ${r.message}` : r.message }
        : { index: r.index, code: r.code, status: "success", action: r.status, inventory_item: serializeInventoryItem(r.item) },
    ),
  };
}
