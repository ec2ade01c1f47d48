"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useCurrentStore } from "@/components/orders/use-current-store";
import { useTRPC } from "@/components/providers/app-providers";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { SelectField, TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { fileSize, messageOf, TARGET_LABEL } from "./labels";
import { ImportPreview } from "./import-preview";
import { MappingTable } from "./mapping-table";
import type { FieldMapping, ImportMapping, ImportRunView } from "./types";

const empty = (f: FieldMapping) => !f.column && !f.default && !f.transform;

/**
 * Step 2: how the file's columns become records. A recognised Shopify export needs nothing here;
 * any other layout starts from the columns the server matched by name. Preview parses the first
 * records with the mapping as it stands; Import starts the real thing in the background.
 */
export function MappingScreen({
  run,
  sample,
  onStarted,
  onCancel,
}: {
  run: ImportRunView;
  sample: string[][];
  onStarted: (run: ImportRunView) => void;
  onCancel: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { storeId, currency } = useCurrentStore();
  const info = useQuery(trpc.import.fields.queryOptions({ storeId }));
  const [mapping, setMapping] = useState<ImportMapping>(() => run.mapping ?? { target: run.target, fields: {} });
  const [mode, setMode] = useState<"valid_rows" | "all_or_nothing">("valid_rows");
  const [saveAs, setSaveAs] = useState("");
  const preview = useMutation(trpc.import.preview.mutationOptions());
  const start = useMutation(
    trpc.import.start.mutationOptions({
      onSuccess: (started) => {
        void queryClient.invalidateQueries({ queryKey: trpc.import.pathKey() });
        onStarted(started);
      },
    }),
  );
  const target = run.target;
  const headers = run.headers;
  const shopify = mapping.preset === "shopify";

  const change = (next: ImportMapping) => {
    setMapping(next);
    // A preview of another mapping would mislead.
    preview.reset();
  };
  const setField = (key: string, value: FieldMapping) => {
    const fields = { ...mapping.fields };
    if (empty(value)) delete fields[key];
    else fields[key] = Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== "")) as FieldMapping;
    change({ ...mapping, fields });
  };

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    start.mutate({ storeId, runId: run.id, mapping, mode, saveAs: saveAs.trim() || undefined });
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" aria-label="Map the file's columns" noValidate>
      <div className="flex flex-wrap items-start justify-between gap-3 rounded-lg border border-slate-200 bg-white px-5 py-4 shadow-sm">
        <div>
          <h2 className="text-base font-semibold text-slate-900" data-testid="import-file-name">
            {run.fileName}
          </h2>
          <p className="text-sm text-slate-500">
            {TARGET_LABEL[target]} · {fileSize(run.fileBytes)} · {run.format.toUpperCase()} · {headers.length} columns
          </p>
        </div>
        <Button type="button" variant="secondary" onClick={onCancel}>
          Choose another file
        </Button>
      </div>

      {shopify ? (
        <div role="status" data-testid="shopify-detected" className="flex flex-wrap items-center justify-between gap-3 rounded-md border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-800">
          <p>
            <span className="font-semibold">Shopify export recognised — mapped automatically.</span> Orders, line items, addresses, totals,
            discounts and notes are read the way Shopify writes them. Press Import, or Preview first.
          </p>
          <Button type="button" variant="secondary" onClick={() => change({ target, fields: {}, orderKeyColumn: mapping.orderKeyColumn })}>
            Map the columns myself
          </Button>
        </div>
      ) : null}

      {sample.length ? <FileSample headers={headers} sample={sample} /> : null}

      {!shopify ? (
        <Card
          title="Mapping"
          description="Which column feeds each field. Columns the server recognised by their header are already chosen; a default fills blank cells (or every row, without a column)."
        >
          <div className="space-y-4">
            {target === "orders" ? (
              <div className="max-w-md">
                <SelectField
                  label="Rows belong to the same order while this column repeats"
                  value={mapping.orderKeyColumn ?? ""}
                  onChange={(e) => change({ ...mapping, orderKeyColumn: e.target.value || undefined })}
                  hint="Usually the order number: one row per line item, consecutive rows with the same value are one order."
                >
                  <option value="">No grouping: each row is one order</option>
                  {headers.map((h, i) => (
                    <option key={`${i}-${h}`} value={h}>
                      {h}
                    </option>
                  ))}
                </SelectField>
              </div>
            ) : null}
            {target === "inventory" ? (
              <fieldset>
                <legend className="text-sm font-medium text-slate-700">The stock column</legend>
                <div className="mt-1 flex flex-wrap gap-4 text-sm text-slate-700">
                  <label className="inline-flex items-center gap-2">
                    <input type="radio" name="stock-mode" checked={(mapping.stockMode ?? "set") === "set"} onChange={() => change({ ...mapping, stockMode: "set" })} />
                    Sets the stock
                  </label>
                  <label className="inline-flex items-center gap-2">
                    <input type="radio" name="stock-mode" checked={mapping.stockMode === "adjust"} onChange={() => change({ ...mapping, stockMode: "adjust" })} />
                    Is added to the stock (negative takes away)
                  </label>
                </div>
              </fieldset>
            ) : null}
            {target === "shipments" ? (
              <fieldset>
                <legend className="text-sm font-medium text-slate-700">Find each shipment&apos;s order by</legend>
                <div className="mt-1 flex flex-wrap gap-4 text-sm text-slate-700">
                  <label className="inline-flex items-center gap-2">
                    <input type="radio" name="match-by" checked={(mapping.matchBy ?? "source_id") === "source_id"} onChange={() => change({ ...mapping, matchBy: "source_id" })} />
                    Order number (source id from the shop)
                  </label>
                  <label className="inline-flex items-center gap-2">
                    <input type="radio" name="match-by" checked={mapping.matchBy === "id"} onChange={() => change({ ...mapping, matchBy: "id" })} />
                    Switchyard order id
                  </label>
                </div>
              </fieldset>
            ) : null}
            {info.data ? (
              <MappingTable fields={info.data.fields[target]} transforms={info.data.transforms} mapping={mapping} headers={headers} sample={sample} onChange={setField} />
            ) : info.isError ? (
              <Notice tone="error">{messageOf(info.error)}</Notice>
            ) : (
              <p className="text-sm text-slate-500">Loading fields…</p>
            )}
          </div>
        </Card>
      ) : null}

      <Card
        title="Preview"
        description="The first records parsed with this mapping; nothing is written."
        actions={
          <Button type="button" variant="secondary" disabled={preview.isPending} onClick={() => preview.mutate({ storeId, runId: run.id, mapping })}>
            {preview.isPending ? "Reading…" : preview.data ? "Preview again" : "Preview"}
          </Button>
        }
      >
        {preview.isError ? (
          <Notice tone="error">{messageOf(preview.error)}</Notice>
        ) : preview.data ? (
          <ImportPreview target={target} records={preview.data.records} currency={currency} />
        ) : (
          <p className="text-sm text-slate-500">Press Preview to see how the first rows will be imported, and which would fail and why.</p>
        )}
      </Card>

      <Card title="Import">
        <div className="space-y-4">
          <fieldset>
            <legend className="text-sm font-medium text-slate-700">When some rows fail the checks</legend>
            <div className="mt-1 space-y-1 text-sm text-slate-700">
              <label className="flex items-start gap-2">
                <input type="radio" name="import-mode" className="mt-0.5" checked={mode === "valid_rows"} onChange={() => setMode("valid_rows")} />
                <span>
                  Import valid rows <span className="text-slate-500">— the others are listed in the report, to fix and import again</span>
                </span>
              </label>
              <label className="flex items-start gap-2">
                <input type="radio" name="import-mode" className="mt-0.5" checked={mode === "all_or_nothing"} onChange={() => setMode("all_or_nothing")} />
                <span>
                  All or nothing <span className="text-slate-500">— one failing row and nothing is imported</span>
                </span>
              </label>
            </div>
          </fieldset>
          <div className="max-w-md">
            <TextField
              label="Save mapping as template (optional)"
              value={saveAs}
              onChange={(e) => setSaveAs(e.target.value)}
              maxLength={100}
              placeholder="e.g. Wholesale orders"
              hint="Files with the same columns then import without mapping again. A template with this name is replaced."
            />
          </div>
          {start.isError ? <Notice tone="error">{messageOf(start.error)}</Notice> : null}
          <div className="flex items-center gap-2">
            <Button type="submit" disabled={start.isPending}>
              {start.isPending ? "Starting…" : "Import"}
            </Button>
            <span className="text-xs text-slate-500">Importing the same file again skips what is already in the store.</span>
          </div>
        </div>
      </Card>
    </form>
  );
}

/** The file as uploaded: its header row and first rows, to recognise the columns. */
function FileSample({ headers, sample }: { headers: string[]; sample: string[][] }) {
  return (
    <details className="rounded-lg border border-slate-200 bg-white shadow-sm" open>
      <summary className="cursor-pointer select-none px-5 py-3 text-sm font-semibold text-slate-900">The file&apos;s first rows</summary>
      <div className="overflow-x-auto border-t border-slate-100">
        <table className="w-full text-left text-xs" aria-label="First rows of the file">
          <thead className="bg-slate-50 text-slate-600">
            <tr>
              {headers.map((h, i) => (
                <th key={`${i}-${h}`} scope="col" className="whitespace-nowrap px-3 py-1.5 font-semibold">
                  {h || `(column ${i + 1})`}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {sample.map((row, r) => (
              <tr key={r}>
                {headers.map((_, c) => (
                  <td key={c} className="max-w-48 truncate whitespace-nowrap px-3 py-1.5 text-slate-700">
                    {row[c] ?? ""}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
