// Manual order creation: customer, shipping address, items and totals, through the one ingest door.
import { NewOrderForm } from "@/components/orders/new-order-form";
import { RequirePermission } from "@/components/stores/require-permission";

export const metadata = { title: "New order" };

export default function NewOrderPage() {
  return (
    <RequirePermission permission="orders.write">
      <NewOrderForm />
    </RequirePermission>
  );
}
