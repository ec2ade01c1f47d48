// Store shell: resolves the store through the guarded procedure (404 for non-members) and renders
// the switcher and the navigation the user's permissions allow.
import { TRPCError } from "@trpc/server";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { AppHeader } from "@/components/shell/app-header";
import { StoreNav } from "@/components/shell/store-nav";
import { StoreSwitcher } from "@/components/shell/store-switcher";
import { Notice } from "@/components/ui/notice";
import { requireUser } from "@/server/auth/session";
import { serverCaller } from "@/server/trpc/server-caller";

export default async function StoreLayout({ children, params }: { children: ReactNode; params: Promise<{ storeId: string }> }) {
  const storeId = Number((await params).storeId);
  if (!Number.isSafeInteger(storeId) || storeId <= 0) notFound();
  const me = await requireUser();
  const caller = await serverCaller();
  const current = await caller.store.byId({ storeId }).catch((error: unknown) => {
    if (error instanceof TRPCError && error.code === "NOT_FOUND") return null;
    throw error;
  });
  if (!current) notFound();
  const stores = await caller.store.list();

  return (
    <>
      <AppHeader
        email={me.email}
        left={<StoreSwitcher current={current.store} stores={stores} />}
        nav={<StoreNav storeId={storeId} permissions={current.permissions} />}
      />
      <main className="mx-auto max-w-6xl space-y-6 px-4 py-8">
        {current.store.archivedAt ? (
          <Notice tone="info">This store is archived. It is hidden from store users until you unarchive it in Settings.</Notice>
        ) : null}
        {children}
      </main>
    </>
  );
}
