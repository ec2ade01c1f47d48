"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTRPC } from "@/components/providers/app-providers";
import { Button } from "@/components/ui/button";
import { formError } from "@/components/ui/errors";
import { Notice } from "@/components/ui/notice";

export function StoreList() {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const stores = useQuery(trpc.store.list.queryOptions({ includeArchived: true }));
  const unarchive = useMutation(
    trpc.store.unarchive.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.store.list.queryKey() });
        router.refresh();
      },
    }),
  );

  if (stores.isPending) return <p className="text-sm text-slate-500">Loading stores…</p>;
  if (stores.isError) return <Notice tone="error">{formError(stores.error)}</Notice>;
  if (stores.data.length === 0) {
    return <p className="text-sm text-slate-600">You have no stores yet. Create the first one below: one store per client shop.</p>;
  }
  return (
    <div className="space-y-2">
      {unarchive.error ? <Notice tone="error">{formError(unarchive.error)}</Notice> : null}
      <ul className="divide-y divide-slate-100 rounded-md border border-slate-200">
        {stores.data.map((store) => (
          <li key={store.id} className="flex items-center justify-between gap-3 px-4 py-3">
            <div className="min-w-0">
              {store.archivedAt ? (
                <span className="font-medium text-slate-500">{store.name}</span>
              ) : (
                <Link href={`/s/${store.id}`} className="font-medium text-brand-700 hover:underline">
                  {store.name}
                </Link>
              )}
              <p className="text-xs text-slate-500">
                {store.role === "owner" ? "Owner" : "Store user"}
                {store.archivedAt ? " · Archived" : ""}
              </p>
            </div>
            {store.archivedAt ? (
              <Button variant="secondary" disabled={unarchive.isPending} onClick={() => unarchive.mutate({ storeId: store.id })}>
                Unarchive
              </Button>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
