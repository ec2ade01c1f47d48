"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { DeleteTemplateButton } from "@/components/templates/delete-template-button";
import { useTRPC } from "@/components/providers/app-providers";
import { useStoreId } from "@/components/stores/use-store-id";
import { formError } from "@/components/ui/errors";
import { Notice } from "@/components/ui/notice";
import { DESTINATION_LABELS, FORMAT_LABELS, MODE_LABELS } from "./labels";

const newLink = "inline-flex items-center rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white hover:bg-brand-700";

/** The store's export templates: what each renders, where it goes, and when it runs by itself. */
export function ExportTemplatesList() {
  const trpc = useTRPC();
  const storeId = useStoreId();
  const queryClient = useQueryClient();
  const templates = useQuery(trpc.export.list.queryOptions({ storeId }));
  const folders = useQuery(trpc.folder.list.queryOptions({ storeId }));
  const [flash, setFlash] = useState<string>();
  const remove = useMutation(
    trpc.export.delete.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.export.pathKey() }),
    }),
  );
  const folderName = (id: number | null) => (id === null ? null : (folders.data?.find((f) => f.id === id)?.name ?? `folder ${id}`));
  const list = templates.data ?? [];

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">
          Exports
          {list.length ? <span className="ml-2 text-base font-normal text-slate-500">{list.length} {list.length === 1 ? "template" : "templates"}</span> : null}
        </h1>
        <Link href={`/s/${storeId}/exports/new`} className={newLink}>
          New export template
        </Link>
      </div>
      {flash ? <Notice tone="success">{flash}</Notice> : null}
      {templates.isError ? <Notice tone="error">{formError(templates.error)}</Notice> : null}
      {remove.isError ? <Notice tone="error">{formError(remove.error)}</Notice> : null}

      {templates.isPending ? (
        <p className="rounded-lg border border-slate-200 bg-white px-4 py-10 text-center text-sm text-slate-500" role="status">
          Loading export templates…
        </p>
      ) : list.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-10 text-center" data-testid="exports-empty">
          <h2 className="text-base font-semibold text-slate-900">No export templates yet</h2>
          <p className="mx-auto mt-1 max-w-lg text-sm text-slate-500">
            An export template turns orders into a file — a CSV for your fulfilment partner, an XML feed, a packing list — written in
            Liquid. Send it as a download, by email, or to an FTP or SFTP server; by hand, from a rule, or on a schedule. Start from a
            preset and watch the preview as you edit.
          </p>
          <Link href={`/s/${storeId}/exports/new`} className={`mt-4 ${newLink}`}>
            Create your first export template
          </Link>
        </div>
      ) : (
        <ul aria-label="Export templates" className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white shadow-sm">
          {list.map((t) => (
            <li key={t.id} data-testid="export-template-row" className="flex flex-wrap items-center gap-3 px-4 py-3">
              <div className="min-w-0 flex-1">
                <Link href={`/s/${storeId}/exports/${t.id}`} className="block truncate font-medium text-slate-900 hover:text-brand-700 hover:underline">
                  {t.name}
                </Link>
                <p className="text-xs text-slate-500">
                  {FORMAT_LABELS[t.format]} · {MODE_LABELS[t.mode].toLowerCase()} · {DESTINATION_LABELS[t.destination.kind ?? "download"]}
                  {t.sourceFolderId !== null ? ` · takes orders from ${folderName(t.sourceFolderId)}` : ""}
                  {t.moveToFolderId !== null ? ` · then moves them to ${folderName(t.moveToFolderId)}` : ""}
                  {t.schedule ? (
                    <>
                      {" · "}schedule <code className="font-mono">{t.schedule}</code>
                    </>
                  ) : null}
                </p>
              </div>
              <Link
                href={`/s/${storeId}/exports/${t.id}`}
                className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50"
                aria-label={`Edit ${t.name}`}
              >
                Edit
              </Link>
              <DeleteTemplateButton
                name={t.name}
                consequence={"The template and its export log are deleted. Files already delivered stay where they are; rules that use it stop exporting."}
                pending={remove.isPending}
                error={remove.isError ? remove.error : undefined}
                onDelete={(close) =>
                  remove.mutate(
                    { storeId, templateId: t.id },
                    {
                      onSuccess: () => {
                        close();
                        setFlash(`Deleted “${t.name}”.`);
                      },
                    },
                  )
                }
              />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
