"use client";

import { useParams } from "next/navigation";

/** The store of the current route (/s/[storeId]/...). */
export function useStoreId(): number {
  const params = useParams<{ storeId: string }>();
  return Number(params.storeId);
}
