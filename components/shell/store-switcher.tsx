"use client";

import Link from "next/link";
import { useEffect, useRef, useState } from "react";

interface StoreOption {
  id: number;
  name: string;
  role: "owner" | "member";
}

/** The upper-left dropdown: every store the user can reach, owned or added to. */
export function StoreSwitcher({ current, stores }: { current: { id: number; name: string }; stores: StoreOption[] }) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent | KeyboardEvent) => {
      if (event instanceof KeyboardEvent ? event.key === "Escape" : !root.current?.contains(event.target as Node)) {
        setOpen(false);
      }
    };
    document.addEventListener("mousedown", close);
    document.addEventListener("keydown", close);
    root.current?.querySelector<HTMLAnchorElement>("[aria-current=true], a")?.focus();
    return () => {
      document.removeEventListener("mousedown", close);
      document.removeEventListener("keydown", close);
    };
  }, [open]);

  return (
    <div ref={root} className="relative">
      <button
        type="button"
        aria-haspopup="true"
        aria-expanded={open}
        aria-label={`Current store: ${current.name}. Switch store`}
        data-testid="store-switcher"
        onClick={() => setOpen((o) => !o)}
        className="flex max-w-64 items-center gap-2 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium shadow-sm hover:bg-slate-50"
      >
        <span className="flex h-6 w-6 shrink-0 items-center justify-center rounded bg-brand-600 text-xs font-bold text-white">
          {current.name.slice(0, 1).toUpperCase()}
        </span>
        <span className="truncate">{current.name}</span>
        <svg aria-hidden viewBox="0 0 20 20" className="h-4 w-4 shrink-0 text-slate-500">
          <path fill="currentColor" d="M5.5 7.5 10 12l4.5-4.5z" />
        </svg>
      </button>
      {open ? (
        <div className="absolute left-0 z-20 mt-1 w-72 rounded-md border border-slate-200 bg-white py-1 shadow-lg" role="menu">
          <p className="px-3 py-1 text-xs font-semibold uppercase tracking-wide text-slate-400">Stores</p>
          <ul className="max-h-80 overflow-auto">
            {stores.map((store) => (
              <li key={store.id}>
                <Link
                  role="menuitem"
                  href={`/s/${store.id}`}
                  aria-current={store.id === current.id}
                  onClick={() => setOpen(false)}
                  className={`flex items-center justify-between px-3 py-2 text-sm hover:bg-slate-50 focus:bg-slate-100 focus:outline-none ${store.id === current.id ? "font-semibold text-brand-700" : "text-slate-700"}`}
                >
                  <span className="truncate">{store.name}</span>
                  {store.role === "member" ? <span className="text-xs text-slate-400">store user</span> : null}
                </Link>
              </li>
            ))}
          </ul>
          <div className="mt-1 border-t border-slate-100 pt-1">
            <Link
              role="menuitem"
              href="/stores"
              onClick={() => setOpen(false)}
              className="block px-3 py-2 text-sm text-slate-700 hover:bg-slate-50 focus:bg-slate-100 focus:outline-none"
            >
              Manage stores / new store…
            </Link>
          </div>
        </div>
      ) : null}
    </div>
  );
}
