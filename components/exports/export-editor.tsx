"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTemplateDraft } from "@/components/templates/use-template-draft";
import { useEffect, useMemo, useState, type FormEvent, type ReactNode } from "react";
import { useCurrentStore } from "@/components/orders/use-current-store";
import { useTRPC } from "@/components/providers/app-providers";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { fieldErrors, formError } from "@/components/ui/errors";
import { SelectField, TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { CodeField, MonoTextField } from "./code-field";
import { DestinationFields } from "./destination-fields";
import { draftOf, inputOf, type ExportDraft } from "./draft";
import { ExportPreviewPanel } from "./export-preview-panel";
import { errorAt, otherErrors } from "./field-errors";
import { FORMAT_LABELS, MODE_LABELS, plural } from "./labels";
import { saveFile } from "./save-file";
import { TemplateHelp } from "./template-help";
import type { ExportFormat, ExportMode, SavedExportTemplate } from "./types";
import { useDebounced } from "./use-debounced";

const withoutSecrets = (d: ExportDraft): ExportDraft => ({ ...d, remote: { ...d.remote, password: "", privateKey: "" } });

const SHOWN_FIELDS = ["name", "format", "mode", "body", "template", "filenamePattern", "destination", "sourceFolderId", "moveToFolderId", "schedule"] as const;

/** The export template editor: a new template, or a saved one loaded first. */
export function ExportEditor({ templateId }: { templateId?: number }) {
  const trpc = useTRPC();
  const { storeId } = useCurrentStore();
  const saved = useQuery({ ...trpc.export.byId.queryOptions({ storeId, templateId: templateId ?? 0 }), enabled: templateId !== undefined });

  if (templateId !== undefined) {
    if (saved.isPending) return <p className="text-sm text-slate-500" role="status">Loading export template…</p>;
    if (saved.isError) {
      const missing = saved.error instanceof TRPCClientError && saved.error.data?.code === "NOT_FOUND";
      return (
        <div className="space-y-3">
          <Notice tone="error">{missing ? "This export template was not found in this store. It may have been deleted." : formError(saved.error)}</Notice>
          <Link href={`/s/${storeId}/exports`} className="text-sm font-medium text-brand-700 hover:underline">
            ← Back to exports
          </Link>
        </div>
      );
    }
  }
  return <Workspace key={templateId ?? "new"} templateId={templateId} saved={templateId === undefined ? undefined : saved.data} />;
}

function Workspace({ templateId, saved }: { templateId?: number; saved?: SavedExportTemplate }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const { storeId, timezone, can } = useCurrentStore();
  const help = useQuery(trpc.export.help.queryOptions({ storeId }));
  const folders = useQuery(trpc.folder.list.queryOptions({ storeId }));
  const { draft, setDraft, set, dirty, markSaved, createdNotice } = useTemplateDraft<ExportDraft>(() => draftOf(saved), "Export template created.");
  const [presetKey, setPresetKey] = useState("");
  const [flash, setFlash] = useState<{ tone: "success" | "info"; text: ReactNode } | undefined>(() =>
    createdNotice ? { tone: "success", text: createdNotice } : undefined,
  );

  // ---- saving ----------------------------------------------------------------------------------
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.export.pathKey() });
  const create = useMutation(
    trpc.export.create.mutationOptions({
      onSuccess: async (row) => {
        await refresh();
        router.replace(`/s/${storeId}/exports/${row.id}?created=1`);
      },
    }),
  );
  const update = useMutation(
    trpc.export.update.mutationOptions({
      onSuccess: async (row) => {
        queryClient.setQueryData(trpc.export.byId.queryKey({ storeId, templateId: row.id }), row);
        setFlash({ tone: "success", text: "Saved." });
        await refresh();
      },
    }),
  );
  const save = templateId ? update : create;
  const errors = fieldErrors(save.error);
  const unplaced = otherErrors(errors, SHOWN_FIELDS);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    setFlash(undefined);
    // An earlier test or run's error may no longer hold for what is being saved.
    [sendTest, download, start].forEach((m) => m.reset());
    const input = { storeId, ...inputOf(draft) };
    if (!templateId) return create.mutate(input);
    const submitted = draft;
    update.mutate(
      { ...input, templateId },
      {
        // Secrets are not sent back: their inputs empty again and the placeholder says one is stored.
        onSuccess: () => {
          setDraft(withoutSecrets);
          markSaved(withoutSecrets(submitted));
        },
      },
    );
  }

  // ---- live preview ----------------------------------------------------------------------------
  const source = useMemo(
    () => ({ body: draft.body, filenamePattern: draft.filenamePattern, format: draft.format, mode: draft.mode }),
    [draft.body, draft.filenamePattern, draft.format, draft.mode],
  );
  const settled = useDebounced(source, 400);
  const preview = useMutation(trpc.export.preview.mutationOptions());
  const { mutate: runPreview } = preview;
  useEffect(() => {
    if (!settled.body.trim()) return;
    runPreview({ storeId, ...settled, filenamePattern: settled.filenamePattern.trim() || "preview" });
  }, [settled, storeId, runPreview]);

  // ---- presets ---------------------------------------------------------------------------------
  const presets = help.data?.presets ?? [];
  const preset = presets.find((p) => p.key === presetKey);
  function applyPreset() {
    if (!preset) return;
    setDraft((d) => ({ ...d, name: d.name.trim() ? d.name : preset.name, format: preset.format, mode: preset.mode, body: preset.body, filenamePattern: preset.filenamePattern }));
    setFlash({ tone: "info", text: `Started from the “${preset.name}” preset. Edit it freely; the preview follows.` });
  }

  // ---- test and run ----------------------------------------------------------------------------
  const sendTest = useMutation(trpc.export.sendTest.mutationOptions());
  const download = useMutation(trpc.export.download.mutationOptions());
  const start = useMutation(trpc.export.start.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.export.runs.pathKey() }) }));
  const actionError = [sendTest.error, download.error, start.error].find(Boolean);
  const savedKind = (saved?.destination as { kind?: string } | undefined)?.kind ?? "download";
  const canRun = can("orders.write");

  function exportNow() {
    if (!templateId) return;
    setFlash(undefined);
    if (savedKind === "download") {
      download.mutate(
        { storeId, templateId },
        {
          onSuccess: (result) => {
            if (!result.fileName) {
              setFlash({ tone: "info", text: `Nothing to export: ${result.skipped ? `the ${plural(result.skipped, "order")} found were exported with this template before.` : "no orders are waiting in the source folder."}` });
              return;
            }
            saveFile(result.fileName, result.content, result.contentType);
            setFlash({ tone: "success", text: `Exported ${plural(result.orders, "order")} to ${result.fileName}.` });
            void queryClient.invalidateQueries({ queryKey: trpc.export.runs.pathKey() });
          },
        },
      );
      return;
    }
    start.mutate(
      { storeId, templateId },
      {
        onSuccess: (result) =>
          setFlash(
            result.runId === null
              ? { tone: "info", text: "Nothing to export: no orders are waiting in the source folder." }
              : {
                  tone: "success",
                  text: (
                    <>
                      Export run {result.runId} started with {plural(result.orders, "order")}.{" "}
                      <Link href={`/s/${storeId}/exports?run=${result.runId}`} className="font-medium underline">
                        See it in the export log
                      </Link>
                    </>
                  ),
                },
          ),
      },
    );
  }

  const folderOptions = folders.data ?? [];
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <Link href={`/s/${storeId}/exports`} className="text-sm font-medium text-brand-700 hover:underline">
            ← Exports
          </Link>
          <h1 className="text-2xl font-semibold">{saved ? saved.name : "New export template"}</h1>
        </div>
        <p className="text-sm text-slate-500" data-testid="save-state">
          {dirty ? "Unsaved changes" : saved ? "Saved" : ""}
        </p>
      </div>
      {flash ? <Notice tone={flash.tone}>{flash.text}</Notice> : null}

      <div className="grid items-start gap-6 lg:grid-cols-2">
        <form onSubmit={onSubmit} className="space-y-4" aria-label="Export template" noValidate>
          {formError(save.error) ? <Notice tone="error">{formError(save.error)}</Notice> : null}
          {unplaced.length ? <Notice tone="error">{unplaced.join(" ")}</Notice> : null}
          <Card title="Template">
            <div className="space-y-4">
              {presets.length ? (
                <div className="rounded-md border border-slate-200 bg-slate-50 p-3">
                  <div className="flex items-end gap-2">
                    <div className="flex-1">
                      <SelectField label="Start from a preset" value={presetKey} onChange={(e) => setPresetKey(e.target.value)}>
                        <option value="">Choose a preset…</option>
                        {presets.map((p) => (
                          <option key={p.key} value={p.key}>
                            {p.name}
                          </option>
                        ))}
                      </SelectField>
                    </div>
                    <Button type="button" variant="secondary" disabled={!preset} onClick={applyPreset}>
                      {draft.body.trim() ? "Replace with preset" : "Use preset"}
                    </Button>
                  </div>
                  {preset ? <p className="mt-2 text-xs text-slate-600">{preset.description}</p> : null}
                </div>
              ) : null}
              <TextField label="Name" value={draft.name} onChange={(e) => set("name", e.target.value)} maxLength={100} required error={errors.name} placeholder="e.g. Daily items for the warehouse" />
              <div className="grid gap-4 sm:grid-cols-2">
                <SelectField label="Format" value={draft.format} onChange={(e) => set("format", e.target.value as ExportFormat)} error={errors.format}>
                  {(Object.keys(FORMAT_LABELS) as ExportFormat[]).map((f) => (
                    <option key={f} value={f}>
                      {FORMAT_LABELS[f]}
                    </option>
                  ))}
                </SelectField>
                <SelectField label="Files" value={draft.mode} onChange={(e) => set("mode", e.target.value as ExportMode)} error={errors.mode}>
                  {(Object.keys(MODE_LABELS) as ExportMode[]).map((m) => (
                    <option key={m} value={m}>
                      {MODE_LABELS[m]}
                    </option>
                  ))}
                </SelectField>
              </div>
              <CodeField
                label="Template (Liquid)"
                rows={16}
                value={draft.body}
                onChange={(e) => set("body", e.target.value)}
                error={errors.body ?? errors.template}
                hint={draft.mode === "batch" ? "One file for all the orders: loop over them with {% for order in orders %}." : "One file per order: the order is {{ order }}."}
              />
              <MonoTextField
                label="File name pattern"
                value={draft.filenamePattern}
                onChange={(e) => set("filenamePattern", e.target.value)}
                error={errors.filenamePattern ?? errorAt(errors, "destination.filenamePattern")}
                hint={<>Liquid too, e.g. <code className="font-mono">{"items-{{ 'now' | local_date: '%Y%m%d' }}.csv"}</code></>}
              />
            </div>
          </Card>

          <Card title="Destination" description="Where an export run delivers the files.">
            <DestinationFields draft={draft} onChange={setDraft} errors={errors} saved={saved} />
          </Card>

          <Card title="Orders and schedule" description="Which orders a run takes when none are selected, and what happens to them after.">
            <div className="space-y-4">
              <div className="grid gap-4 sm:grid-cols-2">
                <SelectField
                  label="Take orders from"
                  value={draft.sourceFolderId}
                  onChange={(e) => set("sourceFolderId", e.target.value)}
                  error={errorAt(errors, "sourceFolderId")}
                  hint="For schedules and Export now; without it, only selected orders are exported."
                >
                  <option value="">No folder</option>
                  {folderOptions.map((f) => (
                    <option key={f.id} value={f.id}>
                      {f.name}
                    </option>
                  ))}
                </SelectField>
                <SelectField
                  label="After export, move to"
                  value={draft.moveToFolderId}
                  onChange={(e) => set("moveToFolderId", e.target.value)}
                  error={errorAt(errors, "moveToFolderId")}
                  hint="Once the files were delivered, e.g. to a “Submitted” folder."
                >
                  <option value="">Leave them</option>
                  {folderOptions.map((f) => (
                    <option key={f.id} value={f.id}>
                      {f.name}
                    </option>
                  ))}
                </SelectField>
              </div>
              <MonoTextField
                label="Schedule (cron)"
                value={draft.schedule}
                onChange={(e) => set("schedule", e.target.value)}
                placeholder="Leave empty to export only by hand or from rules"
                error={errors.schedule}
                hint={`0 9 * * * = every day at 09:00, store time (${timezone}). Each run takes the orders in the folder above that this template has not exported yet.`}
              />
            </div>
          </Card>

          <div className="flex flex-wrap items-center gap-2">
            <Button type="submit" disabled={save.isPending}>
              {save.isPending ? "Saving…" : templateId ? "Save" : "Save template"}
            </Button>
            {templateId && savedKind !== "download" ? (
              <Button type="button" variant="secondary" disabled={dirty || sendTest.isPending} onClick={() => (setFlash(undefined), sendTest.mutate({ storeId, templateId }, { onSuccess: (r) => setFlash({ tone: "success", text: `Test sent: ${r.fileName} (${r.receipt}).` }) }))}>
                {sendTest.isPending ? "Sending…" : "Send test"}
              </Button>
            ) : null}
            {templateId && canRun ? (
              <Button type="button" variant="secondary" disabled={dirty || download.isPending || start.isPending} onClick={exportNow}>
                {download.isPending || start.isPending ? "Exporting…" : "Export now"}
              </Button>
            ) : null}
            {templateId && dirty ? <span className="text-xs text-slate-500">Save your changes to test or run them.</span> : null}
            {!templateId ? <span className="text-xs text-slate-500">Send test and Export now are here once it is saved.</span> : null}
          </div>
          {actionError ? <Notice tone="error">{formError(actionError) ?? Object.values(fieldErrors(actionError)).join(" ")}</Notice> : null}
        </form>

        <div className="space-y-4 lg:sticky lg:top-4">
          <ExportPreviewPanel result={preview.data} error={preview.error} busy={preview.isPending || settled !== source} empty={!draft.body.trim()} />
          <TemplateHelp help={help.data} scope="export" />
        </div>
      </div>
    </div>
  );
}
