/** The small select/input style of the order list's toolbars (bulk actions, run rule). */
export const compactControl =
  "rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm shadow-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-100";
