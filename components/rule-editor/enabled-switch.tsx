"use client";

/** An on/off switch: a real button with role="switch", so Space and Enter toggle it. */
export function EnabledSwitch({
  checked,
  onChange,
  label,
  disabled,
  showText = true,
}: {
  checked: boolean;
  onChange: (checked: boolean) => void;
  /** The accessible name, e.g. `Enabled: Tag US orders`. */
  label: string;
  disabled?: boolean;
  showText?: boolean;
}) {
  return (
    <button
      type="button"
      role="switch"
      aria-checked={checked}
      aria-label={label}
      disabled={disabled}
      onClick={() => onChange(!checked)}
      className="group inline-flex items-center gap-2 rounded-md px-1 py-1 text-sm font-medium text-slate-700 disabled:cursor-not-allowed disabled:opacity-60"
    >
      <span className={`relative inline-flex h-5 w-9 shrink-0 items-center rounded-full transition-colors ${checked ? "bg-emerald-500" : "bg-slate-300"}`} aria-hidden="true">
        <span className={`inline-block h-4 w-4 rounded-full bg-white shadow transition-transform ${checked ? "translate-x-4" : "translate-x-0.5"}`} />
      </span>
      {showText ? <span className={checked ? "text-emerald-700" : "text-slate-500"}>{checked ? "On" : "Off"}</span> : null}
    </button>
  );
}
