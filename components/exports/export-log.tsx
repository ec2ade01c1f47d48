"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useSearchParams } from "next/navigation";
import { useState } from "react";
import { formatDateTime } from "@/components/orders/format";
import { useCurrentStore } from "@/components/orders/use-current-store";
import { useTRPC } from "@/components/providers/app-providers";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { formError } from "@/components/ui/errors";
import { Notice } from "@/components/ui/notice";
import { plural, RUN_STATUS, TRIGGER_LABELS } from "./labels";

/**
 * Every export run, newest first: when, which template, what started it, how many orders and
 * how it ended. A failed run can be retried (its orders that are still unexported go out again).
 */
export function ExportLog() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { storeId, timezone, can } = useCurrentStore();
  const highlight = Number(useSearchParams().get("run") ?? 0);
  const canRun = can("orders.write");
  const templates = useQuery(trpc.export.list.queryOptions({ storeId }));
  const runs = useQuery({
    ...trpc.export.runs.queryOptions({ storeId, limit: 50 }),
    enabled: canRun,
    // Runs in flight finish on their own: poll only while one is.
    refetchInterval: (query) => (query.state.data?.some((r) => r.status === "pending" || r.status === "retrying") ? 2000 : false),
  });
  const [flash, setFlash] = useState<string>();
  const retry = useMutation(
    trpc.export.retry.mutationOptions({
      onSuccess: (result) => {
        setFlash(result.runId === null ? "Nothing left to export." : `Retrying: export run ${result.runId} started with ${plural(result.orders, "order")}.`);
        return queryClient.invalidateQueries({ queryKey: trpc.export.runs.pathKey() });
      },
    }),
  );
  const templateName = (id: number) => templates.data?.find((t) => t.id === id)?.name ?? `Template ${id}`;
  const list = runs.data ?? [];

  return (
    <Card title="Export log" description={`Newest first; times in ${timezone}.`}>
      {!canRun ? (
        <p className="text-sm text-slate-500">The export log needs the “orders.write” permission.</p>
      ) : runs.isPending ? (
        <p className="text-sm text-slate-500" role="status">
          Loading the export log…
        </p>
      ) : runs.isError ? (
        <Notice tone="error">{formError(runs.error)}</Notice>
      ) : list.length === 0 ? (
        <p className="text-sm text-slate-500" data-testid="export-log-empty">
          No exports yet. Run one from a template (“Export now”), from the order list (select orders, then Export), from a rule, or on a
          schedule; each run is listed here with what it delivered.
        </p>
      ) : (
        <div className="space-y-3">
          {flash ? <Notice tone="success">{flash}</Notice> : null}
          {retry.isError ? <Notice tone="error">{formError(retry.error)}</Notice> : null}
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm" aria-label="Export runs">
              <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
                <tr>
                  <th scope="col" className="py-2 pr-3 font-medium">Run</th>
                  <th scope="col" className="py-2 pr-3 font-medium">When</th>
                  <th scope="col" className="py-2 pr-3 font-medium">Template</th>
                  <th scope="col" className="py-2 pr-3 font-medium">Started by</th>
                  <th scope="col" className="py-2 pr-3 text-right font-medium">Orders</th>
                  <th scope="col" className="py-2 pr-3 font-medium">Status</th>
                  <th scope="col" className="py-2 font-medium">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {list.map((run) => {
                  const status = RUN_STATUS[run.status];
                  return (
                    <tr key={run.id} id={`run-${run.id}`} data-testid="export-run-row" className={`align-top ${run.id === highlight ? "bg-brand-50" : ""}`}>
                      <td className="whitespace-nowrap py-2 pr-3 tabular-nums text-slate-500">#{run.id}</td>
                      <td className="whitespace-nowrap py-2 pr-3 text-slate-600">{formatDateTime(run.createdAt, timezone)}</td>
                      <td className="py-2 pr-3 font-medium text-slate-900">{templateName(run.templateId)}</td>
                      <td className="py-2 pr-3 text-slate-600">
                        {TRIGGER_LABELS[run.trigger] ?? run.trigger}
                        <span className="block text-xs text-slate-400">{run.requestedBy}</span>
                      </td>
                      <td className="py-2 pr-3 text-right tabular-nums">{run.orderIds.length}</td>
                      <td className="max-w-md py-2 pr-3">
                        <span data-testid="export-run-status" className={`rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${status.className}`}>
                          {status.label}
                          {run.attempts > 1 ? ` · ${run.attempts} attempts` : ""}
                        </span>
                        {run.error ? <p className="mt-1 break-words text-xs text-red-700">{run.error}</p> : null}
                        {run.status === "delivered" && run.delivered.length ? (
                          <p className="mt-1 break-all text-xs text-slate-500">{run.delivered.join(" · ")}</p>
                        ) : null}
                      </td>
                      <td className="whitespace-nowrap py-2 text-right">
                        {run.status === "failed" ? (
                          <Button
                            variant="secondary"
                            className="px-2 py-1"
                            aria-label={`Retry export run ${run.id}`}
                            disabled={retry.isPending}
                            onClick={() => (setFlash(undefined), retry.mutate({ storeId, runId: run.id }))}
                          >
                            {retry.isPending && retry.variables?.runId === run.id ? "Retrying…" : "Retry"}
                          </Button>
                        ) : null}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </Card>
  );
}
