import type { Database } from "@/db/client";
import type { Permission, StoreRole } from "@/server/permissions";

/** The signed-in person acting in a store, as resolved by storeProcedure. */
export interface Actor {
  userId: number;
  email: string;
  role: StoreRole;
  permissions: readonly Permission[];
}

/** What every store-scoped service receives: never a store id taken from raw input. */
export interface StoreScope {
  db: Database;
  storeId: number;
  actor: Actor;
}

/** A signed-in user outside any store (creating stores, listing the ones they reach). */
export interface UserScope {
  db: Database;
  userId: number;
  email: string;
}
