"use client";

import { useQuery } from "@tanstack/react-query";
import { explain, type TraceEntry } from "@/rules";
import { useTRPC } from "@/components/providers/app-providers";
import { formError } from "@/components/ui/errors";
import { Notice } from "@/components/ui/notice";
import { formatDateTime } from "./format";

const EVENT_LABELS: Record<string, string> = {
  "order/created": "Order created",
  "order/updated": "Order details changed",
  "order/folder.changed": "Folder changed",
  "shipment/created": "Shipment added",
  "order/split": "Order split",
  "order/copied": "Order copied in",
  "rules/scheduled": "Schedule",
  "rules/manual": "Run by hand",
};

const RESULT_STYLES: Record<string, string> = {
  applied: "bg-emerald-50 text-emerald-700",
  already_applied: "bg-slate-100 text-slate-600",
  refused: "bg-amber-50 text-amber-800",
  error: "bg-red-50 text-red-700",
  pending: "bg-slate-100 text-slate-600",
};

interface PlannedIntent {
  ruleName: string;
  kind: string;
}
interface IntentResult {
  status: string;
  error?: string;
  attempts?: number;
}

/** Which rules ran on this order, when, and what became of each action (with errors and retries). */
export function OrderRuleRuns({ storeId, orderId, timezone }: { storeId: number; orderId: number; timezone: string }) {
  const trpc = useTRPC();
  const runs = useQuery(trpc.rule.runsForOrder.queryOptions({ storeId, orderId }));
  if (runs.isPending || (runs.isSuccess && runs.data.length === 0)) return null;
  return (
    <section className="rounded-lg border border-slate-200 bg-white shadow-sm" aria-label="Rule runs" data-testid="rule-runs-card">
      <header className="border-b border-slate-100 px-5 py-3">
        <h2 className="text-base font-semibold text-slate-900">Rules</h2>
      </header>
      <div className="px-5 py-4">
        {runs.isError ? (
          <Notice tone="error">{formError(runs.error)}</Notice>
        ) : (
          <ol className="space-y-4">
            {runs.data.map((run) => {
              const intents = run.intents as PlannedIntent[];
              const results = run.results as Record<string, IntentResult>;
              return (
                <li key={run.id} className="border-l-2 border-brand-200 pl-3" data-testid="rule-run">
                  <p className="text-sm text-slate-800">
                    {EVENT_LABELS[run.eventName] ?? run.eventName} · {formatDateTime(run.createdAt, timezone)}{" "}
                    <span className="text-xs text-slate-500">({run.status === "loop_stopped" ? "stopped: rules kept triggering each other" : run.status})</span>
                  </p>
                  {intents.length === 0 ? <p className="text-xs text-slate-500">No rule matched.</p> : null}
                  <ul className="mt-1 space-y-1">
                    {intents.map((intent, index) => {
                      const result = results[String(index)] ?? { status: "pending" };
                      return (
                        <li key={index} className="text-xs text-slate-600" data-testid="rule-run-action">
                          <span className={`mr-1 rounded px-1.5 py-0.5 font-medium ${RESULT_STYLES[result.status] ?? RESULT_STYLES.pending}`}>{result.status.replace("_", " ")}</span>
                          {intent.kind.replaceAll("_", " ")} · {intent.ruleName}
                          {result.attempts && result.attempts > 1 ? ` · ${result.attempts} attempts` : ""}
                          {result.error ? <span className="block text-red-700">{result.error}</span> : null}
                        </li>
                      );
                    })}
                  </ul>
                  {run.trace.length ? (
                    <details className="mt-1 text-xs text-slate-500">
                      <summary className="cursor-pointer">Why</summary>
                      <ul className="mt-1 list-disc space-y-0.5 pl-4">
                        {explain(run.trace as TraceEntry[]).map((line, i) => (
                          <li key={i}>{line}</li>
                        ))}
                      </ul>
                    </details>
                  ) : null}
                </li>
              );
            })}
          </ol>
        )}
      </div>
    </section>
  );
}
