import { notFound } from "@/server/errors";
import { removeShipment, updateShipment } from "@/server/orders/items";
import { shipmentInput } from "@/server/orders/schemas";
import { addShipment } from "@/server/orders/service";
import type { StoreScope } from "@/server/scope";
import type { ApiContext, ApiResult } from "./http";
import { pathId } from "./ids";
import { readOrder } from "./order-endpoints";
import { errorToResponse } from "./responses";
import { batchShipmentItem, batchShipmentsBody } from "./schemas";

type OrderParams = { orderId: string };
type ShipmentParams = { orderId: string; shipmentId: string };

async function shipmentOf(scope: StoreScope, orderId: number, shipmentId: number) {
  const shipment = (await readOrder(scope, orderId)).order_shipments.find((s) => s.id === String(shipmentId));
  if (!shipment) throw notFound("Shipment");
  return shipment;
}

export async function listShipmentsEndpoint({ scope, params }: ApiContext<OrderParams>): Promise<ApiResult> {
  const { order_shipments: shipments } = await readOrder(scope, pathId(params.orderId, "Order"));
  return { message: `${shipments.length} shipment${shipments.length === 1 ? "" : "s"} found.`, shipments };
}

export async function createShipmentEndpoint({ scope, params, json }: ApiContext<OrderParams>): Promise<ApiResult> {
  const orderId = pathId(params.orderId, "Order");
  const shipment = shipmentInput.parse(await json());
  const row = await addShipment(scope, orderId, shipment);
  return { httpStatus: 201, message: "Shipment added.", shipment: await shipmentOf(scope, orderId, row.id) };
}

export async function getShipmentEndpoint({ scope, params }: ApiContext<ShipmentParams>): Promise<ApiResult> {
  const { order_shipments: shipments } = await readOrder(scope, pathId(params.orderId, "Order"));
  const shipment = shipments.find((s) => s.id === params.shipmentId);
  if (!shipment) throw notFound("Shipment");
  return { message: "Shipment found.", shipment };
}

/** PUT replaces the shipment: fields left out fall back to their defaults. */
export async function updateShipmentEndpoint({ scope, params, json }: ApiContext<ShipmentParams>): Promise<ApiResult> {
  const orderId = pathId(params.orderId, "Order");
  const shipmentId = pathId(params.shipmentId, "Shipment");
  const shipment = shipmentInput.parse(await json());
  await updateShipment(scope, orderId, shipmentId, shipment);
  return { message: "Shipment updated.", shipment: await shipmentOf(scope, orderId, shipmentId) };
}

export async function deleteShipmentEndpoint({ scope, params }: ApiContext<ShipmentParams>): Promise<ApiResult> {
  const orderId = pathId(params.orderId, "Order");
  await removeShipment(scope, orderId, pathId(params.shipmentId, "Shipment"));
  return { message: "Shipment deleted." };
}

/**
 * POST /batch-shipments: each shipment is added on its own (one bad line does not undo the
 * others); `results` has one entry per line, in order, each with its status and message.
 * Another store's order is "Order not found." like a missing one.
 */
export async function batchShipmentsEndpoint({ scope, json }: ApiContext<Record<string, never>>): Promise<ApiResult> {
  const lines = batchShipmentsBody.parse(await json());
  const results: Record<string, unknown>[] = [];
  for (const [index, line] of lines.entries()) {
    const orderId = (line as { order_id?: unknown } | null)?.order_id;
    try {
      const { order_id, ...shipment } = batchShipmentItem.parse(line);
      const row = await addShipment(scope, order_id, shipment);
      results.push({ index, order_id: String(order_id), status: "success", message: "Shipment added.", shipment_id: String(row.id) });
    } catch (error) {
      const mapped = errorToResponse(error);
      if (mapped.unexpected) throw error;
      results.push({ index, order_id: orderId === undefined ? null : String(orderId), status: "error", message: mapped.body.message });
    }
  }
  const failed = results.filter((r) => r.status === "error").length;
  const added = results.length - failed;
  return {
    message: failed === 0 ? `${added} shipment${added === 1 ? "" : "s"} added.` : `${added} shipment${added === 1 ? "" : "s"} added, ${failed} failed; see results.`,
    added,
    failed,
    results,
  };
}
