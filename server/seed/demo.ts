import { count } from "drizzle-orm";
import type { Database } from "@/db/client";
import { users } from "@/db/schema";
import { signUp } from "@/server/accounts/service";
import { createApiKey } from "@/server/api-keys/service";
import { ALL_PERMISSIONS } from "@/server/permissions";
import type { StoreScope } from "@/server/scope";
import { addMember } from "@/server/stores/members";
import { createStore } from "@/server/stores/service";

export const DEMO_LOGIN = { email: "demo@switchyard.local", password: "switchyard-demo" } as const;
export const DEMO_STORE_USER = { email: "client@acme-prints.example", password: "switchyard-client" } as const;

/** What the seed made that is printed once: the demo store's REST API key exists nowhere else in clear. */
export interface DemoSeed {
  apiStoreId: number;
  apiKey: string;
}

/**
 * Gives a newcomer a living app: a supplier owning two client stores, one client added to the
 * first store with read-only access, and an API key for that store. Runs only on an empty
 * database; null when it did not run.
 */
export async function seedDemoIfEmpty(db: Database): Promise<DemoSeed | null> {
  const [{ value: userCount } = { value: 0 }] = await db.select({ value: count() }).from(users);
  if (userCount > 0) return null;

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
  const { key } = await createApiKey(owner, { name: "Demo key" });
  return { apiStoreId: acme.id, apiKey: key };
}
