"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { DeleteTemplateButton } from "@/components/templates/delete-template-button";
import { useTRPC } from "@/components/providers/app-providers";
import { useStoreId } from "@/components/stores/use-store-id";
import { formError } from "@/components/ui/errors";
import { Notice } from "@/components/ui/notice";

const newLink = "inline-flex items-center rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white hover:bg-brand-700";

/** The store's email templates, for rules ("Send email") and the shipment notification. */
export function EmailTemplatesList() {
  const trpc = useTRPC();
  const storeId = useStoreId();
  const queryClient = useQueryClient();
  const templates = useQuery(trpc.emailTemplate.list.queryOptions({ storeId }));
  const [flash, setFlash] = useState<string>();
  const remove = useMutation(trpc.emailTemplate.delete.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.emailTemplate.pathKey() }) }));
  const list = templates.data ?? [];

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">
          Email templates
          {list.length ? <span className="ml-2 text-base font-normal text-slate-500">{list.length}</span> : null}
        </h1>
        <Link href={`/s/${storeId}/emails/new`} className={newLink}>
          New email template
        </Link>
      </div>
      {flash ? <Notice tone="success">{flash}</Notice> : null}
      {templates.isError ? <Notice tone="error">{formError(templates.error)}</Notice> : null}

      {templates.isPending ? (
        <p className="rounded-lg border border-slate-200 bg-white px-4 py-10 text-center text-sm text-slate-500" role="status">
          Loading email templates…
        </p>
      ) : list.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-10 text-center" data-testid="emails-empty">
          <h2 className="text-base font-semibold text-slate-900">No email templates yet</h2>
          <p className="mx-auto mt-1 max-w-lg text-sm text-slate-500">
            Email templates are the messages Switchyard sends for you: the shipment notification your customers get when a tracking
            number is added, and the emails rules send. Subject and body are Liquid, filled in from the order.
          </p>
          <Link href={`/s/${storeId}/emails/new`} className={`mt-4 ${newLink}`}>
            Create your first email template
          </Link>
        </div>
      ) : (
        <ul aria-label="Email templates" className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white shadow-sm">
          {list.map((t) => (
            <li key={t.id} data-testid="email-template-row" className="flex flex-wrap items-center gap-3 px-4 py-3">
              <div className="min-w-0 flex-1">
                <Link href={`/s/${storeId}/emails/${t.id}`} className="block truncate font-medium text-slate-900 hover:text-brand-700 hover:underline">
                  {t.name}
                </Link>
                <p className="truncate font-mono text-xs text-slate-500">{t.subject}</p>
              </div>
              {t.notifyOnShipment ? (
                <span className="rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-800 ring-1 ring-inset ring-emerald-200">Shipment notification</span>
              ) : null}
              <Link
                href={`/s/${storeId}/emails/${t.id}`}
                aria-label={`Edit ${t.name}`}
                className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50"
              >
                Edit
              </Link>
              <DeleteTemplateButton
                name={t.name}
                consequence={
                  t.notifyOnShipment
                    ? "This is the shipment notification: customers stop getting an email when their order ships. Rules that send it stop sending."
                    : "Rules that send this email stop sending it."
                }
                pending={remove.isPending}
                error={remove.isError ? remove.error : undefined}
                onDelete={(close) =>
                  remove.mutate(
                    { storeId, templateId: t.id },
                    {
                      onSuccess: () => {
                        close();
                        setFlash(`Deleted “${t.name}”.`);
                      },
                    },
                  )
                }
              />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
