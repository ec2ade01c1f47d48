"use client";

import Link from "next/link";

interface Folder {
  id: number;
  name: string;
}

/** Folders with their order counts; "All orders" searches across them. */
export function FolderSidebar({
  folders,
  counts,
  selected,
  hrefFor,
}: {
  folders: Folder[];
  counts: Map<number, number> | undefined;
  selected: number | "all";
  hrefFor: (folder: number | "all") => string;
}) {
  const total = counts ? [...counts.values()].reduce((a, b) => a + b, 0) : undefined;
  const entries: { key: number | "all"; name: string; count: number | undefined }[] = [
    ...folders.map((f) => ({ key: f.id, name: f.name, count: counts ? (counts.get(f.id) ?? 0) : undefined })),
    { key: "all", name: "All orders", count: total },
  ];
  return (
    <nav aria-label="Folders" className="md:w-48 md:shrink-0">
      <ul className="flex gap-1 overflow-x-auto md:flex-col">
        {entries.map((entry) => {
          const active = entry.key === selected;
          return (
            <li key={entry.key} className={entry.key === "all" ? "md:mt-2 md:border-t md:border-slate-200 md:pt-2" : undefined}>
              <Link
                href={hrefFor(entry.key)}
                aria-current={active ? "page" : undefined}
                data-testid="folder-link"
                className={`flex items-center justify-between gap-3 whitespace-nowrap rounded-md px-3 py-1.5 text-sm ${
                  active ? "bg-brand-50 font-semibold text-brand-700" : "text-slate-700 hover:bg-slate-100"
                }`}
              >
                <span className="truncate">{entry.name}</span>
                <span className={`tabular-nums text-xs ${active ? "text-brand-700" : "text-slate-400"}`} data-testid="folder-count">
                  {entry.count ?? "…"}
                </span>
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
