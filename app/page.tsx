// Home: straight into the first store the user can reach, or to store creation.
import { redirect } from "next/navigation";
import { requireUser } from "@/server/auth/session";
import { serverCaller } from "@/server/trpc/server-caller";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  await requireUser();
  const stores = await (await serverCaller()).store.list();
  redirect(stores[0] ? `/s/${stores[0].id}` : "/stores?welcome=1");
}
