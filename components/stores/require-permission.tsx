"use client";

import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTRPC } from "@/components/providers/app-providers";
import { Notice } from "@/components/ui/notice";
import type { Permission } from "@/server/permissions";
import { useStoreId } from "./use-store-id";

/** Shows a page only to users holding the permission (the procedures refuse the rest anyway). */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const trpc = useTRPC();
  const current = useQuery(trpc.store.byId.queryOptions({ storeId: useStoreId() }));
  if (!current.data) return <p className="text-sm text-slate-500">Loading…</p>;
  if (!current.data.permissions.includes(permission)) {
    return <Notice tone="error">You do not have access to this page. Ask the store owner for the “{permission}” permission.</Notice>;
  }
  return <div className="space-y-6">{children}</div>;
}
