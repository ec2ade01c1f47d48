"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { compactControl as control } from "@/components/orders/compact-control";
import { useTRPC } from "@/components/providers/app-providers";
import { Button } from "@/components/ui/button";
import { fieldErrors, formError } from "@/components/ui/errors";
import { Notice } from "@/components/ui/notice";
import { plural } from "./labels";
import { saveFile } from "./save-file";

/**
 * Exports the selected orders with one of the store's templates: a download template saves the
 * file here and now; the others start a run that delivers in the background (see Exports).
 */
export function BulkExportControl({ storeId, orderIds, onDone }: { storeId: number; orderIds: number[]; onDone: (message: string) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const runnable = useQuery(trpc.export.runnable.queryOptions({ storeId }));
  const [again, setAgain] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.order.pathKey() });
  const download = useMutation(trpc.export.download.mutationOptions({ onSuccess: refresh }));
  const start = useMutation(trpc.export.start.mutationOptions());
  const failure = download.error ?? start.error;
  if (!runnable.data?.length) return null;

  const skippedNote = (skipped: number) => (skipped ? ` ${plural(skipped, "order")} exported with it before ${skipped === 1 ? "was" : "were"} left out (tick “Include exported” to send them again).` : "");

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const templateId = Number(new FormData(event.currentTarget).get("templateId"));
    const template = runnable.data?.find((t) => t.id === templateId);
    if (!template) return;
    const input = { storeId, templateId, orderIds, includeExported: again };
    if (template.destination === "download") {
      download.mutate(input, {
        onSuccess: (result) => {
          if (!result.fileName) return onDone(`Nothing exported with “${template.name}”.${skippedNote(result.skipped)}`);
          saveFile(result.fileName, result.content, result.contentType);
          onDone(`Exported ${plural(result.orders, "order")} to ${result.fileName}.${skippedNote(result.skipped)}`);
        },
      });
      return;
    }
    start.mutate(input, {
      onSuccess: (result) =>
        onDone(
          result.runId === null
            ? `Nothing exported with “${template.name}”.${skippedNote(result.skipped)}`
            : `Export run ${result.runId} started: “${template.name}” with ${plural(result.orders, "order")}; the Exports page shows how it went.${skippedNote(result.skipped)}`,
        ),
    });
  }

  const pending = download.isPending || start.isPending;
  return (
    <form onSubmit={onSubmit} className="flex flex-wrap items-center gap-2" aria-label="Export the selected orders">
      <label htmlFor="bulk-export" className="text-sm text-slate-700">
        Export with
      </label>
      <select id="bulk-export" name="templateId" className={control}>
        {runnable.data.map((t) => (
          <option key={t.id} value={t.id}>
            {t.name}
            {t.destination === "download" ? " (download)" : ` (${t.destination})`}
          </option>
        ))}
      </select>
      <label className="inline-flex items-center gap-1 text-sm text-slate-700" title="Include orders this template exported before">
        <input type="checkbox" checked={again} onChange={(e) => setAgain(e.target.checked)} />
        Include exported
      </label>
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? "Exporting…" : "Export"}
      </Button>
      {failure ? <Notice tone="error">{formError(failure) ?? Object.values(fieldErrors(failure)).join(" ")}</Notice> : null}
    </form>
  );
}
