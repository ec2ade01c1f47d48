"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import type { FormEvent } from "react";
import { useTRPC } from "@/components/providers/app-providers";
import { Button } from "@/components/ui/button";
import { formError } from "@/components/ui/errors";
import { Notice } from "@/components/ui/notice";
import { compactControl as control } from "./compact-control";


/** Runs an enabled "Run by hand" rule on the selected orders (in the background, like any rule). */
export function RunRuleControl({ storeId, orderIds, onDone }: { storeId: number; orderIds: number[]; onDone: (message: string) => void }) {
  const trpc = useTRPC();
  const manual = useQuery(trpc.rule.manualRules.queryOptions({ storeId }));
  const run = useMutation(trpc.rule.runOnOrders.mutationOptions());
  if (!manual.data?.length) return null;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const ruleId = Number(new FormData(event.currentTarget).get("ruleId"));
    const name = manual.data?.find((r) => r.id === ruleId)?.name ?? "The rule";
    run.mutate(
      { storeId, ruleIds: [ruleId], orderIds },
      { onSuccess: (result) => onDone(`"${name}" is running on ${result.queued} order${result.queued === 1 ? "" : "s"}; each order's page shows what it did.`) },
    );
  }

  return (
    <form onSubmit={onSubmit} className="flex items-center gap-2" aria-label="Run a rule on the selected orders">
      <label htmlFor="bulk-rule" className="text-sm text-slate-700">
        Run rule
      </label>
      <select id="bulk-rule" name="ruleId" className={control}>
        {manual.data.map((r) => (
          <option key={r.id} value={r.id}>
            {r.name}
          </option>
        ))}
      </select>
      <Button type="submit" variant="secondary" disabled={run.isPending}>
        {run.isPending ? "Starting…" : "Run"}
      </Button>
      {run.error ? <Notice tone="error">{formError(run.error)}</Notice> : null}
    </form>
  );
}
