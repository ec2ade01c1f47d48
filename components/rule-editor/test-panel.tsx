"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTRPC } from "@/components/providers/app-providers";
import { Button } from "@/components/ui/button";
import { formError } from "@/components/ui/errors";
import { SelectField, TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import type { RuleGraph, TraceEntry } from "@/rules";
import { describeAction } from "./describe";
import { problemsFromServer } from "./graph-model";
import type { Names } from "./types";

interface IntentLike {
  kind: string;
  input: unknown;
  nodeId?: string;
  itemIndex?: number;
}

/**
 * "Test on order": runs the editor's current graph (saved or not) against one order on the
 * server, applying nothing, and shows what it would do and why, comparison by comparison.
 */
export function TestPanel({
  storeId,
  ruleId,
  name,
  graph,
  names,
  canReadOrders,
  beforeRun,
  onRefused,
  onShowNode,
}: {
  storeId: number;
  ruleId?: number;
  name: string;
  graph: RuleGraph;
  names: Names;
  canReadOrders: boolean;
  /** Client-side check first; false stops the run (the problems are shown on the canvas). */
  beforeRun: () => boolean;
  /** The server refused the graph: its problems go onto the nodes. */
  onRefused: (error: unknown) => void;
  onShowNode: (nodeId: string) => void;
}) {
  const trpc = useTRPC();
  const recent = useQuery({ ...trpc.order.list.queryOptions({ storeId, limit: 10 }), enabled: canReadOrders });
  const [orderId, setOrderId] = useState("");
  const [invalid, setInvalid] = useState<string>();
  const test = useMutation(trpc.rule.testOnOrder.mutationOptions());
  const refusedOnNodes = test.isError && problemsFromServer(test.error) !== undefined;

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const id = Number(orderId.trim().replace(/^#/, ""));
    if (!Number.isSafeInteger(id) || id <= 0) return setInvalid("Enter an order number, e.g. 1042.");
    setInvalid(undefined);
    if (!beforeRun()) return test.reset();
    test.mutate({ storeId, ruleId, name: name.trim() || undefined, graph, orderId: id }, { onError: onRefused });
  }

  const result = test.data;
  const intents = (result?.intents ?? []) as IntentLike[];
  const trace = (result?.trace ?? []) as TraceEntry[];
  const lines = result?.explanation ?? [];
  return (
    <div className="space-y-4">
      <form onSubmit={onSubmit} className="space-y-3" aria-label="Test on order">
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField label="Order number" value={orderId} inputMode="numeric" placeholder="e.g. 1042" error={invalid} onChange={(e) => setOrderId(e.target.value)} />
          {canReadOrders ? (
            <SelectField label="Or pick a recent order" value="" onChange={(e) => e.target.value && setOrderId(e.target.value)} disabled={!recent.data?.orders.length}>
              <option value="">{recent.isPending ? "Loading…" : recent.data?.orders.length ? "Choose…" : "No orders yet"}</option>
              {recent.data?.orders.map((o) => (
                <option key={o.id} value={o.id}>
                  #{o.id} · {[o.shipping?.first_name, o.shipping?.last_name].filter(Boolean).join(" ") || o.email || o.sourceId || "order"}
                  {o.shipping?.country ? ` · ${o.shipping.country}` : ""}
                </option>
              ))}
            </SelectField>
          ) : null}
        </div>
        <p className="text-xs text-slate-500">Runs the rule as it is in the editor now, unsaved changes included. Nothing is changed on the order.</p>
        <Button type="submit" variant="secondary" disabled={test.isPending}>
          {test.isPending ? "Testing…" : "Run test"}
        </Button>
      </form>
      {test.isError && !refusedOnNodes ? <Notice tone="error">{formError(test.error)}</Notice> : null}
      {test.isError && refusedOnNodes ? <Notice tone="error">The rule is not valid yet: the problems are marked on the canvas.</Notice> : null}
      {result ? (
        <div className="space-y-3" data-testid="test-result">
          <div>
            <h3 className="text-sm font-semibold text-slate-900">What it would do</h3>
            {intents.length === 0 ? (
              <p className="text-sm text-slate-600" data-testid="test-no-intents">
                Nothing: no action would run on order #{test.variables?.orderId}.
              </p>
            ) : (
              <ul className="mt-1 space-y-1" data-testid="test-intents">
                {intents.map((intent, i) => (
                  <li key={i} className="rounded-md border border-emerald-200 bg-emerald-50 px-2 py-1 text-sm text-emerald-900">
                    {describeAction(intent.kind, intent.input, names)}
                    {intent.itemIndex !== undefined ? <span className="text-emerald-700"> (item {intent.itemIndex + 1})</span> : null}
                  </li>
                ))}
              </ul>
            )}
          </div>
          <div>
            <h3 className="text-sm font-semibold text-slate-900">Why</h3>
            <ol className="mt-1 space-y-1 text-sm" data-testid="test-trace">
              {lines.map((line, i) => (
                <TraceLine key={i} line={line} entry={trace[i]} onShowNode={onShowNode} />
              ))}
            </ol>
          </div>
        </div>
      ) : null}
    </div>
  );
}

const BADGES = { passed: "✓ passed", failed: "✗ failed", skipped: "skipped", runs: "✓ runs", yes: "→ Yes", no: "→ No" } as const;

function TraceLine({ line, entry, onShowNode }: { line: string; entry: TraceEntry | undefined; onShowNode: (nodeId: string) => void }) {
  const outcome =
    entry?.kind === "condition"
      ? entry.passed
        ? "passed"
        : "failed"
      : entry?.kind === "item"
        ? entry.matched
          ? "passed"
          : "failed"
        : entry?.kind === "action"
          ? entry.skipped
            ? "skipped"
            : "runs"
          : entry?.kind === "branch"
            ? entry.branch === "true"
              ? "yes"
              : "no"
            : undefined;
  const tone =
    outcome === "passed" || outcome === "runs"
      ? "border-emerald-200 bg-emerald-50 text-emerald-900"
      : outcome === "failed"
        ? "border-rose-200 bg-rose-50 text-rose-900"
        : "border-slate-200 bg-white text-slate-700";
  const nodeId = entry && "nodeId" in entry ? entry.nodeId : undefined;
  return (
    <li className={`flex items-start gap-2 rounded-md border px-2 py-1 ${tone} ${entry?.kind === "rule" ? "" : "ml-4"}`} data-testid="trace-line" data-outcome={outcome}>
      {outcome ? (
        <span
          className={`mt-0.5 shrink-0 rounded px-1.5 text-[11px] font-bold uppercase ${
            outcome === "failed" ? "bg-rose-600 text-white" : outcome === "skipped" || outcome === "yes" || outcome === "no" ? "bg-slate-500 text-white" : "bg-emerald-600 text-white"
          }`}
        >
          {BADGES[outcome]}
        </span>
      ) : null}
      <span className="min-w-0 flex-1 break-words">
        {line.trim()}
        {entry?.kind === "condition" ? (
          <span className="block text-xs opacity-80">
            expected {show(entry.expected)}, the order has {show(entry.actual)}
          </span>
        ) : null}
      </span>
      {nodeId ? (
        <button type="button" onClick={() => onShowNode(nodeId)} className="shrink-0 text-xs font-medium underline" aria-label={`Show step ${nodeId} on the canvas`}>
          Show
        </button>
      ) : null}
    </li>
  );
}

const show = (value: unknown) => (value === null || value === undefined ? "nothing" : Array.isArray(value) ? value.map((v) => JSON.stringify(v)).join(", ") : JSON.stringify(value));
