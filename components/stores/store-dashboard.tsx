"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/providers/app-providers";
import { Card } from "@/components/ui/card";
import { PERMISSIONS } from "@/server/permissions";
import { useStoreId } from "./use-store-id";

export function StoreDashboard() {
  const trpc = useTRPC();
  const storeId = useStoreId();
  const current = useQuery(trpc.store.byId.queryOptions({ storeId }));
  const canView = current.data?.permissions.includes("dashboard.view") ?? false;
  const overview = useQuery(trpc.store.overview.queryOptions({ storeId }, { enabled: canView }));
  const folders = useQuery(trpc.folder.list.queryOptions({ storeId }));

  if (!current.data) return <p className="text-sm text-slate-500">Loading…</p>;
  const { store, role, permissions } = current.data;
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold" data-testid="store-title">
          {store.name}
        </h1>
        <p className="text-sm text-slate-500">
          {store.timezone} · {store.currency} · {role === "owner" ? "You own this store" : "You are a store user here"}
        </p>
      </div>
      {canView && overview.data ? (
        <dl className="grid gap-4 sm:grid-cols-3">
          {[
            ["Folders", overview.data.folderCount],
            ["Store users", overview.data.memberCount],
            ["Pending invitations", overview.data.invitationCount],
          ].map(([label, value]) => (
            <div key={label} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
              <dt className="text-sm text-slate-500">{label}</dt>
              <dd className="mt-1 text-2xl font-semibold">{value}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      <div className="grid gap-6 md:grid-cols-2">
        <Card title="Folders" description="Every order lives in exactly one folder; new orders land in the first.">
          {folders.data ? (
            <ol className="list-inside list-decimal space-y-1 text-sm">
              {folders.data.map((f) => (
                <li key={f.id}>{f.name}</li>
              ))}
            </ol>
          ) : (
            <p className="text-sm text-slate-500">Loading…</p>
          )}
        </Card>
        <Card title="Your access" description={role === "owner" ? "Owners hold every permission." : "Granted by the store owner."}>
          <ul className="space-y-1 text-sm" data-testid="my-permissions">
            {PERMISSIONS.filter((p) => permissions.includes(p.key)).map((p) => (
              <li key={p.key}>
                <span className="font-medium">{p.label}</span> <span className="text-slate-500">— {p.description}</span>
              </li>
            ))}
          </ul>
        </Card>
      </div>
    </div>
  );
}
