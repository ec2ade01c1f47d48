"use client";

import { useMutation } from "@tanstack/react-query";
import { useId, useRef, type FormEvent, type KeyboardEvent } from "react";
import { useTRPC } from "@/components/providers/app-providers";
import { Button } from "@/components/ui/button";
import { fieldErrors, formError } from "@/components/ui/errors";
import { Notice } from "@/components/ui/notice";
import { formatDateTime } from "./format";
import type { Order } from "./types";
import { useOrderRefresh } from "./use-order-refresh";
import { useRestoreFocus } from "./use-restore-focus";

/** Notes on the order, oldest first like a conversation; Ctrl/⌘+Enter adds one. */
export function OrderNotes({ order, storeId, canEdit, timezone }: { order: Order; storeId: number; canEdit: boolean; timezone: string }) {
  const trpc = useTRPC();
  const refresh = useOrderRefresh();
  const id = useId();
  const add = useMutation(trpc.order.addNote.mutationOptions({ onSuccess: refresh }));
  const error = fieldErrors(add.error).content ?? formError(add.error);
  const formRef = useRef<HTMLFormElement>(null);
  useRestoreFocus(add.isPending, formRef);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const content = String(new FormData(form).get("content") ?? "");
    add.mutate({ storeId, orderId: Number(order.id), content }, { onSuccess: () => form.reset() });
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      event.currentTarget.form?.requestSubmit();
    }
  }

  return (
    <section className="rounded-lg border border-slate-200 bg-white shadow-sm" aria-label="Notes" data-testid="notes-card">
      <header className="border-b border-slate-100 px-5 py-3">
        <h2 className="text-base font-semibold text-slate-900">
          Notes <span className="font-normal text-slate-400">({order.order_notes.length})</span>
        </h2>
      </header>
      <div className="space-y-4 px-5 py-4">
        {order.order_notes.length ? (
          <ul className="space-y-3">
            {order.order_notes.map((note) => (
              <li key={note.id} className="rounded-md bg-slate-50 px-3 py-2" data-testid="note">
                <p className="whitespace-pre-wrap text-sm text-slate-800">{note.content}</p>
                <p className="mt-1 text-xs text-slate-500">
                  {note.username} · {formatDateTime(note.date_added, timezone)}
                </p>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-slate-400">No notes yet.</p>
        )}
        {canEdit ? (
          <form ref={formRef} onSubmit={onSubmit} className="space-y-2">
            <label htmlFor={`${id}-note`} className="block text-sm font-medium text-slate-700">
              Add a note
            </label>
            <textarea
              id={`${id}-note`}
              name="content"
              required
              maxLength={5000}
              rows={3}
              onKeyDown={onKeyDown}
              aria-invalid={error ? true : undefined}
              aria-describedby={`${id}-hint`}
              className={`block w-full rounded-md border bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-100 ${error ? "border-red-400" : "border-slate-300"}`}
            />
            {error ? <Notice tone="error">{error}</Notice> : <p id={`${id}-hint`} className="text-xs text-slate-500">Ctrl+Enter to add.</p>}
            <Button type="submit" variant="secondary" disabled={add.isPending}>
              {add.isPending ? "Adding…" : "Add note"}
            </Button>
          </form>
        ) : null}
      </div>
    </section>
  );
}
