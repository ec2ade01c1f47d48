"use client";

import { useCurrentStore } from "@/components/orders/use-current-store";
import { formatDateTime } from "@/components/orders/format";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { ImportReport } from "./import-report";
import { fileSize, plural, RUN_STATUS, TARGET_LABEL } from "./labels";
import { ProgressBar } from "./progress-bar";
import type { ImportRunView as Run } from "./types";

const PHASE: Partial<Record<Run["status"], string>> = { validating: "Checking rows", importing: "Importing", done: "Finished", failed: "Stopped", interrupted: "Interrupted" };

/**
 * Step 3: a started import. While it runs (the caller polls) the bar shows the phase and how far
 * through the file it is; at the end, the counts and the report of every record.
 */
export function ImportRunView({ run, onAnother }: { run: Run; onAnother: () => void }) {
  const { storeId, timezone } = useCurrentStore();
  const running = run.status === "validating" || run.status === "importing";
  const fraction = run.status === "done" ? 1 : run.fileBytes > 0 ? run.progressBytes / run.fileBytes : undefined;
  const percent = fraction === undefined ? undefined : Math.min(100, Math.round(fraction * 100));
  const status = RUN_STATUS[run.status];
  const counts: [label: string, value: number, className: string][] = [
    ["Created", run.created, "text-emerald-700"],
    ["Updated", run.updated, "text-sky-700"],
    ["Skipped", run.skipped, "text-slate-700"],
    ["Failed", run.failed, "text-red-700"],
  ];

  return (
    <div className="space-y-4">
      <Card
        title={run.fileName}
        description={
          <>
            {TARGET_LABEL[run.target]} · {fileSize(run.fileBytes)} · uploaded {formatDateTime(run.createdAt, timezone)} by {run.requestedBy}
            {run.mode === "all_or_nothing" ? " · all or nothing" : ""}
          </>
        }
        actions={
          running ? null : (
            <Button type="button" variant="secondary" onClick={onAnother}>
              Import another file
            </Button>
          )
        }
      >
        <div className="space-y-4" data-testid="import-run" data-status={run.status}>
          <div className="space-y-1.5" aria-live="polite">
            <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
              <p>
                <span className="font-semibold text-slate-900" data-testid="import-phase">
                  {PHASE[run.status] ?? status.label}
                </span>
                {running && percent !== undefined ? <span className="text-slate-600"> · {percent}%</span> : null}
              </p>
              <p className="text-slate-500" data-testid="import-rows-read">
                {plural(run.rowsRead, "row")} read
              </p>
            </div>
            {/* A stopped import's bar would only say how far the last progress report got. */}
            {run.status === "failed" || run.status === "interrupted" ? null : <ProgressBar label="Import progress" value={fraction} testId="import-progress" />}
            {running ? (
              <p className="text-xs text-slate-500">
                {run.status === "validating"
                  ? "Every row is checked first; nothing is written until the whole file has been read."
                  : "Writing in batches. You can leave this page: the import carries on, and Recent imports shows how it ended."}
              </p>
            ) : null}
          </div>

          {run.status === "failed" || run.status === "interrupted" ? (
            <div role="alert" data-testid="import-error" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
              <p className="font-medium">The import {run.status === "interrupted" ? "was interrupted" : "failed"}</p>
              {run.error ? <p className="mt-0.5">{run.error}</p> : null}
            </div>
          ) : null}

          {!running ? (
            <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4" data-testid="import-counts">
              {counts.map(([label, value, className]) => (
                <div key={label} className="rounded-md border border-slate-200 px-3 py-2">
                  <dt className="text-xs uppercase tracking-wide text-slate-500">{label}</dt>
                  <dd className={`text-2xl font-semibold tabular-nums ${className}`} data-testid={`count-${label.toLowerCase()}`}>
                    {value.toLocaleString()}
                  </dd>
                </div>
              ))}
            </dl>
          ) : null}
          {run.status === "done" && run.failed === 0 ? (
            <Notice tone="success">
              Import finished: {[run.created && `${run.created} created`, run.updated && `${run.updated} updated`, run.skipped && `${run.skipped} skipped (already in the store)`].filter(Boolean).join(", ") || "nothing to change"}.
            </Notice>
          ) : null}
        </div>
      </Card>

      {!running ? (
        <Card title="Report" description="One row per order, item or shipment in the file, with the lines it came from.">
          <ImportReport storeId={storeId} runId={run.id} />
        </Card>
      ) : null}
    </div>
  );
}
