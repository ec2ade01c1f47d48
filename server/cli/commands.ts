import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { stores } from "@/db/schema";
import { signUpInput } from "@/server/accounts/schemas";
import { findUserByEmail, signUp } from "@/server/accounts/service";
import { apiKeyName } from "@/server/api-keys/schemas";
import { createApiKey } from "@/server/api-keys/service";
import { DomainError } from "@/server/errors";
import { ALL_PERMISSIONS } from "@/server/permissions";
import type { StoreScope } from "@/server/scope";
import { createStoreInput } from "@/server/stores/schemas";
import { createStore } from "@/server/stores/service";

/**
 * The operator CLI's commands, apart from argument parsing and the process, so tests run them
 * against a test database. Each returns what to print: `lines` for people, `data` for --json.
 */
export interface CommandOutput {
  lines: string[];
  data: Record<string, unknown>;
}

export type Options = Record<string, string | undefined>;

/** A bad command line: the message says which option to fix. */
export class UsageError extends Error {
  override name = "UsageError";
}

export function required(options: Options, name: string): string {
  const value = options[name]?.trim();
  if (!value) throw new UsageError(`Missing --${name}.`);
  return value;
}

export async function createUserCommand(db: Database, options: Options): Promise<CommandOutput> {
  const input = signUpInput.parse({ email: required(options, "email"), name: required(options, "name"), password: required(options, "password") });
  const user = await signUp(db, input);
  return { lines: [`Created user ${user.id} <${user.email}>.`], data: { user_id: user.id, email: user.email } };
}

export async function createStoreCommand(db: Database, options: Options): Promise<CommandOutput> {
  const ownerEmail = required(options, "owner");
  const owner = await findUserByEmail(db, ownerEmail);
  if (!owner) throw new DomainError("NOT_FOUND", `No user has the email ${ownerEmail}; create one with user:create first.`, { field: "owner" });
  const input = createStoreInput.parse({ name: required(options, "name"), timezone: options.timezone, currency: options.currency });
  const store = await createStore({ db, userId: owner.id, email: owner.email }, input);
  return {
    lines: [`Created store ${store.id} "${store.name}", owned by ${owner.email}.`],
    data: { store_id: store.id, store_name: store.name, owner: owner.email },
  };
}

/** A store by id, or by its exact name (refused when several stores share it). */
export async function findStore(db: Database, wanted: string) {
  if (/^\d{1,10}$/.test(wanted)) {
    const [byId] = await db.select({ id: stores.id, name: stores.name }).from(stores).where(eq(stores.id, Number(wanted)));
    if (byId) return byId;
  }
  const named = await db.select({ id: stores.id, name: stores.name }).from(stores).where(eq(stores.name, wanted));
  if (named.length === 1) return named[0]!;
  if (named.length > 1) {
    throw new DomainError("CONFLICT", `Several stores are named "${wanted}" (ids ${named.map((s) => s.id).join(", ")}); pass --store <id>.`, { field: "store" });
  }
  const lower = wanted.toLowerCase();
  const similar = (await db.select({ id: stores.id, name: stores.name }).from(stores)).filter((s) => s.name.toLowerCase().includes(lower)).slice(0, 5);
  const hint = similar.length ? ` Did you mean ${similar.map((s) => `${s.id} "${s.name}"`).join(", ")}?` : "";
  throw new DomainError("NOT_FOUND", `No store has the id or exact name "${wanted}".${hint}`, { field: "store" });
}

export async function createApiKeyCommand(db: Database, options: Options, baseUrl: string): Promise<CommandOutput> {
  const store = await findStore(db, required(options, "store"));
  const name = apiKeyName.parse(options.name ?? "CLI");
  // The operator acts for the store here; the key records no creating user.
  const scope: StoreScope = { db, storeId: store.id, actor: { kind: "system", name: "Operator CLI", permissions: ALL_PERMISSIONS } };
  const created = await createApiKey(scope, { name });
  return {
    lines: [
      `Store:   ${store.id} (${store.name})`,
      `API key: ${created.key}`,
      "         (shown once; only its hash is stored)",
      `Try it:  curl -H "ORDERDESK-STORE-ID: ${store.id}" -H "ORDERDESK-API-KEY: ${created.key}" ${baseUrl}/api/v2/test`,
    ],
    data: { store_id: store.id, store_name: store.name, api_key: created.key, key_id: created.id, key_name: created.name },
  };
}
