"use client";

import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { PAGE_SIZES, withChanges, type Direction, type ListParams, type SortKey } from "./list-params";

const SORTS: { value: `${SortKey}:${Direction}`; label: string }[] = [
  { value: "date_added:desc", label: "Newest first" },
  { value: "date_added:asc", label: "Oldest first" },
  { value: "date_updated:desc", label: "Recently updated" },
  { value: "date_updated:asc", label: "Least recently updated" },
];

const compact =
  "rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm shadow-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-100";

/** Search, filters, sort and page size; every change goes to the URL through `onChange`. */
export function OrderFilters({ params, onChange, timezone }: { params: ListParams; onChange: (next: ListParams) => void; timezone: string }) {
  const filtered = Boolean(params.source || params.tag || params.from || params.to);
  const [open, setOpen] = useState(filtered);
  const text = (form: FormData, name: string) => String(form.get(name) ?? "").trim();

  // The box follows the URL's search (Clear, back and forward) unless the person has typed since
  // their last search: a search landing late must not wipe what they are typing now.
  const q = params.q ?? "";
  const [query, setQuery] = useState(q);
  const [typed, setTyped] = useState(false);
  const [shownQ, setShownQ] = useState(q);
  if (q !== shownQ) {
    setShownQ(q);
    if (!typed) setQuery(q);
  }

  function search(next: string) {
    setQuery(next);
    setTyped(false);
    onChange(withChanges(params, { q: next }));
  }

  function onSearch(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    search(text(new FormData(event.currentTarget), "q"));
  }

  function onFilter(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    onChange(withChanges(params, { from: text(form, "from"), to: text(form, "to"), source: text(form, "source"), tag: text(form, "tag") }));
  }

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-2">
        <form role="search" aria-label="Search orders" onSubmit={onSearch} className="flex min-w-64 flex-1 gap-2">
          <label htmlFor="order-search" className="sr-only">
            Search orders
          </label>
          <input
            id="order-search"
            name="q"
            type="search"
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
              setTyped(true);
            }}
            placeholder="Order #, source id, email, name or SKU"
            className={`${compact} flex-1`}
          />
          <Button type="submit" variant="secondary">
            Search
          </Button>
          {params.q ? (
            <Button type="button" variant="ghost" onClick={() => search("")}>
              Clear
            </Button>
          ) : null}
        </form>
        <Button type="button" variant={filtered ? "primary" : "secondary"} aria-expanded={open} aria-controls="order-filter-panel" onClick={() => setOpen((o) => !o)}>
          Filters{filtered ? " (on)" : ""}
        </Button>
        <label className="flex items-center gap-2 text-sm text-slate-600">
          <span>Sort</span>
          <select
            className={compact}
            value={`${params.sort}:${params.dir}`}
            onChange={(e) => {
              const [sort, dir] = e.target.value.split(":") as [SortKey, Direction];
              onChange(withChanges(params, { sort, dir }));
            }}
          >
            {SORTS.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
        <label className="flex items-center gap-2 text-sm text-slate-600">
          <span>Per page</span>
          <select className={compact} value={params.size} onChange={(e) => onChange(withChanges(params, { size: Number(e.target.value) }))}>
            {PAGE_SIZES.map((size) => (
              <option key={size} value={size}>
                {size}
              </option>
            ))}
          </select>
        </label>
      </div>
      {open ? (
        <form
          id="order-filter-panel"
          aria-label="Filter orders"
          onSubmit={onFilter}
          key={`${params.from}|${params.to}|${params.source}|${params.tag}`}
          className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-2 lg:grid-cols-[1fr_1fr_1fr_1fr_auto]"
        >
          <TextField label="Added from" name="from" type="date" defaultValue={params.from} hint={timezone} />
          <TextField label="Added to" name="to" type="date" defaultValue={params.to} hint="Inclusive" />
          <TextField label="Source name" name="source" defaultValue={params.source} placeholder="e.g. Shopify" />
          <TextField label="Tag" name="tag" defaultValue={params.tag} placeholder="e.g. Rush" />
          <div className="flex items-start gap-2 pt-6">
            <Button type="submit">Apply</Button>
            {filtered ? (
              <Button type="button" variant="ghost" onClick={() => onChange(withChanges(params, { from: "", to: "", source: "", tag: "" }))}>
                Clear
              </Button>
            ) : null}
          </div>
        </form>
      ) : null}
    </div>
  );
}
