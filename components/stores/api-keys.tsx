"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState, type FormEvent } from "react";
import { useTRPC } from "@/components/providers/app-providers";
import { Button } from "@/components/ui/button";
import { fieldErrors, formError } from "@/components/ui/errors";
import { TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { useStoreId } from "./use-store-id";

/** A key just created: the only moment its full value is known, so it lives in state until dismissed. */
interface CreatedKey {
  name: string;
  key: string;
}

/** Rules' "Post to webhook" signs the order JSON with this; receivers verify X-ORDER-DESK-HASH with it. */
function WebhookSecret({ storeId }: { storeId: number }) {
  const trpc = useTRPC();
  const [shown, setShown] = useState(false);
  const secret = useQuery(trpc.apiKey.webhookSecret.queryOptions({ storeId }, { enabled: shown }));
  return (
    <p className="text-sm text-slate-600">
      Webhooks posted by rules carry <code className="font-mono text-xs">X-ORDER-DESK-HASH</code>, the HMAC-SHA256 of the order JSON with this
      store&apos;s signing secret:{" "}
      {shown && secret.data ? (
        <code className="break-all font-mono text-xs" data-testid="webhook-secret">
          {secret.data.secret}
        </code>
      ) : (
        <button type="button" className="text-brand-700 underline" onClick={() => setShown(true)}>
          show secret
        </button>
      )}
    </p>
  );
}

function NewKey({ created, storeId, onDone }: { created: CreatedKey; storeId: number; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  async function copy() {
    await navigator.clipboard.writeText(created.key);
    setCopied(true);
  }
  return (
    <Notice tone="success">
      <div className="space-y-2">
        <p>
          Copy the key “{created.name}” now: it is stored hashed and <strong>will not be shown again</strong>.
        </p>
        <div className="flex flex-wrap items-center gap-2">
          <code data-testid="new-api-key" className="break-all rounded bg-white px-2 py-1 font-mono text-xs text-slate-800">
            {created.key}
          </code>
          <Button type="button" variant="secondary" onClick={() => void copy()}>
            {copied ? "Copied" : "Copy key"}
          </Button>
          <Button type="button" variant="ghost" onClick={onDone}>
            Done
          </Button>
        </div>
        <p className="text-xs">
          Send it as <code>ORDERDESK-API-KEY</code> with <code>ORDERDESK-STORE-ID: {storeId}</code>.
        </p>
      </div>
    </Notice>
  );
}

/** The store's REST API keys: create (shown once), see when each was last used, revoke. */
export function ApiKeys() {
  const trpc = useTRPC();
  const storeId = useStoreId();
  const queryClient = useQueryClient();
  const current = useQuery(trpc.store.byId.queryOptions({ storeId }));
  const allowed = current.data?.permissions.includes("integrations.manage") ?? false;
  const keys = useQuery(trpc.apiKey.list.queryOptions({ storeId }, { enabled: allowed }));
  const [created, setCreated] = useState<CreatedKey>();
  // Known only in the browser; set after hydration so server and client render the same first.
  const [origin, setOrigin] = useState("");
  useEffect(() => setOrigin(window.location.origin), []);
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.apiKey.list.queryKey({ storeId }) });
  const create = useMutation(trpc.apiKey.create.mutationOptions({ onSuccess: invalidate }));
  const revoke = useMutation(trpc.apiKey.revoke.mutationOptions({ onSuccess: invalidate }));
  const format = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short", timeZone: current.data?.store.timezone ?? "UTC" });

  if (!current.data) return <p className="text-sm text-slate-500">Loading…</p>;
  if (!allowed) {
    return <p className="text-sm text-slate-500">Managing API keys needs the “integrations.manage” permission.</p>;
  }

  function onCreate(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formEl = event.currentTarget;
    const name = String(new FormData(formEl).get("name") ?? "");
    create.mutate(
      { storeId, name },
      {
        onSuccess: (key) => {
          setCreated({ name: key.name, key: key.key });
          formEl.reset();
        },
      },
    );
  }

  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-600">
        Order Desk API clients work with Switchyard by changing the base URL to{" "}
        <code className="font-mono text-xs">{origin}/api/v2</code>. This
        store&apos;s id is <code className="font-mono text-xs" data-testid="api-store-id">{storeId}</code>. See{" "}
        <a className="text-brand-700 underline" href="/api/v2/openapi.json">
          the OpenAPI document
        </a>
        .
      </p>
      <WebhookSecret storeId={storeId} />
      {created ? <NewKey created={created} storeId={storeId} onDone={() => setCreated(undefined)} /> : null}
      {revoke.error ? <Notice tone="error">{formError(revoke.error)}</Notice> : null}
      {keys.isError ? <Notice tone="error">{formError(keys.error)}</Notice> : null}
      {keys.data && keys.data.length > 0 ? (
        <table className="w-full text-left text-sm" aria-label="API keys">
          <thead className="border-b border-slate-200 text-xs uppercase text-slate-500">
            <tr>
              <th className="py-2 pr-4 font-medium">Name</th>
              <th className="py-2 pr-4 font-medium">Key</th>
              <th className="py-2 pr-4 font-medium">Created</th>
              <th className="py-2 pr-4 font-medium">Last used</th>
              <th className="py-2 font-medium">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {keys.data.map((key) => (
              <tr key={key.id} data-testid="api-key-row">
                <td className="py-2 pr-4 font-medium">{key.name}</td>
                <td className="py-2 pr-4 font-mono text-xs text-slate-600">{key.prefix}…</td>
                <td className="py-2 pr-4 text-slate-600">
                  {format.format(key.createdAt)}
                  {key.createdBy ? <span className="block text-xs text-slate-400">by {key.createdBy}</span> : null}
                </td>
                <td className="py-2 pr-4 text-slate-600">{key.lastUsedAt ? format.format(key.lastUsedAt) : "Never"}</td>
                <td className="py-2 text-right">
                  {key.revokedAt ? (
                    <span className="text-xs text-slate-500">Revoked {format.format(key.revokedAt)}</span>
                  ) : (
                    <Button
                      variant="danger"
                      disabled={revoke.isPending}
                      onClick={() =>
                        window.confirm(`Revoke the API key "${key.name}"? Scripts using it stop working at once; this cannot be undone.`) &&
                        revoke.mutate({ storeId, keyId: key.id })
                      }
                    >
                      Revoke
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : keys.data ? (
        <p className="text-sm text-slate-500">No API keys yet.</p>
      ) : null}
      <form onSubmit={onCreate} className="flex items-start gap-2" aria-label="Create an API key">
        <div className="flex-1">
          <TextField
            label="New key name"
            name="name"
            required
            maxLength={80}
            placeholder="e.g. Warehouse script"
            error={fieldErrors(create.error).name ?? formError(create.error)}
          />
        </div>
        <Button type="submit" className="mt-6" disabled={create.isPending}>
          Create API key
        </Button>
      </form>
    </div>
  );
}
