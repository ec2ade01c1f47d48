import { FieldShell } from "@/components/ui/field";
import { useId, type InputHTMLAttributes, type ReactNode, type TextareaHTMLAttributes } from "react";

/**
 * A labelled monospace textarea for template source (Liquid), with the same error and hint
 * placement as the text fields. Lines do not wrap (templates are line-oriented); Tab keeps moving
 * focus, so the form stays keyboard friendly.
 */
export function CodeField({
  label,
  error,
  hint,
  className = "",
  ...props
}: { label: string; error?: string; hint?: ReactNode } & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const id = useId();
  return (
    <FieldShell id={id} label={label} error={error} hint={hint} multilineError>
      <textarea
        id={id}
        wrap="off"
        spellCheck={false}
        autoCapitalize="off"
        autoCorrect="off"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : hint ? `${id}-hint` : undefined}
        className={`block w-full rounded-md border bg-white px-3 py-2 font-mono text-xs leading-5 shadow-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-100 ${
          error ? "border-red-400" : "border-slate-300"
        } ${className}`}
        {...props}
      />
    </FieldShell>
  );
}

/** A one-line labelled input in monospace, for Liquid file names, cron and fingerprints. */
export function MonoTextField({
  label,
  error,
  hint,
  ...props
}: { label: string; error?: string; hint?: ReactNode } & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  return (
    <FieldShell id={id} label={label} error={error} hint={hint}>
      <input
        id={id}
        spellCheck={false}
        autoCapitalize="off"
        autoCorrect="off"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : hint ? `${id}-hint` : undefined}
        className={`block w-full rounded-md border bg-white px-3 py-2 font-mono text-xs leading-5 shadow-sm placeholder:font-sans placeholder:text-sm placeholder:text-slate-400 focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-100 ${
          error ? "border-red-400" : "border-slate-300"
        }`}
        {...props}
      />
    </FieldShell>
  );
}
