"use client";

import { useState } from "react";
import { compactControl as control } from "@/components/orders/compact-control";
import { TRANSFORM_HINTS, TRANSFORM_LABELS } from "./labels";
import type { FieldMapping, ImportField, ImportMapping, Transform } from "./types";

const NAME_FIELD = /^(shipping|customer)\.name$/;

/** A few distinct non-empty values of a column from the file's first rows. */
export function samplesOf(headers: string[], sample: string[][], column: string | undefined, count = 3): string[] {
  if (!column) return [];
  const index = headers.indexOf(column);
  if (index === -1) return [];
  return [...new Set(sample.map((row) => (row[index] ?? "").trim()).filter(Boolean))].slice(0, count);
}

/**
 * One row per field the target takes: which column feeds it (with sample values), a default for
 * blank cells, and a transform. Order imports have many fields, so the unmapped optional ones
 * wait behind "Show all fields".
 */
export function MappingTable({
  fields,
  transforms,
  mapping,
  headers,
  sample,
  onChange,
}: {
  fields: ImportField[];
  transforms: readonly Transform[];
  mapping: ImportMapping;
  headers: string[];
  sample: string[][];
  onChange: (key: string, next: FieldMapping) => void;
}) {
  const [initiallyShown] = useState(() => new Set(fields.filter((f) => f.required || mapping.fields[f.key]).map((f) => f.key)));
  const [showAll, setShowAll] = useState(() => fields.length <= 12);
  const known = new Set(fields.map((f) => f.key));
  // Keys a saved template may hold beyond the list (checkout_data:Gift, item.variation:Size).
  const extra: ImportField[] = Object.keys(mapping.fields)
    .filter((key) => !known.has(key))
    .map((key) => ({ key, label: key, synonyms: [] }));
  const rows = [...fields.filter((f) => showAll || initiallyShown.has(f.key)), ...extra];
  const hidden = fields.length - fields.filter((f) => showAll || initiallyShown.has(f.key)).length;

  return (
    <div className="space-y-3">
      <div className="overflow-x-auto rounded-lg border border-slate-200">
        <table className="w-full text-left text-sm" aria-label="Column mapping">
          <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="py-2 pl-3 pr-3 font-medium">Field</th>
              <th scope="col" className="px-3 py-2 font-medium">Column in the file</th>
              <th scope="col" className="px-3 py-2 font-medium">Default</th>
              <th scope="col" className="px-3 py-2 pr-3 font-medium">Transform</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((field) => {
              const current = mapping.fields[field.key] ?? {};
              const samples = samplesOf(headers, sample, current.column);
              const missing = current.column !== undefined && !headers.includes(current.column);
              return (
                <tr key={field.key} data-testid="mapping-row" data-field={field.key} className={`align-top ${current.column ? "" : "bg-slate-50/50"}`}>
                  <th scope="row" className="max-w-56 py-2 pl-3 pr-3 font-normal">
                    <span className="font-medium text-slate-900">{field.label}</span>
                    {field.required ? <span className="ml-1 text-xs font-medium text-red-700">required</span> : null}
                    {field.hint ? <span className="mt-0.5 block text-xs text-slate-500">{field.hint}</span> : null}
                  </th>
                  <td className="px-3 py-2">
                    <select
                      aria-label={`Column for ${field.label}`}
                      value={current.column ?? ""}
                      onChange={(e) => onChange(field.key, { ...current, column: e.target.value || undefined })}
                      className={`${control} w-full max-w-56`}
                    >
                      <option value="">— not in the file —</option>
                      {missing ? <option value={current.column}>{current.column} (not in this file)</option> : null}
                      {headers.map((h, i) => (
                        <option key={`${i}-${h}`} value={h}>
                          {h || `(column ${i + 1}, no header)`}
                        </option>
                      ))}
                    </select>
                    {samples.length ? (
                      <p className="mt-1 max-w-56 truncate text-xs text-slate-500" data-testid="mapping-sample" title={samples.join(", ")}>
                        e.g. {samples.join(", ")}
                      </p>
                    ) : missing ? (
                      <p className="mt-1 text-xs text-red-700">This file has no such column.</p>
                    ) : null}
                  </td>
                  <td className="px-3 py-2">
                    <input
                      aria-label={`Default for ${field.label}`}
                      value={current.default ?? ""}
                      maxLength={1000}
                      placeholder={current.column ? "If blank" : "Same for every row"}
                      onChange={(e) => onChange(field.key, { ...current, default: e.target.value || undefined })}
                      className={`${control} w-full max-w-44`}
                    />
                  </td>
                  <td className="px-3 py-2 pr-3">
                    <select
                      aria-label={`Transform for ${field.label}`}
                      value={current.transform ?? ""}
                      onChange={(e) => onChange(field.key, { ...current, transform: (e.target.value || undefined) as Transform | undefined })}
                      title={current.transform ? TRANSFORM_HINTS[current.transform] : undefined}
                      className={`${control} w-full min-w-40 max-w-52`}
                    >
                      <option value="">None</option>
                      {transforms
                        .filter((t) => t !== "split_name" || NAME_FIELD.test(field.key))
                        .map((t) => (
                          <option key={t} value={t} title={TRANSFORM_HINTS[t]}>
                            {TRANSFORM_LABELS[t] ?? t}
                          </option>
                        ))}
                    </select>
                    {current.transform ? <p className="mt-1 max-w-52 text-xs text-slate-500">{TRANSFORM_HINTS[current.transform]}</p> : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {hidden > 0 ? (
        <button type="button" onClick={() => setShowAll(true)} className="text-sm font-medium text-brand-700 hover:underline">
          Show all fields ({hidden} more)
        </button>
      ) : null}
    </div>
  );
}
