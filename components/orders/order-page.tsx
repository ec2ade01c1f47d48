"use client";

import { useQuery } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import Link from "next/link";
import { useState } from "react";
import { useTRPC } from "@/components/providers/app-providers";
import { Button } from "@/components/ui/button";
import { formError } from "@/components/ui/errors";
import { Notice } from "@/components/ui/notice";
import { AddressCard } from "./address-card";
import { DiscountsCard } from "./discounts-card";
import { KeyValueCard } from "./key-value-editor";
import { DetailsCard, PaymentCard, TotalsCard } from "./order-detail-cards";
import { OrderHeader } from "./order-header";
import { OrderHistory } from "./order-history";
import { OrderRuleRuns } from "./order-rule-runs";
import { OrderItems } from "./order-items";
import { OrderNotes } from "./order-notes";
import { OrderShipments } from "./order-shipments";
import { useCurrentStore } from "./use-current-store";

/** One order: work on the left (items, shipments, notes, history), its fields on the right. */
export function OrderPage({ orderId }: { orderId: number }) {
  const trpc = useTRPC();
  const { storeId, timezone, currency, can } = useCurrentStore();
  const query = useQuery(trpc.order.byId.queryOptions({ storeId, orderId }));
  const [message, setMessage] = useState<string>();

  if (query.isPending) return <p className="text-sm text-slate-500" role="status">Loading order…</p>;
  if (query.isError) {
    const missing = query.error instanceof TRPCClientError && query.error.data?.code === "NOT_FOUND";
    return (
      <div className="space-y-3">
        <Notice tone="error">{missing ? `Order #${orderId} was not found in this store. It may have been deleted or moved.` : formError(query.error)}</Notice>
        <div className="flex gap-2">
          <Link href={`/s/${storeId}/orders`} className="text-sm font-medium text-brand-700 hover:underline">
            ← Back to orders
          </Link>
          {missing ? null : (
            <Button variant="secondary" onClick={() => query.refetch()}>
              Try again
            </Button>
          )}
        </div>
      </div>
    );
  }

  const order = query.data;
  const canWrite = can("orders.write");
  const props = { order, storeId, canEdit: canWrite, currency };
  return (
    <div className="space-y-6">
      <OrderHeader order={order} storeId={storeId} timezone={timezone} canWrite={canWrite} canDelete={can("orders.delete")} onMessage={setMessage} />
      {message ? <Notice tone="success">{message}</Notice> : null}
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <OrderItems {...props} />
          <OrderShipments {...props} timezone={timezone} />
          <OrderNotes {...props} timezone={timezone} />
          <OrderRuleRuns storeId={storeId} orderId={orderId} timezone={timezone} />
          <OrderHistory storeId={storeId} orderId={orderId} timezone={timezone} />
        </div>
        <div className="space-y-6">
          <DetailsCard {...props} />
          <TotalsCard {...props} />
          <AddressCard {...props} kind="shipping" />
          <AddressCard {...props} kind="customer" />
          <PaymentCard {...props} />
          <DiscountsCard {...props} />
          <KeyValueCard {...props} field="checkout_data" />
          <KeyValueCard {...props} field="order_metadata" />
          <AddressCard {...props} kind="return_address" />
        </div>
      </div>
    </div>
  );
}
