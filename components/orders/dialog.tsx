"use client";

import { useEffect, useRef, useState, type ReactNode } from "react";

/**
 * A modal on the native <dialog>: the browser traps focus, closes on Escape and returns focus
 * to the control that opened it.
 */
export function Dialog({ open, onClose, title, children }: { open: boolean; onClose: () => void; title: string; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      aria-label={title}
      onClose={onClose}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      onClick={(event) => event.target === ref.current && onClose()}
      className="m-auto w-full max-w-lg rounded-lg border border-slate-200 bg-white p-0 shadow-xl backdrop:bg-slate-900/40"
    >
      {open ? (
        <div className="space-y-4 p-5">
          <h2 className="text-base font-semibold text-slate-900">{title}</h2>
          {children}
        </div>
      ) : null}
    </dialog>
  );
}

/** A button that asks first, in a modal; the action's error is shown in the modal. */
export function ConfirmButton({
  label,
  title,
  message,
  confirmLabel,
  onConfirm,
  pending,
  error,
  ariaLabel,
  className,
}: {
  label: string;
  title: string;
  message: ReactNode;
  confirmLabel: string;
  onConfirm: (close: () => void) => void;
  pending: boolean;
  error?: ReactNode;
  ariaLabel?: string;
  className?: string;
}) {
  const [open, setOpen] = useState(false);
  const close = () => setOpen(false);
  return (
    <>
      <button
        type="button"
        aria-label={ariaLabel}
        onClick={() => setOpen(true)}
        className={className ?? "rounded-md px-2 py-1 text-sm font-medium text-red-700 hover:bg-red-50"}
      >
        {label}
      </button>
      <Dialog open={open} onClose={close} title={title}>
        <div className="text-sm text-slate-600">{message}</div>
        {error}
        <form
          className="flex justify-end gap-2"
          onSubmit={(event) => {
            event.preventDefault();
            onConfirm(close);
          }}
        >
          <button type="button" onClick={close} autoFocus className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50">
            Cancel
          </button>
          <button type="submit" disabled={pending} className="rounded-md bg-red-600 px-3 py-2 text-sm font-medium text-white hover:bg-red-700 disabled:bg-red-600/60">
            {pending ? "Working…" : confirmLabel}
          </button>
        </form>
      </Dialog>
    </>
  );
}
