"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { compactControl as control } from "@/components/orders/compact-control";
import { useTRPC } from "@/components/providers/app-providers";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { lineRange, messageOf, REPORT_STATUS } from "./labels";
import type { ReportStatus } from "./types";

const PAGE = 25;
const STATUSES: ReportStatus[] = ["created", "updated", "skipped", "failed"];

/** What happened to each record of the file, in file order: filter by outcome, a page at a time. */
export function ImportReport({ storeId, runId }: { storeId: number; runId: number }) {
  const trpc = useTRPC();
  const [status, setStatus] = useState<ReportStatus | "">("");
  const [offset, setOffset] = useState(0);
  const report = useQuery({
    ...trpc.import.report.queryOptions({ storeId, runId, offset, limit: PAGE, status: status || undefined }),
    placeholderData: keepPreviousData,
  });
  const counts = report.data?.counts ?? {};
  const total = status ? (counts[status] ?? 0) : Object.values(counts).reduce((a, b) => a + b, 0);
  const rows = report.data?.rows ?? [];

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <label className="flex items-center gap-2 text-sm text-slate-700">
          Show
          <select
            value={status}
            onChange={(e) => (setStatus(e.target.value as ReportStatus | ""), setOffset(0))}
            className={control}
            aria-label="Show report rows with status"
          >
            <option value="">Every row ({Object.values(counts).reduce((a, b) => a + b, 0)})</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {REPORT_STATUS[s].label} ({counts[s] ?? 0})
              </option>
            ))}
          </select>
        </label>
        <a
          href={`/api/stores/${storeId}/imports/${runId}/report`}
          download
          className="inline-flex items-center rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50"
        >
          Download report (CSV)
        </a>
      </div>
      {report.isError ? <Notice tone="error">{messageOf(report.error)}</Notice> : null}
      {report.isPending ? (
        <p className="text-sm text-slate-500">Loading the report…</p>
      ) : rows.length === 0 ? (
        <p className="rounded-md border border-slate-200 px-4 py-6 text-center text-sm text-slate-500" data-testid="report-empty">
          {status ? `No ${REPORT_STATUS[status].label.toLowerCase()} rows.` : "The report is empty: the file had no records to import."}
        </p>
      ) : (
        <>
          <div className={`overflow-x-auto rounded-lg border border-slate-200 ${report.isPlaceholderData ? "opacity-60" : ""}`}>
            <table className="w-full text-left text-sm" aria-label="Import report">
              <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
                <tr>
                  <th scope="col" className="px-3 py-2 font-medium">Lines</th>
                  <th scope="col" className="px-3 py-2 font-medium">Status</th>
                  <th scope="col" className="px-3 py-2 font-medium">Reference</th>
                  <th scope="col" className="px-3 py-2 font-medium">Order</th>
                  <th scope="col" className="px-3 py-2 font-medium">Details</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {rows.map((row) => (
                  <tr key={row.id} data-testid="report-row" data-status={row.status} className={`align-top ${row.status === "failed" ? "bg-red-50/60" : ""}`}>
                    <td className="whitespace-nowrap px-3 py-2 tabular-nums text-slate-500">{lineRange(row.firstLine, row.lastLine)}</td>
                    <td className={`whitespace-nowrap px-3 py-2 font-medium ${REPORT_STATUS[row.status].className}`}>{REPORT_STATUS[row.status].label}</td>
                    <td className="px-3 py-2 font-mono text-xs text-slate-800">{row.reference || "—"}</td>
                    <td className="whitespace-nowrap px-3 py-2">
                      {row.orderId ? (
                        <Link href={`/s/${storeId}/orders/${row.orderId}`} className="text-brand-700 hover:underline">
                          #{row.orderId}
                        </Link>
                      ) : (
                        <span className="text-slate-400">—</span>
                      )}
                    </td>
                    <td className={`px-3 py-2 ${row.status === "failed" ? "text-red-700" : "text-slate-600"}`}>{row.reason || ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <nav aria-label="Report pages" className="flex items-center justify-between text-sm text-slate-600">
            <span>
              {offset + 1}–{offset + rows.length} of {total}
            </span>
            <span className="flex gap-2">
              <Button variant="secondary" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
                Previous
              </Button>
              <Button variant="secondary" disabled={offset + rows.length >= total} onClick={() => setOffset(offset + PAGE)}>
                Next
              </Button>
            </span>
          </nav>
        </>
      )}
    </div>
  );
}
