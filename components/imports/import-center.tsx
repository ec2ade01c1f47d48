"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";
import { useCurrentStore } from "@/components/orders/use-current-store";
import { useTRPC } from "@/components/providers/app-providers";
import { Notice } from "@/components/ui/notice";
import { ImportRunView } from "./import-run-view";
import { messageOf } from "./labels";
import { MappingScreen } from "./mapping-screen";
import { RecentImports } from "./recent-imports";
import { SavedTemplates } from "./saved-templates";
import type { UploadResult } from "./types";
import { UploadForm } from "./upload-form";

/**
 * The import page. The run being looked at lives in the URL (?run=N), so a reload or a link from
 * Recent imports lands on the same step: mapping while it waits, progress while it runs, then
 * the report.
 */
export function ImportCenter() {
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const search = useSearchParams();
  const queryClient = useQueryClient();
  const { storeId } = useCurrentStore();
  const runId = Number(search.get("run") ?? 0) || undefined;
  // The first rows come with the upload answer only; a reloaded mapping screen goes without.
  const [uploaded, setUploaded] = useState<UploadResult>();

  const run = useQuery({
    ...trpc.import.run.queryOptions({ storeId, runId: runId ?? 0 }),
    enabled: runId !== undefined,
    refetchInterval: (query) => (query.state.data?.status === "validating" || query.state.data?.status === "importing" ? 500 : false),
  });

  const startOver = () => {
    setUploaded(undefined);
    router.push(pathname);
  };

  let step;
  if (runId === undefined) {
    step = (
      <UploadForm
        storeId={storeId}
        onUploaded={(result) => {
          setUploaded(result);
          void queryClient.invalidateQueries({ queryKey: trpc.import.runs.pathKey() });
          router.push(`${pathname}?run=${result.run.id}`);
        }}
      />
    );
  } else if (run.isPending) {
    step = <p className="text-sm text-slate-500" role="status">Loading the import…</p>;
  } else if (run.isError) {
    const missing = run.error instanceof TRPCClientError && run.error.data?.code === "NOT_FOUND";
    step = <Notice tone="error">{missing ? "This import was not found in this store." : messageOf(run.error)}</Notice>;
  } else if (run.data.status === "uploaded") {
    step = (
      <MappingScreen
        key={run.data.id}
        run={run.data}
        sample={uploaded?.run.id === run.data.id ? uploaded.sample : []}
        onStarted={(started) => queryClient.setQueryData(trpc.import.run.queryKey({ storeId, runId: started.id }), started)}
        onCancel={startOver}
      />
    );
  } else {
    step = <ImportRunView run={run.data} onAnother={startOver} />;
  }

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Imports</h1>
        <p className="mt-1 text-sm text-slate-500">Orders, inventory and shipments from a spreadsheet: upload, check the mapping, preview, import.</p>
      </div>
      {step}
      <RecentImports current={runId} />
      <SavedTemplates />
    </div>
  );
}
