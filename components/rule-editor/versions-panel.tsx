"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ConfirmButton } from "@/components/orders/dialog";
import { formatDateTime } from "@/components/orders/format";
import { useTRPC } from "@/components/providers/app-providers";
import { Button } from "@/components/ui/button";
import { formError } from "@/components/ui/errors";
import { Notice } from "@/components/ui/notice";
import type { Rule } from "@/rules";
import { diffLines, ruleOutline } from "./describe";
import type { Names } from "./types";

const outlineOf = (dsl: unknown, names: Names): string[] => {
  const rule = dsl as Partial<Rule> | null;
  if (!rule || !rule.trigger || !rule.scope || !Array.isArray(rule.body)) return JSON.stringify(dsl, null, 2).split("\n");
  return ruleOutline(rule as Rule, names);
};

/** Every saved version with who and when, what changed since, and one-click restore. */
export function VersionsPanel({
  storeId,
  ruleId,
  current,
  names,
  timezone,
  dirty,
  onRestored,
}: {
  storeId: number;
  ruleId: number;
  current: { version: number; dsl: unknown };
  names: Names;
  timezone: string;
  dirty: boolean;
  onRestored: (version: number) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const versions = useQuery(trpc.rule.versions.queryOptions({ storeId, ruleId }));
  const [open, setOpen] = useState<number | null>(null);
  const restore = useMutation(
    trpc.rule.restore.mutationOptions({
      onSuccess: async (result) => {
        await queryClient.invalidateQueries({ queryKey: trpc.rule.pathKey() });
        onRestored(result.version);
      },
    }),
  );
  const currentOutline = outlineOf(current.dsl, names);

  if (versions.isPending) return <p className="text-sm text-slate-500">Loading versions…</p>;
  if (versions.isError) return <Notice tone="error">{formError(versions.error)}</Notice>;
  return (
    <div className="space-y-3">
      {restore.isError ? <Notice tone="error">{formError(restore.error)}</Notice> : null}
      <ol className="divide-y divide-slate-100 rounded-md border border-slate-200" aria-label="Saved versions">
        {versions.data.map((v) => {
          const isCurrent = v.version === current.version;
          const diff = open === v.version ? diffLines(outlineOf(v.dsl, names), currentOutline) : null;
          return (
            <li key={v.version} className="space-y-2 px-3 py-2" data-testid="version-row">
              <div className="flex flex-wrap items-center gap-2">
                <span className="font-medium text-slate-900">Version {v.version}</span>
                {isCurrent ? <span className="rounded bg-brand-50 px-1.5 py-0.5 text-xs font-medium text-brand-700">current</span> : null}
                <span className="flex-1 text-xs text-slate-500">
                  {v.savedBy} · {formatDateTime(v.createdAt, timezone)}
                  {v.name !== versions.data[0]?.name ? ` · named “${v.name}”` : ""}
                </span>
                {!isCurrent ? (
                  <>
                    <Button variant="ghost" aria-expanded={open === v.version} onClick={() => setOpen(open === v.version ? null : v.version)}>
                      {open === v.version ? "Hide changes" : "Show changes"}
                    </Button>
                    <ConfirmButton
                      label="Restore"
                      ariaLabel={`Restore version ${v.version}`}
                      title={`Restore version ${v.version}?`}
                      message={
                        <>
                          It is saved again as a new version (version {current.version + 1}); no history is lost.
                          {dirty ? " Your unsaved changes in the editor are replaced." : ""}
                        </>
                      }
                      confirmLabel={`Restore version ${v.version}`}
                      pending={restore.isPending}
                      className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50"
                      onConfirm={(close) => restore.mutate({ storeId, ruleId, version: v.version }, { onSettled: close })}
                    />
                  </>
                ) : null}
              </div>
              {diff ? (
                <div>
                  <p className="mb-1 text-xs text-slate-500">
                    From version {v.version} to the current version {current.version}: <span className="text-rose-700">− only in version {v.version}</span>,{" "}
                    <span className="text-emerald-700">+ only in the current version</span>.
                  </p>
                  <pre className="overflow-x-auto rounded-md border border-slate-200 bg-slate-50 p-2 text-xs leading-5" data-testid="version-diff">
                    {diff.map((line, i) => (
                      <div key={i} className={line.kind === "added" ? "bg-emerald-50 text-emerald-800" : line.kind === "removed" ? "bg-rose-50 text-rose-800" : "text-slate-600"}>
                        {line.kind === "added" ? "+ " : line.kind === "removed" ? "− " : "  "}
                        {line.text}
                      </div>
                    ))}
                  </pre>
                </div>
              ) : null}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
