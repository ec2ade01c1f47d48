"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/providers/app-providers";
import { useStoreId } from "@/components/stores/use-store-id";
import type { Permission } from "@/server/permissions";

/** The current store's settings and what the signed-in user may do in it (controls hide the rest). */
export function useCurrentStore() {
  const trpc = useTRPC();
  const storeId = useStoreId();
  const current = useQuery(trpc.store.byId.queryOptions({ storeId }));
  const permissions: readonly Permission[] = current.data?.permissions ?? [];
  return {
    storeId,
    store: current.data?.store,
    timezone: current.data?.store.timezone ?? "UTC",
    currency: current.data?.store.currency ?? "USD",
    can: (permission: Permission) => permissions.includes(permission),
    isPending: current.isPending,
  };
}
