// Orders: folder sidebar with counts, the folder's orders with search, filters, sort, paging and bulk actions.
import { Suspense } from "react";
import { OrdersHub } from "@/components/orders/orders-hub";
import { RequirePermission } from "@/components/stores/require-permission";

export const metadata = { title: "Orders" };

export default function OrdersPage() {
  return (
    <RequirePermission permission="orders.read">
      <Suspense fallback={<p className="text-sm text-slate-500">Loading…</p>}>
        <OrdersHub />
      </Suspense>
    </RequirePermission>
  );
}
