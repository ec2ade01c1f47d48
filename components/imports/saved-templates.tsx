"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { formatDateTime } from "@/components/orders/format";
import { useCurrentStore } from "@/components/orders/use-current-store";
import { useTRPC } from "@/components/providers/app-providers";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { messageOf, plural, TARGET_LABEL } from "./labels";
import { ImportSourceForm } from "./source-form";
import type { ImportTemplate } from "./types";

const AFTER_LABEL = { move: "then moved to processed/", delete: "then deleted", leave: "left in place" } as const;

function whereFrom(t: ImportTemplate) {
  const s = t.source;
  if (!s?.kind) return null;
  const folder = s.directory ? `/${s.directory.replace(/^\/+/, "")}` : "";
  return `${s.kind}://${s.host}${folder}/${s.pattern ?? ""}`;
}

/**
 * The store's saved import templates, each optionally fetching files itself from an FTP or SFTP
 * folder on a schedule: where from, when it last looked, what went wrong, and "Check now".
 */
export function SavedTemplates() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { storeId, timezone } = useCurrentStore();
  const templates = useQuery(trpc.import.templates.queryOptions({ storeId }));
  const [editing, setEditing] = useState<number>();
  const [flash, setFlash] = useState<{ templateId: number; tone: "success" | "error" | "info"; text: string }>();
  const check = useMutation(
    trpc.import.checkNow.mutationOptions({
      onSettled: () =>
        Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.import.templates.pathKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.import.runs.pathKey() }),
        ]),
    }),
  );

  const checkNow = (t: ImportTemplate) => {
    setFlash(undefined);
    check.mutate(
      { storeId, templateId: t.id },
      {
        onSuccess: (r) => {
          const parts = [r.imported.length ? `Imported ${plural(r.imported.length, "file")}: ${r.imported.map((i) => i.fileName).join(", ")}.` : `Nothing new (${plural(r.files, "matching file")} in the folder).`];
          if (r.waiting.length) parts.push(`${r.waiting.join(", ")} ${r.waiting.length === 1 ? "is" : "are"} still being written; fetched at the next check.`);
          // Problems show below, as the template's last error.
          setFlash({ templateId: t.id, tone: r.problems.length ? "info" : "success", text: parts.join(" ") });
        },
        onError: (error) => setFlash({ templateId: t.id, tone: "error", text: messageOf(error) ?? "The check failed." }),
      },
    );
  };

  const list = templates.data ?? [];
  return (
    <Card title="Saved templates" description="Mappings saved from earlier imports. A template can also fetch files by itself from an FTP or SFTP folder, on a schedule.">
      {templates.isPending ? (
        <p className="text-sm text-slate-500">Loading…</p>
      ) : templates.isError ? (
        <Notice tone="error">{messageOf(templates.error)}</Notice>
      ) : list.length === 0 ? (
        <p className="text-sm text-slate-500" data-testid="import-templates-empty">
          None yet. Save a mapping as a template when you import a file; it can then fetch files from a server by itself.
        </p>
      ) : (
        <ul className="divide-y divide-slate-100" aria-label="Saved templates">
          {list.map((t) => {
            const from = whereFrom(t);
            const busy = check.isPending && check.variables?.templateId === t.id;
            return (
              <li key={t.id} data-testid="import-template" className="space-y-2 py-3">
                <div className="flex flex-wrap items-center gap-3">
                  <div className="min-w-0 flex-1">
                    <p className="truncate font-medium text-slate-900">{t.name}</p>
                    <p className="text-xs text-slate-500">
                      {TARGET_LABEL[t.target]}
                      {from ? (
                        <>
                          {" · from "}
                          <code className="font-mono">{from}</code>
                          {t.source?.afterImport ? `, ${AFTER_LABEL[t.source.afterImport]}` : ""}
                          {" · "}
                          {t.schedule ? (
                            <>
                              schedule <code className="font-mono">{t.schedule}</code>
                            </>
                          ) : (
                            "Check now only"
                          )}
                          {t.lastCheckedAt ? ` · last checked ${formatDateTime(t.lastCheckedAt, timezone)}` : " · not checked yet"}
                        </>
                      ) : (
                        " · uploads only"
                      )}
                    </p>
                  </div>
                  <Button
                    type="button"
                    variant="secondary"
                    onClick={() => setEditing(editing === t.id ? undefined : t.id)}
                    aria-expanded={editing === t.id}
                    aria-label={`${from ? "Edit fetching" : "Fetch from a server"}: ${t.name}`}
                  >
                    {from ? "Edit fetching" : "Fetch from a server"}
                  </Button>
                  {from ? (
                    <Button type="button" variant="secondary" disabled={busy} onClick={() => checkNow(t)} aria-label={`Check now: ${t.name}`}>
                      {busy ? "Checking…" : "Check now"}
                    </Button>
                  ) : null}
                </div>
                {from && t.lastError && !(flash?.templateId === t.id && flash.tone === "error") ? (
                  <p className="whitespace-pre-line rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="import-template-error">
                    <span className="font-medium">Needs attention: </span>
                    {t.lastError}
                  </p>
                ) : null}
                {flash?.templateId === t.id ? <Notice tone={flash.tone}>{flash.text}</Notice> : null}
                {editing === t.id ? <ImportSourceForm storeId={storeId} template={t} timezone={timezone} onDone={() => setEditing(undefined)} /> : null}
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}
