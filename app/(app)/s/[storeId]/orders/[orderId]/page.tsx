// One order: every field editable, items, shipments, notes and history.
import { notFound } from "next/navigation";
import { OrderPage } from "@/components/orders/order-page";
import { RequirePermission } from "@/components/stores/require-permission";

export async function generateMetadata({ params }: { params: Promise<{ orderId: string }> }) {
  return { title: `Order ${(await params).orderId}` };
}

export default async function OrderDetailPage({ params }: { params: Promise<{ orderId: string }> }) {
  const orderId = Number((await params).orderId);
  if (!Number.isSafeInteger(orderId) || orderId <= 0) notFound();
  return (
    <RequirePermission permission="orders.read">
      <OrderPage orderId={orderId} />
    </RequirePermission>
  );
}
