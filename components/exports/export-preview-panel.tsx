"use client";

import { useState } from "react";
import { formError } from "@/components/ui/errors";
import { Notice } from "@/components/ui/notice";
import { plural } from "./labels";
import type { ExportPreview } from "./types";

const kb = (bytes: number) => (bytes < 1024 ? `${bytes} bytes` : `${(bytes / 1024).toFixed(1)} KB`);

/** What the template produces over the newest orders, refreshed as the template changes. */
export function ExportPreviewPanel({
  result,
  error,
  busy,
  empty,
}: {
  result: ExportPreview | undefined;
  error: unknown;
  busy: boolean;
  empty: boolean;
}) {
  const [shown, setShown] = useState(0);
  const documents = result?.ok ? result.documents : [];
  const document = documents[Math.min(shown, documents.length - 1)];

  return (
    <section aria-labelledby="export-preview-title" className="rounded-lg border border-slate-200 bg-white shadow-sm" data-testid="export-preview">
      <header className="flex items-center justify-between gap-3 border-b border-slate-100 px-4 py-3">
        <h2 id="export-preview-title" className="text-base font-semibold text-slate-900">
          Preview
        </h2>
        <span className="text-xs text-slate-500" role="status" aria-live="polite">
          {busy ? "Updating…" : result?.ok && result.orderCount ? `Newest ${plural(result.orderCount, "order")}` : ""}
        </span>
      </header>
      <div className="space-y-3 px-4 py-3">
        {empty ? (
          <p className="text-sm text-slate-500">Write a template (or start from a preset) to see what it produces.</p>
        ) : error ? (
          <Notice tone="error">{formError(error)}</Notice>
        ) : !result ? (
          <p className="text-sm text-slate-500">Rendering…</p>
        ) : !result.ok ? (
          <div role="alert" data-testid="export-preview-error" className="rounded-md border border-red-200 bg-red-50 px-3 py-2">
            <p className="text-sm font-medium text-red-800">The template has an error</p>
            <p className="mt-1 whitespace-pre-wrap break-words font-mono text-xs text-red-700">{result.error}</p>
          </div>
        ) : result.orderCount === 0 ? (
          <p className="text-sm text-slate-500" data-testid="export-preview-no-orders">
            This store has no orders yet. The preview renders the template over your newest orders once there are some.
          </p>
        ) : document ? (
          <>
            <div className="flex flex-wrap items-center justify-between gap-2">
              {documents.length > 1 ? (
                <label className="flex items-center gap-2 text-sm text-slate-700">
                  File
                  <select
                    value={Math.min(shown, documents.length - 1)}
                    onChange={(e) => setShown(Number(e.target.value))}
                    className="rounded-md border border-slate-300 bg-white px-2 py-1 font-mono text-xs"
                  >
                    {documents.map((d, i) => (
                      <option key={`${i}-${d.fileName}`} value={i}>
                        {d.fileName}
                      </option>
                    ))}
                  </select>
                </label>
              ) : (
                <p className="break-all font-mono text-sm font-medium text-slate-900" data-testid="export-preview-file">
                  {document.fileName}
                </p>
              )}
              <span className="text-xs text-slate-500">{kb(document.bytes)}</span>
            </div>
            <pre
              data-testid="export-preview-content"
              tabIndex={0}
              aria-label={`Content of ${document.fileName}`}
              className={`max-h-[28rem] overflow-auto rounded-md border border-slate-200 bg-slate-50 p-3 font-mono text-xs leading-5 text-slate-800 ${busy ? "opacity-60" : ""}`}
            >
              {document.content || <span className="text-slate-400">(empty file)</span>}
            </pre>
            {document.truncated ? <p className="text-xs text-slate-500">Only the start of the file is shown.</p> : null}
          </>
        ) : null}
      </div>
    </section>
  );
}
