"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTRPC } from "@/components/providers/app-providers";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { fieldErrors, formError } from "@/components/ui/errors";
import { TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { ALL_PERMISSIONS, PERMISSIONS, type Permission } from "@/server/permissions";
import { checkedPermissions, PermissionCheckboxes } from "./permission-checkboxes";
import { useStoreId } from "./use-store-id";

const label = (key: string) => PERMISSIONS.find((p) => p.key === key)?.label ?? key;

function PermissionSummary({ permissions }: { permissions: readonly string[] }) {
  if (permissions.length === ALL_PERMISSIONS.length) return <span className="text-slate-600">All permissions</span>;
  if (permissions.length === 0) return <span className="text-slate-500">No permissions</span>;
  return <span className="text-slate-600">{permissions.map(label).join(", ")}</span>;
}

export function MemberManagement() {
  const trpc = useTRPC();
  const storeId = useStoreId();
  const queryClient = useQueryClient();
  const current = useQuery(trpc.store.byId.queryOptions({ storeId }));
  const list = useQuery(trpc.member.list.queryOptions({ storeId }));
  const [editing, setEditing] = useState<number | null>(null);
  const [added, setAdded] = useState<string>();
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.member.list.queryKey({ storeId }) });

  const add = useMutation(trpc.member.add.mutationOptions({ onSuccess: invalidate }));
  const update = useMutation(trpc.member.updatePermissions.mutationOptions({ onSuccess: () => (setEditing(null), invalidate()) }));
  const remove = useMutation(trpc.member.remove.mutationOptions({ onSuccess: invalidate }));
  const cancel = useMutation(trpc.member.cancelInvitation.mutationOptions({ onSuccess: invalidate }));
  const grantable: readonly Permission[] = current.data?.permissions ?? [];
  const addErrors = fieldErrors(add.error);
  const listError = [remove.error, cancel.error].find(Boolean);

  function onAdd(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formEl = event.currentTarget;
    const form = new FormData(formEl);
    const email = String(form.get("email") ?? "");
    setAdded(undefined);
    add.mutate(
      { storeId, email, permissions: checkedPermissions(form) },
      {
        onSuccess: (result) => {
          setAdded(
            result.kind === "member"
              ? `${email} was added to this store.`
              : `${email} has no account yet: they join this store as soon as they sign up with this email.`,
          );
          formEl.reset();
        },
      },
    );
  }

  function onUpdate(event: FormEvent<HTMLFormElement>, memberId: number) {
    event.preventDefault();
    update.mutate({ storeId, memberId, permissions: checkedPermissions(new FormData(event.currentTarget)) });
  }

  return (
    <div className="space-y-6">
      <Card title="Add a store user" description="Clients, colleagues or vendors see only the stores they are added to.">
        <form onSubmit={onAdd} className="space-y-4" aria-label="Add a store user">
          {formError(add.error) ? <Notice tone="error">{formError(add.error)}</Notice> : null}
          {added ? <Notice tone="success">{added}</Notice> : null}
          <TextField label="Email" name="email" type="email" required autoComplete="off" error={addErrors.email} />
          <PermissionCheckboxes defaultChecked={grantable} grantable={grantable} error={addErrors.permissions} />
          <Button type="submit" disabled={add.isPending}>
            {add.isPending ? "Adding…" : "Add user"}
          </Button>
        </form>
      </Card>

      <Card title="Store users">
        {listError ? <Notice tone="error">{formError(listError)}</Notice> : null}
        {!list.data ? (
          <p className="text-sm text-slate-500">Loading…</p>
        ) : (
          <ul className="divide-y divide-slate-100" aria-label="Store users">
            {list.data.members.map((m) => (
              <li key={m.id} className="py-3" data-testid="member-row">
                <div className="flex items-start justify-between gap-3">
                  <div className="min-w-0 text-sm">
                    <p className="font-medium">
                      {m.name} <span className="font-normal text-slate-500">&lt;{m.email}&gt;</span>
                    </p>
                    <p className="text-xs">{m.role === "owner" ? <span className="text-slate-600">Owner</span> : <PermissionSummary permissions={m.permissions} />}</p>
                  </div>
                  {m.role === "member" && editing !== m.id ? (
                    <div className="flex shrink-0 gap-2">
                      <Button variant="secondary" onClick={() => (setEditing(m.id), update.reset())}>
                        Edit permissions
                      </Button>
                      <Button
                        variant="danger"
                        disabled={remove.isPending}
                        onClick={() => window.confirm(`Remove ${m.email} from this store? They lose access at once.`) && remove.mutate({ storeId, memberId: m.id })}
                      >
                        Remove
                      </Button>
                    </div>
                  ) : null}
                </div>
                {editing === m.id ? (
                  <form onSubmit={(e) => onUpdate(e, m.id)} className="mt-3 space-y-3 rounded-md bg-slate-50 p-3" aria-label={`Permissions of ${m.email}`}>
                    {formError(update.error) ? <Notice tone="error">{formError(update.error)}</Notice> : null}
                    <PermissionCheckboxes defaultChecked={m.permissions} grantable={grantable} error={fieldErrors(update.error).permissions} />
                    <div className="flex gap-2">
                      <Button type="submit" disabled={update.isPending}>Save permissions</Button>
                      <Button type="button" variant="ghost" onClick={() => setEditing(null)}>Cancel</Button>
                    </div>
                  </form>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </Card>

      {list.data && list.data.invitations.length > 0 ? (
        <Card title="Pending invitations" description="People without an account yet; they join when they sign up with this email.">
          <ul className="divide-y divide-slate-100">
            {list.data.invitations.map((i) => (
              <li key={i.id} className="flex items-start justify-between gap-3 py-3 text-sm">
                <div>
                  <p className="font-medium">{i.email}</p>
                  <p className="text-xs">
                    <PermissionSummary permissions={i.permissions} />
                  </p>
                </div>
                <Button variant="secondary" disabled={cancel.isPending} onClick={() => cancel.mutate({ storeId, invitationId: i.id })}>
                  Cancel invitation
                </Button>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
    </div>
  );
}
