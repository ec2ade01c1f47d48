"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { formatMoney } from "@/components/orders/format";
import { useTRPC } from "@/components/providers/app-providers";
import { Button } from "@/components/ui/button";
import type { SerializedInventoryItem } from "@/server/inventory/schemas";
import { StockStepper } from "./stock-stepper";

/** One page of items; deleting asks for a confirmation in the row itself. */
export function InventoryTable({
  storeId,
  items,
  currency,
  onEdit,
  onDeleted,
  onError,
}: {
  storeId: number;
  items: SerializedInventoryItem[];
  currency: string;
  onEdit: (item: SerializedInventoryItem) => void;
  onDeleted: (item: SerializedInventoryItem) => void;
  onError: (error: unknown) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState<string | null>(null);
  const remove = useMutation(
    trpc.inventory.delete.mutationOptions({
      onSuccess: async (_result, variables) => {
        setConfirming(null);
        await queryClient.invalidateQueries({ queryKey: trpc.inventory.pathKey() });
        const item = items.find((i) => Number(i.id) === variables.itemId);
        if (item) onDeleted(item);
      },
      onError,
    }),
  );

  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="w-full text-left text-sm" aria-label="Inventory items">
        <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="py-2 pl-4 pr-3 font-medium">Name</th>
            <th scope="col" className="px-3 py-2 font-medium">SKU</th>
            <th scope="col" className="px-3 py-2 text-right font-medium">Stock</th>
            <th scope="col" className="px-3 py-2 text-right font-medium">Price</th>
            <th scope="col" className="px-3 py-2 font-medium">Location</th>
            <th scope="col" className="px-3 py-2 pr-4 text-right font-medium">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {items.map((item) => (
            <tr key={item.id} data-testid="inventory-row" className={item.stock === 0 ? "bg-rose-50/40" : "hover:bg-slate-50"}>
              <td className="max-w-64 py-2 pl-4 pr-3">
                <div className="truncate font-medium text-slate-900">{item.name || <span className="font-normal text-slate-400">Unnamed</span>}</div>
              </td>
              <td className="whitespace-nowrap px-3 py-2 font-mono text-xs text-slate-700">{item.code}</td>
              <td className="px-3 py-2">
                <StockStepper storeId={storeId} item={item} onError={onError} />
              </td>
              <td className="whitespace-nowrap px-3 py-2 text-right tabular-nums">{formatMoney(item.price, currency)}</td>
              <td className="max-w-40 truncate px-3 py-2 text-slate-600">{item.location || <span className="text-slate-400">—</span>}</td>
              <td className="whitespace-nowrap px-3 py-2 pr-4 text-right">
                {confirming === item.id ? (
                  <span className="inline-flex items-center gap-2" role="group" aria-label={`Confirm deleting ${item.code}`}>
                    <span className="text-xs text-slate-600">Delete {item.code}?</span>
                    <Button variant="danger" className="px-2 py-1" disabled={remove.isPending} onClick={() => remove.mutate({ storeId, itemId: Number(item.id) })}>
                      {remove.isPending ? "Deleting…" : "Yes, delete"}
                    </Button>
                    <Button variant="ghost" className="px-2 py-1" autoFocus onClick={() => setConfirming(null)}>
                      Keep
                    </Button>
                  </span>
                ) : (
                  <span className="inline-flex gap-1">
                    <Button variant="secondary" className="px-2 py-1" aria-label={`Edit ${item.code}`} onClick={() => onEdit(item)}>
                      Edit
                    </Button>
                    <Button variant="danger" className="px-2 py-1" aria-label={`Delete ${item.code}`} onClick={() => setConfirming(item.id)}>
                      Delete
                    </Button>
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
