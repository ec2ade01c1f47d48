"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { formatDateTime } from "@/components/orders/format";
import { useCurrentStore } from "@/components/orders/use-current-store";
import { useTRPC } from "@/components/providers/app-providers";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { messageOf, RUN_STATUS, TARGET_LABEL } from "./labels";

/** The store's latest imports, newest first, each opening its progress or report. */
export function RecentImports({ current }: { current?: number }) {
  const trpc = useTRPC();
  const { storeId, timezone } = useCurrentStore();
  const runs = useQuery({
    ...trpc.import.runs.queryOptions({ storeId, limit: 20 }),
    refetchInterval: (query) => (query.state.data?.some((r) => r.status === "validating" || r.status === "importing") ? 2000 : false),
  });
  const list = runs.data ?? [];

  return (
    <Card title="Recent imports">
      {runs.isPending ? (
        <p className="text-sm text-slate-500">Loading…</p>
      ) : runs.isError ? (
        <Notice tone="error">{messageOf(runs.error)}</Notice>
      ) : list.length === 0 ? (
        <p className="text-sm text-slate-500" data-testid="imports-empty">
          No imports yet. Files you import are listed here with what they created, so you can open their report later.
        </p>
      ) : (
        <ul className="space-y-1" aria-label="Recent imports">
          {list.map((run) => {
            const status = RUN_STATUS[run.status];
            return (
              <li key={run.id} data-testid="recent-import" className={`-mx-2 flex flex-wrap items-center gap-3 rounded-md px-2 py-2 ${run.id === current ? "bg-brand-50" : ""}`}>
                <div className="min-w-0 flex-1">
                  <Link href={`?run=${run.id}`} className="block truncate font-medium text-slate-900 hover:text-brand-700 hover:underline">
                    {run.fileName}
                  </Link>
                  <p className="text-xs text-slate-500">
                    {TARGET_LABEL[run.target]} · {formatDateTime(run.createdAt, timezone)} · {run.requestedBy}
                  </p>
                </div>
                {run.status === "done" || run.status === "failed" ? (
                  <p className="text-xs tabular-nums text-slate-600">
                    {run.created} created · {run.updated} updated · {run.skipped} skipped · <span className={run.failed ? "text-red-700" : ""}>{run.failed} failed</span>
                  </p>
                ) : null}
                <span className={`rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${status.className}`}>{status.label}</span>
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}
