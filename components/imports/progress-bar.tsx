/** A labelled progress bar; `value` is 0..1, or undefined while the total is unknown. */
export function ProgressBar({ label, value, testId }: { label: string; value: number | undefined; testId?: string }) {
  const percent = value === undefined ? undefined : Math.max(0, Math.min(100, Math.round(value * 100)));
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      data-testid={testId}
      className="h-2.5 w-full overflow-hidden rounded-full bg-slate-200"
    >
      <div className={`h-full rounded-full bg-brand-600 transition-[width] duration-300 ${percent === undefined ? "w-1/3 animate-pulse" : ""}`} style={percent === undefined ? undefined : { width: `${percent}%` }} />
    </div>
  );
}
