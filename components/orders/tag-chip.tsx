import type { ReactNode } from "react";

const PALETTE = [
  "bg-sky-100 text-sky-800 ring-sky-200",
  "bg-emerald-100 text-emerald-800 ring-emerald-200",
  "bg-amber-100 text-amber-900 ring-amber-200",
  "bg-rose-100 text-rose-800 ring-rose-200",
  "bg-violet-100 text-violet-800 ring-violet-200",
  "bg-teal-100 text-teal-800 ring-teal-200",
  "bg-orange-100 text-orange-900 ring-orange-200",
  "bg-fuchsia-100 text-fuchsia-800 ring-fuchsia-200",
];

/** Order Desk's tag colours are Bootstrap names; carts also send hex colours. */
const NAMED: Record<string, string> = {
  success: PALETTE[1]!,
  info: PALETTE[0]!,
  warning: PALETTE[2]!,
  danger: PALETTE[3]!,
  primary: "bg-brand-100 text-brand-700 ring-brand-100",
  default: "bg-slate-100 text-slate-700 ring-slate-200",
};

/** Tags without a stored colour get a stable one from their name, so a tag looks the same everywhere. */
function paletteFor(name: string) {
  let hash = 0;
  for (const char of name.toLowerCase()) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return PALETTE[hash % PALETTE.length]!;
}

export function TagChip({ name, color, children }: { name: string; color?: string; children?: ReactNode }) {
  const hex = color && /^#[0-9a-f]{3,8}$/i.test(color) ? color : undefined;
  const classes = hex ? "text-white ring-black/10" : (color && NAMED[color.toLowerCase()]) || paletteFor(name);
  return (
    <span
      data-testid="tag-chip"
      style={hex ? { backgroundColor: hex } : undefined}
      className={`inline-flex max-w-40 items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${classes}`}
    >
      <span className="truncate">{name}</span>
      {children}
    </span>
  );
}
