"use client";

import { useId, type InputHTMLAttributes, type ReactNode, type TextareaHTMLAttributes } from "react";
import { FIELD_GROUPS, type FieldDef, type KeyedFieldDef } from "@/rules";

/** Small labelled controls the inspector needs beyond components/ui/field (same look). */

const control =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm placeholder:text-slate-400 focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-100";

export function TextAreaField({ label, hint, ...props }: { label: string; hint?: ReactNode } & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const id = useId();
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <textarea id={id} rows={4} aria-describedby={hint ? `${id}-hint` : undefined} className={control} {...props} />
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

export function CheckboxField({ label, ...props }: { label: ReactNode } & Omit<InputHTMLAttributes<HTMLInputElement>, "type">) {
  return (
    <label className="inline-flex items-center gap-2 text-sm text-slate-700">
      <input type="checkbox" className="h-4 w-4 rounded border-slate-300 text-brand-600 focus:ring-brand-500" {...props} />
      {label}
    </label>
  );
}

/** A radio group as a fieldset: arrow keys move between the options, as browsers do natively. */
export function RadioGroup<T extends string>({
  legend,
  value,
  options,
  onChange,
}: {
  legend: string;
  value: T;
  options: readonly { value: T; label: string }[];
  onChange: (value: T) => void;
}) {
  const name = useId();
  return (
    <fieldset className="space-y-1">
      <legend className="text-sm font-medium text-slate-700">{legend}</legend>
      <div className="flex flex-wrap gap-x-4 gap-y-1">
        {options.map((option) => (
          <label key={option.value} className="inline-flex items-center gap-2 text-sm text-slate-700">
            <input type="radio" name={name} value={option.value} checked={value === option.value} onChange={() => onChange(option.value)} className="h-4 w-4 border-slate-300 text-brand-600 focus:ring-brand-500" />
            {option.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** Compact select/input for dense rows (condition rows), with a visible small label. */
export function MiniLabel({ htmlFor, children }: { htmlFor: string; children: ReactNode }) {
  return (
    <label htmlFor={htmlFor} className="block text-xs font-medium text-slate-600">
      {children}
    </label>
  );
}

export const miniControl =
  "block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm shadow-sm placeholder:text-slate-400 focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-100";

/** The field picker's options, grouped like the catalog; keyed fields ("by key…") ask for the key next. */
export function FieldOptions({ fields, keyed }: { fields: readonly FieldDef[]; keyed: readonly KeyedFieldDef[] }) {
  return FIELD_GROUPS.map((group) => {
    const fixed = fields.filter((f) => f.group === group);
    const withKey = keyed.filter((k) => k.group === group);
    if (!fixed.length && !withKey.length) return null;
    return (
      <optgroup key={group} label={group}>
        {fixed.map((f) => (
          <option key={f.id} value={f.id}>
            {f.label}
          </option>
        ))}
        {withKey.map((k) => (
          <option key={k.prefix} value={`keyed:${k.prefix}`}>
            {k.label} (by key)…
          </option>
        ))}
      </optgroup>
    );
  });
}
