"use client";

import { useState } from "react";
import { formError } from "@/components/ui/errors";
import { Notice } from "@/components/ui/notice";
import type { EmailPreview } from "./types";

/**
 * The rendered email: subject, the HTML in a sandboxed frame (no scripts, no forms, no same
 * origin: a template cannot reach the app), and the plain-text version.
 */
export function EmailPreviewPanel({ result, error, busy, empty }: { result: EmailPreview | undefined; error: unknown; busy: boolean; empty: boolean }) {
  const [view, setView] = useState<"html" | "text">("html");
  const email = result?.ok ? result.email : undefined;
  const shown = email && (view === "html" ? (email.html ? "html" : "text") : email.text ? "text" : "html");

  return (
    <section aria-labelledby="email-preview-title" className="rounded-lg border border-slate-200 bg-white shadow-sm" data-testid="email-preview">
      <header className="flex items-center justify-between gap-3 border-b border-slate-100 px-4 py-3">
        <h2 id="email-preview-title" className="text-base font-semibold text-slate-900">
          Preview
        </h2>
        <span className="text-xs text-slate-500" role="status" aria-live="polite">
          {busy ? "Updating…" : ""}
        </span>
      </header>
      <div className={`space-y-3 px-4 py-3 ${busy ? "opacity-70" : ""}`}>
        {empty ? (
          <p className="text-sm text-slate-500">Write a subject and a body (or start from a preset) to see the email.</p>
        ) : error ? (
          <Notice tone="error">{formError(error)}</Notice>
        ) : !result ? (
          <p className="text-sm text-slate-500">Rendering…</p>
        ) : !result.ok ? (
          <div role="alert" data-testid="email-preview-error" className="rounded-md border border-red-200 bg-red-50 px-3 py-2">
            <p className="text-sm font-medium text-red-800">The template has an error</p>
            <p className="mt-1 whitespace-pre-wrap break-words font-mono text-xs text-red-700">{result.error}</p>
          </div>
        ) : email ? (
          <>
            <p className="text-sm">
              <span className="text-slate-500">Subject: </span>
              <span className="font-medium text-slate-900" data-testid="email-preview-subject">
                {email.subject || <span className="text-slate-400">(empty)</span>}
              </span>
            </p>
            <div role="tablist" aria-label="Email version" className="flex gap-1">
              {(["html", "text"] as const).map((v) => (
                <button
                  key={v}
                  type="button"
                  role="tab"
                  aria-selected={shown === v}
                  disabled={v === "html" ? !email.html : !email.text}
                  onClick={() => setView(v)}
                  className={`rounded-md px-3 py-1 text-sm font-medium disabled:cursor-not-allowed disabled:text-slate-300 ${shown === v ? "bg-brand-50 text-brand-700" : "text-slate-600 hover:bg-slate-100"}`}
                >
                  {v === "html" ? "HTML" : "Text"}
                </button>
              ))}
            </div>
            {shown === "html" && email.html ? (
              <iframe
                title="HTML version of the email"
                sandbox=""
                srcDoc={email.html}
                data-testid="email-preview-html"
                className="h-[28rem] w-full rounded-md border border-slate-200 bg-white"
              />
            ) : email.text ? (
              <pre data-testid="email-preview-text" tabIndex={0} className="max-h-[28rem] overflow-auto whitespace-pre-wrap rounded-md border border-slate-200 bg-slate-50 p-3 font-mono text-xs leading-5 text-slate-800">
                {email.text}
              </pre>
            ) : (
              <p className="text-sm text-slate-500">Both bodies are empty.</p>
            )}
          </>
        ) : null}
      </div>
    </section>
  );
}
