"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTemplateDraft } from "@/components/templates/use-template-draft";
import { useEffect, useMemo, useState, type FormEvent } from "react";
import { CodeField, MonoTextField } from "@/components/exports/code-field";
import { otherErrors } from "@/components/exports/field-errors";
import { TemplateHelp } from "@/components/exports/template-help";
import { useDebounced } from "@/components/exports/use-debounced";
import { useCurrentStore } from "@/components/orders/use-current-store";
import { useTRPC } from "@/components/providers/app-providers";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { fieldErrors, formError } from "@/components/ui/errors";
import { SelectField, TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { EmailPreviewPanel } from "./email-preview-panel";
import type { SavedEmailTemplate } from "./types";

interface Draft {
  name: string;
  subject: string;
  html: string;
  text: string;
  notifyOnShipment: boolean;
}

const EMPTY: Draft = { name: "", subject: "", html: "", text: "", notifyOnShipment: false };
const draftOf = (t: SavedEmailTemplate | undefined): Draft =>
  t ? { name: t.name, subject: t.subject, html: t.html, text: t.text, notifyOnShipment: t.notifyOnShipment } : EMPTY;
const SHOWN = ["name", "subject", "html", "text", "notifyOnShipment"] as const;

/** The email template editor: a new template, or a saved one loaded first. */
export function EmailEditor({ templateId }: { templateId?: number }) {
  const trpc = useTRPC();
  const { storeId } = useCurrentStore();
  const saved = useQuery({ ...trpc.emailTemplate.byId.queryOptions({ storeId, templateId: templateId ?? 0 }), enabled: templateId !== undefined });
  if (templateId !== undefined) {
    if (saved.isPending) return <p className="text-sm text-slate-500" role="status">Loading email template…</p>;
    if (saved.isError) {
      const missing = saved.error instanceof TRPCClientError && saved.error.data?.code === "NOT_FOUND";
      return (
        <div className="space-y-3">
          <Notice tone="error">{missing ? "This email template was not found in this store. It may have been deleted." : formError(saved.error)}</Notice>
          <Link href={`/s/${storeId}/emails`} className="text-sm font-medium text-brand-700 hover:underline">
            ← Back to email templates
          </Link>
        </div>
      );
    }
  }
  return <Workspace key={templateId ?? "new"} templateId={templateId} saved={templateId === undefined ? undefined : saved.data} />;
}

function Workspace({ templateId, saved }: { templateId?: number; saved?: SavedEmailTemplate }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const { storeId, can } = useCurrentStore();
  const presets = useQuery(trpc.emailTemplate.presets.queryOptions({ storeId }));
  const help = useQuery(trpc.export.help.queryOptions({ storeId }));
  const recent = useQuery({ ...trpc.order.list.queryOptions({ storeId, limit: 10 }), enabled: can("orders.read") });
  const { draft, setDraft, set, dirty, markSaved, createdNotice } = useTemplateDraft<Draft>(() => draftOf(saved), "Email template created.");
  const [presetKey, setPresetKey] = useState("");
  const [orderId, setOrderId] = useState("");
  const [testTo, setTestTo] = useState("");
  const [flash, setFlash] = useState<string | undefined>(createdNotice);

  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.emailTemplate.pathKey() });
  const create = useMutation(
    trpc.emailTemplate.create.mutationOptions({
      onSuccess: async (row) => {
        await refresh();
        router.replace(`/s/${storeId}/emails/${row.id}?created=1`);
      },
    }),
  );
  const update = useMutation(
    trpc.emailTemplate.update.mutationOptions({
      onSuccess: async (row) => {
        queryClient.setQueryData(trpc.emailTemplate.byId.queryKey({ storeId, templateId: row.id }), row);
        await refresh();
      },
    }),
  );
  const save = templateId ? update : create;
  const errors = fieldErrors(save.error);
  const unplaced = otherErrors(errors, SHOWN);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    setFlash(undefined);
    if (!templateId) return create.mutate({ storeId, ...draft });
    const submitted = draft;
    update.mutate({ storeId, templateId, ...draft }, { onSuccess: () => (markSaved(submitted), setFlash("Saved.")) });
  }

  // Live preview over the picked order (or none), with a sample shipment.
  const source = useMemo(
    () => ({ subject: draft.subject, html: draft.html, text: draft.text, orderId: orderId ? Number(orderId) : undefined }),
    [draft.subject, draft.html, draft.text, orderId],
  );
  const settled = useDebounced(source, 400);
  const preview = useMutation(trpc.emailTemplate.preview.mutationOptions());
  const { mutate: runPreview } = preview;
  const empty = !source.subject.trim() && !source.html.trim() && !source.text.trim();
  useEffect(() => {
    if (!settled.subject.trim() && !settled.html.trim() && !settled.text.trim()) return;
    runPreview({ storeId, ...settled });
  }, [settled, storeId, runPreview]);

  const preset = presets.data?.find((p) => p.key === presetKey);
  function applyPreset() {
    if (!preset) return;
    setDraft((d) => ({ ...d, name: d.name.trim() ? d.name : preset.name, subject: preset.subject, html: preset.html, text: preset.text }));
    setFlash(`Started from the “${preset.name}” preset.`);
  }

  const sendTest = useMutation(trpc.emailTemplate.sendTest.mutationOptions());
  const testErrors = fieldErrors(sendTest.error);
  function onSendTest(event: FormEvent) {
    event.preventDefault();
    if (!templateId) return;
    sendTest.mutate(
      { storeId, templateId, to: testTo.trim(), orderId: orderId ? Number(orderId) : undefined },
      { onSuccess: () => setFlash(`Test email sent to ${testTo.trim()}.`) },
    );
  }

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <Link href={`/s/${storeId}/emails`} className="text-sm font-medium text-brand-700 hover:underline">
            ← Email templates
          </Link>
          <h1 className="text-2xl font-semibold">{saved ? saved.name : "New email template"}</h1>
        </div>
        <p className="text-sm text-slate-500" data-testid="save-state">
          {dirty ? "Unsaved changes" : saved ? "Saved" : ""}
        </p>
      </div>
      {flash ? <Notice tone="success">{flash}</Notice> : null}

      <div className="grid items-start gap-6 lg:grid-cols-2">
        <div className="space-y-4">
          <form onSubmit={onSubmit} className="space-y-4" aria-label="Email template" noValidate>
            {formError(save.error) ? <Notice tone="error">{formError(save.error)}</Notice> : null}
            {unplaced.length ? <Notice tone="error">{unplaced.join(" ")}</Notice> : null}
            <Card title="Email">
              <div className="space-y-4">
                {presets.data?.length ? (
                  <div className="rounded-md border border-slate-200 bg-slate-50 p-3">
                    <div className="flex items-end gap-2">
                      <div className="flex-1">
                        <SelectField label="Start from a preset" value={presetKey} onChange={(e) => setPresetKey(e.target.value)}>
                          <option value="">Choose a preset…</option>
                          {presets.data.map((p) => (
                            <option key={p.key} value={p.key}>
                              {p.name}
                            </option>
                          ))}
                        </SelectField>
                      </div>
                      <Button type="button" variant="secondary" disabled={!preset} onClick={applyPreset}>
                        {draft.subject.trim() || draft.html.trim() || draft.text.trim() ? "Replace with preset" : "Use preset"}
                      </Button>
                    </div>
                    {preset ? <p className="mt-2 text-xs text-slate-600">{preset.description}</p> : null}
                  </div>
                ) : null}
                <TextField label="Name" value={draft.name} onChange={(e) => set("name", e.target.value)} maxLength={100} required error={errors.name} placeholder="e.g. Shipped" />
                <MonoTextField label="Subject" value={draft.subject} onChange={(e) => set("subject", e.target.value)} maxLength={500} required error={errors.subject} placeholder="Your order {{ order.id }} has shipped" />
                <CodeField label="HTML body" rows={14} value={draft.html} onChange={(e) => set("html", e.target.value)} error={errors.html} hint="Liquid; escape values with | e. Scripts never run in email clients." />
                <CodeField label="Text body" rows={8} value={draft.text} onChange={(e) => set("text", e.target.value)} error={errors.text} hint="For mail clients that do not show HTML. Write at least one of the two bodies." />
                <div className="space-y-1">
                  <label className="flex items-start gap-2 text-sm text-slate-700">
                    <input type="checkbox" className="mt-0.5" checked={draft.notifyOnShipment} onChange={(e) => set("notifyOnShipment", e.target.checked)} aria-describedby="notify-hint" />
                    <span>Send as the shipment notification</span>
                  </label>
                  {errors.notifyOnShipment ? (
                    <p role="alert" className="text-sm text-red-700">
                      {errors.notifyOnShipment}
                    </p>
                  ) : (
                    <p id="notify-hint" className="text-xs text-slate-500">
                      Emailed to the customer whenever a shipment is added to their order. One template per store can be it.
                    </p>
                  )}
                </div>
              </div>
            </Card>
            <div className="flex items-center gap-2">
              <Button type="submit" disabled={save.isPending}>
                {save.isPending ? "Saving…" : templateId ? "Save" : "Save template"}
              </Button>
              {dirty && templateId ? <span className="text-xs text-slate-500">Unsaved changes.</span> : null}
            </div>
          </form>

          <Card title="Send a test" description={templateId ? "The saved template, over the order picked for the preview." : "Save the template first."}>
            <form onSubmit={onSendTest} className="flex flex-wrap items-end gap-2" aria-label="Send a test email" noValidate>
              <div className="min-w-56 flex-1">
                <TextField label="Send to" type="email" value={testTo} onChange={(e) => setTestTo(e.target.value)} placeholder="you@example.com" error={testErrors.to} disabled={!templateId} />
              </div>
              <Button type="submit" variant="secondary" disabled={!templateId || dirty || !testTo.trim() || sendTest.isPending}>
                {sendTest.isPending ? "Sending…" : "Send test"}
              </Button>
            </form>
            {formError(sendTest.error) ? (
              <div className="mt-3">
                <Notice tone="error">{formError(sendTest.error)}</Notice>
              </div>
            ) : null}
            {templateId && dirty ? <p className="mt-2 text-xs text-slate-500">Save your changes to test them.</p> : null}
          </Card>
        </div>

        <div className="space-y-4 lg:sticky lg:top-4">
          {can("orders.read") ? (
            <SelectField label="Preview with order" value={orderId} onChange={(e) => setOrderId(e.target.value)} hint="A sample shipment (UPS, tracking 1Z999AA10123456784) is always filled in.">
              <option value="">{recent.data?.orders.length ? "No order (store variables only)" : "No orders yet"}</option>
              {recent.data?.orders.map((o) => (
                <option key={o.id} value={o.id}>
                  #{o.id} · {[o.shipping?.first_name, o.shipping?.last_name].filter(Boolean).join(" ") || o.email || o.sourceId || "order"}
                </option>
              ))}
            </SelectField>
          ) : null}
          <EmailPreviewPanel result={preview.data} error={preview.error} busy={preview.isPending || settled !== source} empty={empty} />
          <TemplateHelp help={help.data} scope="email" />
        </div>
      </div>
    </div>
  );
}
