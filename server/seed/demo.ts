import { count } from "drizzle-orm";
import type { Database } from "@/db/client";
import { users } from "@/db/schema";
import { signUp } from "@/server/accounts/service";
import { ALL_PERMISSIONS } from "@/server/permissions";
import type { StoreScope } from "@/server/scope";
import { addMember } from "@/server/stores/members";
import { createStore } from "@/server/stores/service";

export const DEMO_LOGIN = { email: "demo@switchyard.local", password: "switchyard-demo" } as const;
export const DEMO_STORE_USER = { email: "client@acme-prints.example", password: "switchyard-client" } as const;

/**
 * Gives a newcomer a living app: a supplier owning two client stores, and one client added to
 * the first store with read-only access. Runs only on an empty database.
 */
export async function seedDemoIfEmpty(db: Database): Promise<boolean> {
  const [{ value: userCount } = { value: 0 }] = await db.select({ value: count() }).from(users);
  if (userCount > 0) return false;

  const supplier = await signUp(db, { name: "Demo Supplier", ...DEMO_LOGIN });
  const userScope = { db, userId: supplier.id, email: supplier.email };
  const acme = await createStore(userScope, { name: "Acme Prints", timezone: "America/New_York", currency: "USD" });
  await createStore(userScope, { name: "Brightside Apparel", timezone: "Europe/London", currency: "GBP" });

  const owner: StoreScope = {
    db,
    storeId: acme.id,
    actor: { kind: "user", userId: supplier.id, email: supplier.email, role: "owner", permissions: ALL_PERMISSIONS },
  };
  await signUp(db, { name: "Acme Client", ...DEMO_STORE_USER });
  await addMember(owner, { email: DEMO_STORE_USER.email, permissions: ["dashboard.view", "orders.read"] });
  await addMember(owner, { email: "warehouse@partner.example", permissions: ["orders.read", "orders.write"] });
  return true;
}
