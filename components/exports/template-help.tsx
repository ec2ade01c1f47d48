"use client";

import type { ExportHelp } from "./types";

/** The Liquid filters and variables templates can use, from the server's own list. */
export function TemplateHelp({ help, scope }: { help: Pick<ExportHelp, "filters" | "variables"> | undefined; scope: "export" | "email" }) {
  if (!help) return null;
  const variables = help.variables.filter((v) => v.in === "all" || v.in === scope);
  return (
    <section aria-labelledby="template-help-title" className="rounded-lg border border-slate-200 bg-white shadow-sm">
      <h2 id="template-help-title" className="border-b border-slate-100 px-4 py-3 text-base font-semibold text-slate-900">
        Template help
      </h2>
      <div className="space-y-2 px-4 py-3 text-sm">
        <p className="text-slate-600">
          Templates are <a className="font-medium text-brand-700 hover:underline" href="https://liquidjs.com/tutorials/intro-to-liquid.html" target="_blank" rel="noreferrer">Liquid</a>:{" "}
          <code className="font-mono text-xs">{"{{ value | filter }}"}</code> prints, <code className="font-mono text-xs">{"{% for … %}"}</code> and{" "}
          <code className="font-mono text-xs">{"{% if … %}"}</code> repeat and decide.
        </p>
        <details className="group rounded-md border border-slate-200">
          <summary className="cursor-pointer select-none px-3 py-2 font-medium text-slate-800">Variables ({variables.length})</summary>
          <dl className="max-h-80 space-y-2 overflow-auto border-t border-slate-100 px-3 py-2">
            {variables.map((v) => (
              <div key={v.name}>
                <dt className="font-mono text-xs font-semibold text-slate-900">{v.name}</dt>
                <dd className="text-xs text-slate-600">{v.description}</dd>
              </div>
            ))}
          </dl>
        </details>
        <details className="group rounded-md border border-slate-200">
          <summary className="cursor-pointer select-none px-3 py-2 font-medium text-slate-800">Filters ({help.filters.length})</summary>
          <dl className="max-h-80 space-y-3 overflow-auto border-t border-slate-100 px-3 py-2">
            {help.filters.map((f) => (
              <div key={f.name}>
                <dt className="font-mono text-xs font-semibold text-slate-900">{f.name}</dt>
                <dd className="text-xs text-slate-600">{f.description}</dd>
                <dd className="mt-0.5 break-words font-mono text-[11px] text-slate-500">{f.example}</dd>
              </div>
            ))}
          </dl>
        </details>
      </div>
    </section>
  );
}
