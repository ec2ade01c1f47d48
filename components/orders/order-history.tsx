"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/providers/app-providers";
import { formError } from "@/components/ui/errors";
import { Notice } from "@/components/ui/notice";
import { formatDateTime } from "./format";
import type { HistoryEntry } from "./types";

const ACTOR_KINDS: Record<string, string> = { api_key: "API", system: "Auto", rule: "Rule" };

const show = (value: unknown) => {
  if (value === null || value === undefined || value === "") return "(empty)";
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** "shipping" {…} → {…} becomes one line per changed key ("shipping.city: London → Paris"). */
function changeLines(changes: Record<string, { from: unknown; to: unknown }>) {
  return Object.entries(changes).flatMap(([field, change]) => {
    const { from, to } = change ?? {};
    if (!isRecord(from) || !isRecord(to)) return [{ field, from, to }];
    return [...new Set([...Object.keys(from), ...Object.keys(to)])]
      .filter((key) => JSON.stringify(from[key]) !== JSON.stringify(to[key]))
      .map((key) => ({ field: `${field}.${key}`, from: from[key], to: to[key] }));
  });
}

/** Field-by-field changes, when the history line recorded them. */
function Changes({ details }: { details: HistoryEntry["details"] }) {
  const changes = (details as { changes?: Record<string, { from: unknown; to: unknown }> }).changes;
  if (!isRecord(changes)) return null;
  return (
    <ul className="mt-1 space-y-0.5 text-xs text-slate-500">
      {changeLines(changes as Record<string, { from: unknown; to: unknown }>).map((line) => (
        <li key={line.field} className="break-all">
          <span className="font-medium text-slate-600">{line.field}</span>: {show(line.from)} → {show(line.to)}
        </li>
      ))}
    </ul>
  );
}

/** Every change to the order, newest first, with who made it (a person, an API key, a rule). */
export function OrderHistory({ storeId, orderId, timezone }: { storeId: number; orderId: number; timezone: string }) {
  const trpc = useTRPC();
  const history = useQuery(trpc.order.history.queryOptions({ storeId, orderId }));
  return (
    <section className="rounded-lg border border-slate-200 bg-white shadow-sm" aria-label="History" data-testid="history-card">
      <header className="border-b border-slate-100 px-5 py-3">
        <h2 className="text-base font-semibold text-slate-900">History</h2>
      </header>
      <div className="px-5 py-4">
        {history.isPending ? (
          <p className="text-sm text-slate-500">Loading…</p>
        ) : history.isError ? (
          <Notice tone="error">{formError(history.error)}</Notice>
        ) : (
          <ol className="space-y-3">
            {history.data.map((entry) => (
              <li key={entry.id} className="border-l-2 border-slate-200 pl-3" data-testid="history-line">
                <p className="text-sm text-slate-800">{entry.message}</p>
                <p className="text-xs text-slate-500">
                  {ACTOR_KINDS[entry.actorType] ? (
                    <span className="mr-1 rounded bg-slate-100 px-1 py-0.5 font-medium text-slate-600">{ACTOR_KINDS[entry.actorType]}</span>
                  ) : null}
                  {entry.actorLabel} · {formatDateTime(entry.createdAt, timezone)}
                </p>
                <Changes details={entry.details} />
              </li>
            ))}
          </ol>
        )}
      </div>
    </section>
  );
}
