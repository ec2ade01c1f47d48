import { isPermanentFailure } from "@/server/delivery/errors";
import { renderEmail, sendOrderEmail } from "@/server/emails/send";
import { shipmentNotificationTemplate } from "@/server/emails/templates";
import { recordHistory } from "@/server/orders/history";
import { getOrderRecord } from "@/server/orders/read";
import { ALL_PERMISSIONS } from "@/server/permissions";
import type { StoreScope } from "@/server/scope";
import type { JobDefinition, JobDeps } from "../types";

const RETRIES = 5;

/**
 * When a shipment is added, the customer gets the store's shipment notification (the email
 * template marked for it), with the tracking link. No template, or no customer email: nothing.
 */
export const notifyShipment = (deps: JobDeps): JobDefinition => ({
  id: "notify-shipment",
  name: "Shipment notification",
  triggers: [{ event: "shipment/created" }],
  retries: RETRIES,
  async handler({ event, step, attempt }) {
    const data = event.data as { storeId: number; orderId: number; shipmentId: number };
    const scope: StoreScope = { db: await deps.db(), storeId: Number(data.storeId), actor: { kind: "system", name: "Shipment notification", permissions: ALL_PERMISSIONS } };
    const template = await shipmentNotificationTemplate(scope);
    if (!template) return { skipped: "no shipment notification template" };
    return step.run("send", async () => {
      const record = await getOrderRecord(scope, data.orderId).catch(() => null);
      const shipment = record?.shipments.find((s) => s.id === Number(data.shipmentId));
      if (!record || !shipment) return { skipped: "order or shipment deleted" };
      if (!record.order.email) return { skipped: "no customer email" };
      try {
        const email = await renderEmail(scope, template, data.orderId, {
          shipment: {
            tracking_number: shipment.trackingNumber,
            carrier_code: shipment.carrierCode,
            shipment_method: shipment.shipmentMethod,
            tracking_url: shipment.trackingUrl,
            date_shipped: shipment.dateShipped,
          },
        });
        return await sendOrderEmail(scope, data.orderId, record.order.email, email, "Shipment notification");
      } catch (error) {
        const permanent = isPermanentFailure(error) || attempt >= RETRIES;
        if (!permanent) throw error;
        const message = error instanceof Error ? error.message : String(error);
        await recordHistory(scope.db, scope, data.orderId, `Shipment notification not sent: ${message}`).catch(() => undefined);
        return { failed: message };
      }
    });
  },
});
