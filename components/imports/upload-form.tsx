"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState, type DragEvent } from "react";
import { useTRPC } from "@/components/providers/app-providers";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { SelectField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { fileSize, messageOf, TARGETS } from "./labels";
import { ProgressBar } from "./progress-bar";
import type { ImportTarget, UploadResult } from "./types";
import { UploadError, uploadImportFile } from "./upload";

const ACCEPT = ".csv,.tsv,.txt,.xlsx,text/csv,text/tab-separated-values,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/**
 * Step 1: what the file holds, an optional saved template, then the file (picked or dropped),
 * uploaded at once with a progress bar. The server checks it is a readable spreadsheet.
 */
export function UploadForm({ storeId, onUploaded }: { storeId: number; onUploaded: (result: UploadResult) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [target, setTarget] = useState<ImportTarget>("orders");
  const [templateId, setTemplateId] = useState("");
  const [dragging, setDragging] = useState(false);
  const [uploading, setUploading] = useState<{ name: string; size: number; fraction: number | undefined; abort: () => void }>();
  const [failure, setFailure] = useState<{ fileName: string; message: string }>();
  const inputRef = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const templates = useQuery(trpc.import.templates.queryOptions({ storeId, target }));
  const limits = useQuery(trpc.import.fields.queryOptions({ storeId }));
  const removeTemplate = useMutation(
    trpc.import.deleteTemplate.mutationOptions({
      onSuccess: () => (setTemplateId(""), queryClient.invalidateQueries({ queryKey: trpc.import.templates.pathKey() })),
    }),
  );
  const abortRef = useRef<() => void>(undefined);
  useEffect(() => () => abortRef.current?.(), []);

  async function upload(file: File | undefined) {
    if (!file || uploading) return;
    setFailure(undefined);
    // The server refuses it too; saying so here spares the wait for a long upload.
    const maxBytes = limits.data?.maxUploadBytes;
    if (maxBytes !== undefined && file.size > maxBytes) {
      setFailure({ fileName: file.name, message: `The file is ${fileSize(file.size)}; the largest import is ${fileSize(maxBytes)}. Split it into smaller files.` });
      return;
    }
    const { done, abort } = uploadImportFile({ storeId, file, target, templateId: templateId ? Number(templateId) : undefined }, (fraction) =>
      setUploading((u) => (u ? { ...u, fraction } : u)),
    );
    abortRef.current = abort;
    setUploading({ name: file.name, size: file.size, fraction: 0, abort });
    try {
      const result = await done;
      onUploaded(result);
    } catch (error) {
      const message = error instanceof UploadError ? error.message : "The upload failed. Try again.";
      if (!(error instanceof UploadError && error.message === "Upload canceled.")) setFailure({ fileName: file.name, message });
    } finally {
      abortRef.current = undefined;
      setUploading(undefined);
      if (inputRef.current) inputRef.current.value = "";
    }
  }

  function onDrop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    setDragging(false);
    void upload(event.dataTransfer.files[0]);
  }

  const chosenTemplate = templates.data?.find((t) => String(t.id) === templateId);
  return (
    <Card title="Import a file" description="CSV, TSV or Excel (.xlsx), with a header row. Nothing is written until you check the mapping and press Import.">
      <div className="space-y-5">
        <fieldset>
          <legend className="text-sm font-medium text-slate-700">The file holds</legend>
          <div className="mt-2 grid gap-2 sm:grid-cols-3">
            {TARGETS.map((t) => (
              <label
                key={t.value}
                className={`flex cursor-pointer gap-2 rounded-md border px-3 py-2 text-sm has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-100 ${
                  target === t.value ? "border-brand-500 bg-brand-50" : "border-slate-300 bg-white hover:bg-slate-50"
                }`}
              >
                <input
                  type="radio"
                  name="import-target"
                  value={t.value}
                  checked={target === t.value}
                  disabled={!!uploading}
                  onChange={() => (setTarget(t.value), setTemplateId(""))}
                  className="mt-0.5"
                />
                <span>
                  <span className="block font-medium text-slate-900">{t.label}</span>
                  <span className="block text-xs text-slate-500">{t.description}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>

        <div className="flex flex-wrap items-end gap-2">
          <div className="min-w-64 flex-1">
            <SelectField
              label="Import template"
              value={templateId}
              onChange={(e) => setTemplateId(e.target.value)}
              disabled={!!uploading}
              hint={templates.data?.length ? "A saved mapping: files with the same columns import without mapping again." : "None saved yet: save a mapping as a template on the next step."}
            >
              <option value="">No template (map the columns next)</option>
              {templates.data?.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </SelectField>
          </div>
          {chosenTemplate ? (
            <Button
              type="button"
              variant="ghost"
              className="mb-5"
              disabled={removeTemplate.isPending}
              onClick={() => removeTemplate.mutate({ storeId, templateId: chosenTemplate.id })}
              aria-label={`Delete the template ${chosenTemplate.name}`}
            >
              Delete template
            </Button>
          ) : null}
        </div>
        {removeTemplate.isError ? <Notice tone="error">{messageOf(removeTemplate.error)}</Notice> : null}

        <div
          data-testid="drop-zone"
          onDragOver={(event) => {
            event.preventDefault();
            event.dataTransfer.dropEffect = "copy";
            setDragging(true);
          }}
          onDragLeave={(event) => {
            if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
          }}
          onDrop={onDrop}
          className={`rounded-lg border-2 border-dashed px-6 py-8 text-center transition-colors ${dragging ? "border-brand-500 bg-brand-50" : "border-slate-300 bg-slate-50"}`}
        >
          {uploading ? (
            <div className="mx-auto max-w-md space-y-2 text-left" aria-live="polite">
              <p className="text-sm text-slate-700">
                Uploading <span className="font-medium">{uploading.name}</span> ({fileSize(uploading.size)})
                {uploading.fraction !== undefined ? ` · ${Math.round(uploading.fraction * 100)}%` : ""}
                {uploading.fraction === 1 ? " · checking the file…" : ""}
              </p>
              <ProgressBar label="Upload progress" value={uploading.fraction} testId="upload-progress" />
              <Button type="button" variant="ghost" onClick={uploading.abort}>
                Cancel upload
              </Button>
            </div>
          ) : (
            <>
              <p className="text-sm text-slate-700">Drag a CSV or Excel file here, or</p>
              <label
                htmlFor={inputId}
                className="mt-2 inline-flex cursor-pointer items-center rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white hover:bg-brand-700 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-300"
              >
                Choose a file
                <input
                  ref={inputRef}
                  id={inputId}
                  type="file"
                  accept={ACCEPT}
                  className="sr-only"
                  onChange={(event) => void upload(event.target.files?.[0])}
                />
              </label>
              <p className="mt-2 text-xs text-slate-500">The upload starts as soon as you pick the file.</p>
            </>
          )}
        </div>
        {failure ? (
          <div role="alert" data-testid="upload-error" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
            <p className="font-medium">{failure.fileName} was not imported</p>
            <p className="mt-0.5">{failure.message}</p>
          </div>
        ) : null}
      </div>
    </Card>
  );
}
