"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useTRPC } from "@/components/providers/app-providers";
import { Button } from "@/components/ui/button";
import { fieldErrors, formError } from "@/components/ui/errors";
import { TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { useStoreId } from "./use-store-id";

export function FolderSettings() {
  const trpc = useTRPC();
  const storeId = useStoreId();
  const queryClient = useQueryClient();
  const folders = useQuery(trpc.folder.list.queryOptions({ storeId }));
  const [editing, setEditing] = useState<number | null>(null);
  const refresh = { onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.folder.list.queryKey({ storeId }) }) };
  const create = useMutation(trpc.folder.create.mutationOptions(refresh));
  const rename = useMutation(trpc.folder.rename.mutationOptions({ onSuccess: () => (setEditing(null), refresh.onSuccess()) }));
  const reorder = useMutation(trpc.folder.reorder.mutationOptions(refresh));
  const remove = useMutation(trpc.folder.delete.mutationOptions(refresh));
  const failure = [reorder.error, remove.error].find(Boolean);

  if (!folders.data) return <p className="text-sm text-slate-500">Loading folders…</p>;
  const list = folders.data;

  function move(index: number, by: -1 | 1) {
    const ids = list.map((f) => f.id);
    const [moved] = ids.splice(index, 1);
    ids.splice(index + by, 0, moved!);
    reorder.mutate({ storeId, folderIds: ids });
  }

  function onCreate(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formEl = event.currentTarget;
    create.mutate({ storeId, name: String(new FormData(formEl).get("name") ?? "") }, { onSuccess: () => formEl.reset() });
  }

  function onRename(event: FormEvent<HTMLFormElement>, folderId: number) {
    event.preventDefault();
    rename.mutate({ storeId, folderId, name: String(new FormData(event.currentTarget).get("name") ?? "") });
  }

  return (
    <div className="space-y-4">
      {failure ? <Notice tone="error">{formError(failure)}</Notice> : null}
      <ol className="divide-y divide-slate-100 rounded-md border border-slate-200" aria-label="Folders">
        {list.map((folder, index) => (
          <li key={folder.id} className="flex items-center gap-2 px-3 py-2">
            <span className="w-6 text-right text-xs text-slate-400">{index + 1}</span>
            {editing === folder.id ? (
              <form className="flex flex-1 items-start gap-2" onSubmit={(e) => onRename(e, folder.id)}>
                <div className="flex-1">
                  <TextField label={`New name for ${folder.name}`} name="name" defaultValue={folder.name} autoFocus required error={fieldErrors(rename.error).name ?? formError(rename.error)} />
                </div>
                <Button type="submit" className="mt-6" disabled={rename.isPending}>Save</Button>
                <Button type="button" variant="ghost" className="mt-6" onClick={() => (setEditing(null), rename.reset())}>Cancel</Button>
              </form>
            ) : (
              <>
                <span className="flex-1 text-sm font-medium">{folder.name}</span>
                {index === 0 ? <span className="text-xs text-slate-400">new orders land here</span> : null}
                <Button variant="ghost" aria-label={`Move ${folder.name} up`} disabled={index === 0 || reorder.isPending} onClick={() => move(index, -1)}>↑</Button>
                <Button variant="ghost" aria-label={`Move ${folder.name} down`} disabled={index === list.length - 1 || reorder.isPending} onClick={() => move(index, 1)}>↓</Button>
                <Button variant="secondary" onClick={() => (setEditing(folder.id), rename.reset())}>Rename</Button>
                <Button
                  variant="danger"
                  disabled={list.length === 1 || remove.isPending}
                  onClick={() => window.confirm(`Delete the folder "${folder.name}"?`) && remove.mutate({ storeId, folderId: folder.id })}
                >
                  Delete
                </Button>
              </>
            )}
          </li>
        ))}
      </ol>
      <form onSubmit={onCreate} className="flex items-start gap-2" aria-label="Add a folder">
        <div className="flex-1">
          <TextField label="New folder" name="name" required maxLength={60} placeholder="e.g. Submitted" error={fieldErrors(create.error).name ?? formError(create.error)} />
        </div>
        <Button type="submit" className="mt-6" disabled={create.isPending}>Add folder</Button>
      </form>
    </div>
  );
}
