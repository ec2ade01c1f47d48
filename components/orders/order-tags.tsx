"use client";

import { useMutation } from "@tanstack/react-query";
import { useId, type FormEvent } from "react";
import { useTRPC } from "@/components/providers/app-providers";
import { formError } from "@/components/ui/errors";
import { TagChip } from "./tag-chip";
import type { Order } from "./types";
import { useOrderRefresh } from "./use-order-refresh";

/** The order's tags as chips; with orders.write each can be removed and new ones added. */
export function OrderTags({ order, storeId, canEdit }: { order: Order; storeId: number; canEdit: boolean }) {
  const trpc = useTRPC();
  const refresh = useOrderRefresh();
  const id = useId();
  const tag = useMutation(trpc.order.tag.mutationOptions({ onSuccess: refresh }));
  const orderIds = [Number(order.id)];

  function onAdd(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const name = String(new FormData(form).get("tag") ?? "").trim();
    if (name) tag.mutate({ storeId, orderIds, add: [name] }, { onSuccess: () => form.reset() });
  }

  return (
    <div className="flex flex-wrap items-center gap-2" data-testid="order-tags">
      {order.tags.map((name, index) => (
        <TagChip key={name} name={name} color={index === 0 ? order.tag_color : undefined}>
          {canEdit ? (
            <button
              type="button"
              aria-label={`Remove tag ${name}`}
              disabled={tag.isPending}
              onClick={() => tag.mutate({ storeId, orderIds, remove: [name] })}
              className="-mr-1 rounded-full px-1 leading-none opacity-70 hover:opacity-100"
            >
              ×
            </button>
          ) : null}
        </TagChip>
      ))}
      {order.tags.length === 0 && !canEdit ? <span className="text-sm text-slate-400">No tags</span> : null}
      {canEdit ? (
        <form onSubmit={onAdd} className="flex items-center gap-1" aria-label="Add a tag">
          <label htmlFor={`${id}-tag`} className="sr-only">
            New tag
          </label>
          <input
            id={`${id}-tag`}
            name="tag"
            required
            maxLength={100}
            placeholder="Add tag"
            className="w-28 rounded-full border border-dashed border-slate-300 bg-white px-2.5 py-0.5 text-xs focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-100"
          />
          <button type="submit" className="sr-only focus:not-sr-only focus:rounded focus:px-1 focus:text-xs">
            Add tag
          </button>
        </form>
      ) : null}
      {tag.error ? <span role="alert" className="text-xs text-red-700">{formError(tag.error)}</span> : null}
    </div>
  );
}
