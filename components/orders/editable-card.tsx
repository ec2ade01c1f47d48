"use client";

import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { useRestoreFocus } from "./use-restore-focus";

/**
 * A section of the order page: read-only until "Edit", then its form. Escape cancels, and focus
 * goes back to the Edit button when the form closes.
 */
export function EditableCard({
  title,
  canEdit,
  view,
  form,
  testId,
  editLabel = "Edit",
}: {
  title: string;
  canEdit: boolean;
  view: ReactNode;
  form: (close: () => void) => ReactNode;
  testId?: string;
  editLabel?: string;
}) {
  const [editing, setEditing] = useState(false);
  const editButtonId = useId();
  const wasEditing = useRef(false);
  useEffect(() => {
    if (wasEditing.current && !editing) document.getElementById(editButtonId)?.focus();
    wasEditing.current = editing;
  }, [editing, editButtonId]);
  const close = () => setEditing(false);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === "Escape") {
      event.stopPropagation();
      close();
    }
  };
  return (
    <section className="rounded-lg border border-slate-200 bg-white shadow-sm" aria-label={title} data-testid={testId}>
      <header className="flex items-center justify-between gap-4 border-b border-slate-100 px-5 py-3">
        <h2 className="text-base font-semibold text-slate-900">{title}</h2>
        {canEdit && !editing ? (
          <button
            id={editButtonId}
            type="button"
            aria-label={`${editLabel} ${title.toLowerCase()}`}
            onClick={() => setEditing(true)}
            className="-my-1 rounded-md px-2 py-1 text-sm font-medium text-brand-700 hover:bg-brand-50"
          >
            {editLabel}
          </button>
        ) : null}
      </header>
      <div className="px-5 py-4" onKeyDown={editing ? onKeyDown : undefined}>
        {editing ? form(close) : view}
      </div>
    </section>
  );
}

/** A definition list of label/value pairs for the read-only views. */
export function Fields({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1.5 text-sm">
      {rows.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="text-slate-500">{label}</dt>
          <dd className="min-w-0 break-words text-slate-900">{value === "" || value === null || value === undefined ? <span className="text-slate-400">—</span> : value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Save / Cancel row shared by every section form. */
export function FormButtons({ pending, onCancel, label = "Save" }: { pending: boolean; onCancel: () => void; label?: string }) {
  const row = useRef<HTMLDivElement>(null);
  useRestoreFocus(pending, row);
  return (
    <div ref={row} className="flex gap-2 pt-1">
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : label}
      </Button>
      <Button type="button" variant="ghost" onClick={onCancel}>
        Cancel
      </Button>
    </div>
  );
}
