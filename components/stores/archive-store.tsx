"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTRPC } from "@/components/providers/app-providers";
import { Button } from "@/components/ui/button";
import { formError } from "@/components/ui/errors";
import { Notice } from "@/components/ui/notice";
import { useStoreId } from "./use-store-id";

/** Owner only: archiving hides the store from its users without deleting anything. */
export function ArchiveStore() {
  const trpc = useTRPC();
  const storeId = useStoreId();
  const router = useRouter();
  const queryClient = useQueryClient();
  const current = useQuery(trpc.store.byId.queryOptions({ storeId }));
  const onSuccess = async () => {
    await queryClient.invalidateQueries({ queryKey: trpc.store.pathKey() });
    router.refresh();
  };
  const archive = useMutation(trpc.store.archive.mutationOptions({ onSuccess }));
  const unarchive = useMutation(trpc.store.unarchive.mutationOptions({ onSuccess }));
  if (current.data?.role !== "owner") return null;
  const archived = Boolean(current.data.store.archivedAt);
  const error = archive.error ?? unarchive.error;

  return (
    <div className="space-y-3">
      {error ? <Notice tone="error">{formError(error)}</Notice> : null}
      <p className="text-sm text-slate-600">
        {archived
          ? "This store is archived: its users cannot open it and it is not in the store switcher."
          : "Archiving hides the store from the switcher and locks out its store users. Nothing is deleted; you can unarchive it at any time."}
      </p>
      {archived ? (
        <Button variant="secondary" disabled={unarchive.isPending} onClick={() => unarchive.mutate({ storeId })}>
          Unarchive store
        </Button>
      ) : (
        <Button
          variant="danger"
          disabled={archive.isPending}
          onClick={() => window.confirm("Archive this store? Its users will lose access until you unarchive it.") && archive.mutate({ storeId })}
        >
          Archive store
        </Button>
      )}
    </div>
  );
}
