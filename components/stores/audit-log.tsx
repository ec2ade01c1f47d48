"use client";

import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/providers/app-providers";
import { Button } from "@/components/ui/button";
import { formError } from "@/components/ui/errors";
import { Notice } from "@/components/ui/notice";
import { useStoreId } from "./use-store-id";

const ACTIONS: Record<string, string> = {
  "store.created": "created the store",
  "store.archived": "archived the store",
  "store.unarchived": "unarchived the store",
  "settings.updated": "changed settings",
  "folder.created": "added a folder",
  "folder.renamed": "renamed a folder",
  "folder.deleted": "deleted a folder",
  "folders.reordered": "reordered folders",
  "member.added": "added a store user",
  "member.joined": "joined from an invitation",
  "member.permissions_changed": "changed permissions",
  "member.removed": "removed a store user",
  "invitation.created": "invited someone",
  "invitation.canceled": "canceled an invitation",
  "order.moved_to_store": "moved an order to another store",
  "api_key.created": "created an API key",
  "api_key.revoked": "revoked an API key",
  "import_template.source_updated": "changed where an import template fetches files",
};

function describe(details: Record<string, unknown>): string {
  return Object.entries(details)
    .map(([key, value]) => `${key}: ${typeof value === "string" ? value : JSON.stringify(value)}`)
    .join(" · ");
}

export function AuditLog() {
  const trpc = useTRPC();
  const storeId = useStoreId();
  const store = useQuery(trpc.store.byId.queryOptions({ storeId }));
  const log = useInfiniteQuery(
    trpc.store.auditLog.infiniteQueryOptions({ storeId, limit: 50 }, { getNextPageParam: (page) => page.nextCursor }),
  );
  const format = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short", timeZone: store.data?.store.timezone ?? "UTC" });

  if (log.isPending) return <p className="text-sm text-slate-500">Loading…</p>;
  if (log.isError) return <Notice tone="error">{formError(log.error)}</Notice>;
  const events = log.data.pages.flatMap((p) => p.items);
  if (events.length === 0) return <p className="text-sm text-slate-500">Nothing has happened in this store yet.</p>;
  return (
    <div className="space-y-4">
      <table className="w-full text-left text-sm">
        <thead className="border-b border-slate-200 text-xs uppercase text-slate-500">
          <tr>
            <th className="py-2 pr-4 font-medium">When ({store.data?.store.timezone ?? "UTC"})</th>
            <th className="py-2 pr-4 font-medium">Who</th>
            <th className="py-2 pr-4 font-medium">What</th>
            <th className="py-2 font-medium">Details</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {events.map((e) => (
            <tr key={e.id} data-testid="audit-row">
              <td className="whitespace-nowrap py-2 pr-4 text-slate-500">{format.format(e.createdAt)}</td>
              <td className="py-2 pr-4">{e.actorLabel}</td>
              <td className="py-2 pr-4">{ACTIONS[e.action] ?? e.action}</td>
              <td className="break-all py-2 text-xs text-slate-500">{describe(e.details)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {log.hasNextPage ? (
        <Button variant="secondary" disabled={log.isFetchingNextPage} onClick={() => log.fetchNextPage()}>
          {log.isFetchingNextPage ? "Loading…" : "Load older entries"}
        </Button>
      ) : null}
    </div>
  );
}
