"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useId, useState } from "react";
import { useTRPC } from "@/components/providers/app-providers";
import { useStoreId } from "@/components/stores/use-store-id";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { formError } from "@/components/ui/errors";
import { TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import type { SerializedInventoryItem } from "@/server/inventory/schemas";
import { InventoryTable } from "./inventory-table";
import { ItemForm } from "./item-form";

const PAGE_SIZE = 25;

/** The value once it has stopped changing for `ms`, so typing does not send a query per key. */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** The store's inventory: search, pages, the create/edit form and per-row stock and delete. */
export function InventoryManager() {
  const trpc = useTRPC();
  const storeId = useStoreId();
  const store = useQuery(trpc.store.byId.queryOptions({ storeId }));
  const [term, setTerm] = useState("");
  const search = useSettled(term.trim(), 250);
  // Keyset paging: the cursors of the pages before this one, so "Previous" can step back.
  const [cursors, setCursors] = useState<string[]>([]);
  const [editing, setEditing] = useState<"new" | SerializedInventoryItem | null>(null);
  const [flash, setFlash] = useState<string>();
  const [failure, setFailure] = useState<unknown>();
  const newButtonId = useId();

  const list = useQuery({
    ...trpc.inventory.list.queryOptions({ storeId, search: search || undefined, cursor: cursors.at(-1), limit: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  const currency = store.data?.store.currency ?? "USD";

  const open = (next: "new" | SerializedInventoryItem) => {
    setFlash(undefined);
    setFailure(undefined);
    setEditing(next);
  };
  const close = (message?: string) => {
    setEditing(null);
    setFlash(message);
    // Back to where the person started, for the next keyboard action.
    document.getElementById(newButtonId)?.focus();
  };

  const page = list.data;
  const first = cursors.length * PAGE_SIZE + 1;
  const nothingYet = page && page.total === 0 && !search;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">
          Inventory
          {page?.total ? <span className="ml-2 text-base font-normal text-slate-500">{page.total} {page.total === 1 ? "item" : "items"}</span> : null}
        </h1>
        <Button id={newButtonId} onClick={() => open("new")} disabled={editing === "new"}>
          New item
        </Button>
      </div>

      {editing ? (
        <Card title={editing === "new" ? "New inventory item" : `Edit ${editing.code}`}>
          <ItemForm
            key={editing === "new" ? "new" : editing.id}
            storeId={storeId}
            item={editing === "new" ? undefined : editing}
            onDone={(saved) => close(`Saved ${saved.name ? `“${saved.name}” ` : ""}(${saved.code}).`)}
            onCancel={() => close()}
          />
        </Card>
      ) : null}
      {flash ? <Notice tone="success">{flash}</Notice> : null}
      {failure ? <Notice tone="error">{formError(failure)}</Notice> : null}
      {list.isError ? <Notice tone="error">{formError(list.error)}</Notice> : null}

      {nothingYet ? (
        editing ? null : (
          <div className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-10 text-center">
            <h2 className="text-base font-semibold text-slate-900">No inventory items yet</h2>
            <p className="mx-auto mt-1 max-w-md text-sm text-slate-500">
              Add the products you keep in stock, with their SKU. Orders can then take their quantities off the stock (Settings), and
              carts or scripts can keep it in sync through the REST API.
            </p>
            <Button className="mt-4" onClick={() => open("new")}>
              Add your first item
            </Button>
          </div>
        )
      ) : (
        <>
          <div className="max-w-md">
            <TextField
              label="Search"
              type="search"
              placeholder="Start of a name, or a whole SKU"
              value={term}
              onChange={(event) => {
                setTerm(event.target.value);
                setCursors([]);
              }}
            />
          </div>
          {!page ? (
            <p className="text-sm text-slate-500">Loading…</p>
          ) : page.items.length === 0 ? (
            <p className="rounded-lg border border-slate-200 bg-white px-4 py-6 text-sm text-slate-600">
              No items match “{search}”. Search looks at the start of item names and at whole SKUs.
            </p>
          ) : (
            <>
              <InventoryTable
                storeId={storeId}
                items={page.items}
                currency={currency}
                onEdit={open}
                onDeleted={(item) => (setFlash(`Deleted ${item.code}.`), setFailure(undefined))}
                onError={setFailure}
              />
              <nav aria-label="Pages" className="flex items-center justify-between text-sm text-slate-600">
                <span>
                  {first}–{first + page.items.length - 1}
                  {page.total !== undefined ? ` of ${page.total}` : null}
                </span>
                <span className="flex gap-2">
                  <Button variant="secondary" disabled={cursors.length === 0} onClick={() => setCursors(cursors.slice(0, -1))}>
                    Previous
                  </Button>
                  <Button variant="secondary" disabled={!page.nextCursor} onClick={() => page.nextCursor && setCursors([...cursors, page.nextCursor])}>
                    Next
                  </Button>
                </span>
              </nav>
            </>
          )}
        </>
      )}
    </div>
  );
}
