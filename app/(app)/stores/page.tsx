// All stores the user can reach, and creating a new one (one store per client shop).
import { AppHeader } from "@/components/shell/app-header";
import { CreateStoreForm } from "@/components/stores/create-store-form";
import { StoreList } from "@/components/stores/store-list";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { requireUser } from "@/server/auth/session";

export const metadata = { title: "Stores" };

export default async function StoresPage({ searchParams }: { searchParams: Promise<{ welcome?: string }> }) {
  const me = await requireUser();
  const { welcome } = await searchParams;
  return (
    <>
      <AppHeader email={me.email} />
      <main className="mx-auto max-w-3xl space-y-6 px-4 py-8">
        <h1 className="text-2xl font-semibold">Stores</h1>
        {welcome ? (
          <Notice tone="info">Welcome, {me.name}! Create a store for your first client to get started.</Notice>
        ) : null}
        <Card title="Your stores" description="Stores you own and stores you were added to.">
          <StoreList />
        </Card>
        <Card title="New store" description="Each client shop gets its own store, with its own orders, rules and users.">
          <CreateStoreForm />
        </Card>
      </main>
    </>
  );
}
