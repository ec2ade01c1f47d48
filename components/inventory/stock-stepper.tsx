"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/providers/app-providers";
import type { SerializedInventoryItem } from "@/server/inventory/schemas";

const step = "h-7 w-7 rounded-md border border-slate-300 bg-white text-sm font-semibold text-slate-700 hover:bg-slate-50 disabled:cursor-not-allowed disabled:text-slate-300";

/**
 * Stock with quick −1/+1 buttons. Each click is one relative change on the server, so clicks
 * and orders arriving at the same time all count; the hint flags an item that is out of stock.
 */
export function StockStepper({ storeId, item, onError }: { storeId: number; item: SerializedInventoryItem; onError: (error: unknown) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const adjust = useMutation(
    trpc.inventory.adjustStock.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.inventory.list.pathKey() }),
      onError,
    }),
  );
  const change = (delta: number) => adjust.mutate({ storeId, itemId: Number(item.id), delta });

  return (
    <div className="flex items-center justify-end gap-1.5">
      {item.stock === 0 ? (
        <span data-testid="out-of-stock" className="rounded-full bg-rose-100 px-2 py-0.5 text-xs font-medium text-rose-800 ring-1 ring-inset ring-rose-200">
          Out of stock
        </span>
      ) : null}
      <button type="button" className={step} aria-label={`Take one ${item.code} out of stock`} disabled={item.stock === 0 || adjust.isPending} onClick={() => change(-1)}>
        −
      </button>
      <span data-testid="stock" aria-live="polite" className={`w-12 text-center tabular-nums ${item.stock === 0 ? "font-semibold text-rose-700" : ""}`}>
        {item.stock}
      </span>
      <button type="button" className={step} aria-label={`Add one ${item.code} to stock`} disabled={adjust.isPending} onClick={() => change(1)}>
        +
      </button>
    </div>
  );
}
