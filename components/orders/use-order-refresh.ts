"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/providers/app-providers";

/** After any change to an order: its page, its history, the lists and folder counts all reload. */
export function useOrderRefresh() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: trpc.order.pathKey() });
}

/**
 * After an order left this store (deleted, moved away): only the lists and counts reload, so the
 * page being left does not flash "not found" while the browser navigates away.
 */
export function useOrderListRefresh() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.order.list.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.order.folderCounts.pathKey() }),
    ]);
}
