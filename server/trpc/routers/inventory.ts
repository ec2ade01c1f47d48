import { z } from "zod";
import {
  inventoryItemFields,
  inventoryItemPatchFields,
  listInventoryInput,
  serializeInventoryItem,
  stockDelta,
} from "@/server/inventory/schemas";
import {
  adjustStock,
  createInventoryItem,
  deleteInventoryItem,
  getInventoryItem,
  listInventory,
  updateInventoryItem,
} from "@/server/inventory/service";
import { requirePermission, router } from "../init";

/**
 * Inventory items of a store. Reading needs "inventory.manage" as well, not "orders.read": items
 * carry cost prices and stock levels a supplier does not show a client who may only view orders.
 * Item fields sit at the top level of the input (next to storeId) so field errors name them.
 */
const itemId = z.number().int().positive();
const manage = requirePermission("inventory.manage");

export const inventoryRouter = router({
  list: manage.input(listInventoryInput).query(async ({ ctx, input: { storeId: _storeId, ...query } }) => {
    const page = await listInventory(ctx.scope, query, { withTotal: true });
    return { ...page, items: page.items.map(serializeInventoryItem) };
  }),
  byId: manage
    .input(z.object({ itemId }))
    .query(async ({ ctx, input }) => serializeInventoryItem(await getInventoryItem(ctx.scope, input.itemId))),
  create: manage
    .input(z.object(inventoryItemFields))
    .mutation(async ({ ctx, input: { storeId: _storeId, ...item } }) => serializeInventoryItem(await createInventoryItem(ctx.scope, item))),
  update: manage
    .input(z.object({ itemId, ...inventoryItemPatchFields }))
    .mutation(async ({ ctx, input: { storeId: _storeId, itemId: id, ...patch } }) =>
      serializeInventoryItem(await updateInventoryItem(ctx.scope, id, patch)),
    ),
  delete: manage
    .input(z.object({ itemId }))
    .mutation(({ ctx, input }) => deleteInventoryItem(ctx.scope, input.itemId)),
  adjustStock: manage
    .input(z.object({ itemId, delta: stockDelta }))
    .mutation(async ({ ctx, input }) => serializeInventoryItem(await adjustStock(ctx.scope, input.itemId, input.delta))),
});
