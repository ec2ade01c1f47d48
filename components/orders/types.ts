import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/trpc/root";

type Outputs = inferRouterOutputs<AppRouter>;
type Inputs = inferRouterInputs<AppRouter>;

/** An order as order.byId returns it (Order Desk v2 field names). */
export type Order = Outputs["order"]["byId"];
export type OrderItem = Order["order_items"][number];
export type Shipment = Order["order_shipments"][number];
export type OrderListRow = Outputs["order"]["list"]["orders"][number];
export type HistoryEntry = Outputs["order"]["history"][number];
export type OrderPatch = Inputs["order"]["update"]["patch"];
export type NewOrder = Inputs["order"]["create"]["order"];
export type ItemInput = Inputs["order"]["addItem"]["item"];
export type ShipmentInput = Inputs["order"]["addShipment"]["shipment"];
export type Address = NonNullable<Order["shipping"]>;
export type KeyValues = Order["checkout_data"];
