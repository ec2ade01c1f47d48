import { z } from "zod";
import { ingestOrder } from "@/server/orders/ingest";
import { countOrdersByFolder, getOrderHistory, getOrderRecord, listOrders, listOrdersInput, listSplitParts, serializeOrder } from "@/server/orders/read";
import { addItem, removeItem, removeShipment, updateItem, updateShipment } from "@/server/orders/items";
import { orderInput, orderItemInput, shipmentInput } from "@/server/orders/schemas";
import { addOrderNote, addShipment, deleteOrders, moveOrdersToFolder, orderPatchInput, tagOrders, updateOrder } from "@/server/orders/service";
import { SPLIT_KEYS, splitOrder } from "@/server/orders/split";
import { copyOrdersToStore, moveOrdersToStore, resolveTargetStore } from "@/server/orders/transfer";
import { requirePermission, router } from "../init";

const orderId = z.number().int().positive();
const rowId = z.number().int().positive();
const orderIds = z.array(orderId).min(1, "Select at least one order.").max(500);
const tagName = z.string().trim().min(1).max(100);

/** `{mode: "items", itemIds}` or `{mode: "key", key}`; one flat object so the isolation test sees its id keys. */
const splitInput = z
  .object({
    orderId,
    mode: z.enum(["items", "key"]),
    itemIds: z.array(rowId).min(1, "Select at least one item to split off.").max(1000).optional(),
    key: z.enum(SPLIT_KEYS).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.mode === "items" && !v.itemIds) ctx.addIssue({ code: "custom", path: ["itemIds"], message: "Select at least one item to split off." });
    if (v.mode === "key" && !v.key) ctx.addIssue({ code: "custom", path: ["key"], message: "Choose what to split by." });
  });
const transferInput = z.object({ orderIds, targetStoreId: z.number().int().positive(), folderId: z.number().int().positive().optional() });

export const orderRouter = router({
  list: requirePermission("orders.read")
    .input(listOrdersInput)
    .query(({ ctx, input: { storeId: _storeId, ...query } }) => listOrders(ctx.scope, query)),
  folderCounts: requirePermission("orders.read").query(({ ctx }) => countOrdersByFolder(ctx.scope)),
  byId: requirePermission("orders.read")
    .input(z.object({ orderId }))
    .query(async ({ ctx, input }) => serializeOrder(await getOrderRecord(ctx.scope, input.orderId))),
  splitParts: requirePermission("orders.read")
    .input(z.object({ orderId }))
    .query(({ ctx, input }) => listSplitParts(ctx.scope, input.orderId)),
  history: requirePermission("orders.read")
    .input(z.object({ orderId }))
    .query(({ ctx, input }) => getOrderHistory(ctx.scope, input.orderId)),
  create: requirePermission("orders.write")
    .input(z.object({ order: orderInput }))
    .mutation(({ ctx, input }) => ingestOrder(ctx.scope, input.order, { via: "Order created manually" })),
  update: requirePermission("orders.write")
    .input(z.object({ orderId, patch: orderPatchInput }))
    .mutation(({ ctx, input }) => updateOrder(ctx.scope, input.orderId, input.patch)),
  move: requirePermission("orders.write")
    .input(z.object({ orderIds, folderId: z.number().int().positive() }))
    .mutation(({ ctx, input }) => moveOrdersToFolder(ctx.scope, input.orderIds, { folder_id: input.folderId })),
  tag: requirePermission("orders.write")
    .input(z.object({ orderIds, add: z.array(tagName).max(20).default([]), remove: z.array(tagName).max(20).default([]) }))
    .mutation(({ ctx, input }) => tagOrders(ctx.scope, input.orderIds, input)),
  delete: requirePermission("orders.delete")
    .input(z.object({ orderIds }))
    .mutation(({ ctx, input }) => deleteOrders(ctx.scope, input.orderIds)),
  addNote: requirePermission("orders.write")
    .input(z.object({ orderId, content: z.string().trim().min(1, "Write a note first.").max(5000) }))
    .mutation(({ ctx, input }) => addOrderNote(ctx.scope, input.orderId, input.content)),
  addShipment: requirePermission("orders.write")
    .input(z.object({ orderId, shipment: shipmentInput }))
    .mutation(({ ctx, input }) => addShipment(ctx.scope, input.orderId, input.shipment)),
  addItem: requirePermission("orders.write")
    .input(z.object({ orderId, item: orderItemInput }))
    .mutation(({ ctx, input }) => addItem(ctx.scope, input.orderId, input.item)),
  updateItem: requirePermission("orders.write")
    .input(z.object({ orderId, itemId: rowId, item: orderItemInput }))
    .mutation(({ ctx, input }) => updateItem(ctx.scope, input.orderId, input.itemId, input.item)),
  removeItem: requirePermission("orders.write")
    .input(z.object({ orderId, itemId: rowId }))
    .mutation(({ ctx, input }) => removeItem(ctx.scope, input.orderId, input.itemId)),
  updateShipment: requirePermission("orders.write")
    .input(z.object({ orderId, shipmentId: rowId, shipment: shipmentInput }))
    .mutation(({ ctx, input }) => updateShipment(ctx.scope, input.orderId, input.shipmentId, input.shipment)),
  removeShipment: requirePermission("orders.write")
    .input(z.object({ orderId, shipmentId: rowId }))
    .mutation(({ ctx, input }) => removeShipment(ctx.scope, input.orderId, input.shipmentId)),
  split: requirePermission("orders.write")
    .input(splitInput)
    .mutation(({ ctx, input }) =>
      splitOrder(ctx.scope, input.orderId, input.mode === "items" ? { mode: "items", itemIds: input.itemIds! } : { mode: "key", key: input.key! }),
    ),
  // The target store is resolved for the caller like storeProcedure does (NOT_FOUND / FORBIDDEN), never trusted.
  copyToStore: requirePermission("orders.write")
    .input(transferInput)
    .mutation(async ({ ctx, input }) =>
      copyOrdersToStore(ctx.scope, await resolveTargetStore(ctx.scope, input.targetStoreId), input.orderIds, { folderId: input.folderId }),
    ),
  moveToStore: requirePermission("orders.write")
    .input(transferInput)
    .mutation(async ({ ctx, input }) =>
      moveOrdersToStore(ctx.scope, await resolveTargetStore(ctx.scope, input.targetStoreId), input.orderIds, { folderId: input.folderId }),
    ),
});
