import type { Database } from "@/db/client";
import type { Permission, StoreRole } from "@/server/permissions";

/** Who acts in a store, as resolved by storeProcedure (a person) or the REST API (a key). */
export type Actor =
  | { kind: "user"; userId: number; email: string; role: StoreRole; permissions: readonly Permission[] }
  | { kind: "api_key"; keyId: number; name: string; permissions: readonly Permission[] }
  | { kind: "system"; name: string; permissions: readonly Permission[] }
  /** A store rule applying its actions; other stores are reached as the user who owns the rule. */
  | { kind: "rule"; ruleId: number; name: string; ownerUserId: number | null; permissions: readonly Permission[] };

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

/** How an actor is named in audit rows and order history. */
export function describeActor(actor: Actor): { type: "user" | "api_key" | "system" | "rule"; id: string; label: string } {
  switch (actor.kind) {
    case "user":
      return { type: "user", id: String(actor.userId), label: actor.email };
    case "api_key":
      return { type: "api_key", id: String(actor.keyId), label: `API key "${actor.name}"` };
    case "system":
      return { type: "system", id: "", label: actor.name };
    case "rule":
      return { type: "rule", id: String(actor.ruleId), label: `Rule "${actor.name}"` };
  }
}

export const isOwner = (actor: Actor) => actor.kind === "user" && actor.role === "owner";
