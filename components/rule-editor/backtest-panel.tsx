"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { useTRPC } from "@/components/providers/app-providers";
import { Button } from "@/components/ui/button";
import { formError } from "@/components/ui/errors";
import { SelectField, TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import type { RuleGraph } from "@/rules";
import { describeAction } from "./describe";
import { CheckboxField } from "./fields";
import { problemsFromServer } from "./graph-model";
import type { Names } from "./types";

/** "Backtest": the current graph over the newest N orders (of a folder), changing nothing. */
export function BacktestPanel({
  storeId,
  ruleId,
  name,
  graph,
  names,
  folders,
  beforeRun,
  onRefused,
}: {
  storeId: number;
  ruleId?: number;
  name: string;
  graph: RuleGraph;
  names: Names;
  folders: readonly { id: number; name: string }[];
  beforeRun: () => boolean;
  onRefused: (error: unknown) => void;
}) {
  const trpc = useTRPC();
  const [limit, setLimit] = useState("50");
  const [folderId, setFolderId] = useState("");
  const [showAll, setShowAll] = useState(false);
  const [invalid, setInvalid] = useState<string>();
  const run = useMutation(trpc.rule.backtest.mutationOptions());
  const refusedOnNodes = run.isError && problemsFromServer(run.error) !== undefined;

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const n = Number(limit);
    if (!Number.isInteger(n) || n < 1 || n > 500) return setInvalid("Use 1 to 500 orders.");
    setInvalid(undefined);
    if (!beforeRun()) return run.reset();
    run.mutate({ storeId, ruleId, name: name.trim() || undefined, graph, limit: n, folderId: folderId ? Number(folderId) : undefined }, { onError: onRefused });
  }

  const result = run.data;
  const rows = result ? result.rows.filter((r) => showAll || r.matched) : [];
  return (
    <div className="space-y-4">
      <form onSubmit={onSubmit} className="space-y-3" aria-label="Backtest">
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField label="Newest orders" type="number" min={1} max={500} value={limit} error={invalid} onChange={(e) => setLimit(e.target.value)} />
          <SelectField label="In folder" value={folderId} onChange={(e) => setFolderId(e.target.value)}>
            <option value="">All folders</option>
            {folders.map((f) => (
              <option key={f.id} value={f.id}>
                {f.name}
              </option>
            ))}
          </SelectField>
        </div>
        <p className="text-xs text-slate-500">Shows which orders the rule, as it is in the editor now, would change and how. Nothing is changed.</p>
        <Button type="submit" variant="secondary" disabled={run.isPending}>
          {run.isPending ? "Running…" : "Run backtest"}
        </Button>
      </form>
      {run.isError && !refusedOnNodes ? <Notice tone="error">{formError(run.error)}</Notice> : null}
      {run.isError && refusedOnNodes ? <Notice tone="error">The rule is not valid yet: the problems are marked on the canvas.</Notice> : null}
      {result ? (
        <div className="space-y-2" data-testid="backtest-result">
          <p className="text-sm font-medium text-slate-800" role="status">
            {result.matched} of {result.orders} {result.orders === 1 ? "order" : "orders"} would match.
          </p>
          {result.orders > result.matched ? <CheckboxField label="Also list the orders that would not match" checked={showAll} onChange={(e) => setShowAll(e.target.checked)} /> : null}
          {rows.length ? (
            <div className="overflow-x-auto rounded-md border border-slate-200">
              <table className="w-full text-left text-sm" aria-label="Backtest results">
                <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
                  <tr>
                    <th scope="col" className="px-3 py-2 font-medium">Order</th>
                    <th scope="col" className="px-3 py-2 font-medium">Matches</th>
                    <th scope="col" className="px-3 py-2 font-medium">What would change</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {rows.map((row) => (
                    <tr key={row.orderId} data-testid="backtest-row">
                      <td className="whitespace-nowrap px-3 py-2">
                        <Link href={`/s/${storeId}/orders/${row.orderId}`} className="font-medium text-brand-700 hover:underline">
                          #{row.orderId}
                        </Link>
                      </td>
                      <td className="px-3 py-2">{row.matched ? <span className="font-medium text-emerald-700">Yes</span> : <span className="text-slate-500">No</span>}</td>
                      <td className="px-3 py-2">
                        {row.intents.length ? (
                          <ul className="space-y-0.5">
                            {row.intents.map((intent, i) => (
                              <li key={i}>
                                {describeAction(intent.kind, intent.input, names)}
                                {intent.itemIndex !== undefined && intent.itemIndex !== null ? <span className="text-slate-500"> (item {Number(intent.itemIndex) + 1})</span> : null}
                              </li>
                            ))}
                          </ul>
                        ) : (
                          <span className="text-slate-400">Nothing</span>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : result.orders === 0 ? (
            <p className="text-sm text-slate-600">There are no orders {folderId ? "in this folder " : ""}to test on yet.</p>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
