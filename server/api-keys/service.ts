import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, isNull, lt, or } from "drizzle-orm";
import type { Database } from "@/db/client";
import { apiKeys, stores, users } from "@/db/schema";
import { auditAs } from "@/server/audit/service";
import { DomainError, notFound } from "@/server/errors";
import type { StoreScope } from "@/server/scope";

/** Keys start with this, so secret scanners and people can tell a Switchyard key apart. */
const KEY_PREFIX = "sy_";
/** How much of the key is kept in clear, to tell keys apart in the list. */
const SHOWN_CHARS = KEY_PREFIX.length + 6;
/** last_used_at is refreshed at most this often, so busy keys do not write on every request. */
const LAST_USED_RESOLUTION_MS = 60_000;

export const hashApiKey = (key: string) => createHash("sha256").update(key, "utf8").digest("hex");

/** 32 random bytes, base64url: 256 bits, so a plain SHA-256 (no salt, no stretching) is enough to store it. */
function generateApiKey(): string {
  return `${KEY_PREFIX}${randomBytes(32).toString("base64url")}`;
}

/** Creates a key; the returned `key` is the only time it exists outside the caller's hands. */
export async function createApiKey(scope: StoreScope, input: { name: string }) {
  const key = generateApiKey();
  return scope.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiKeys)
      .values({
        storeId: scope.storeId,
        name: input.name,
        prefix: key.slice(0, SHOWN_CHARS),
        keyHash: hashApiKey(key),
        createdByUserId: scope.actor.kind === "user" ? scope.actor.userId : null,
      })
      .returning({ id: apiKeys.id, name: apiKeys.name, prefix: apiKeys.prefix, createdAt: apiKeys.createdAt });
    if (!row) throw new Error("insert returned no row");
    await auditAs(scope, tx, "api_key.created", { name: row.name, prefix: row.prefix });
    return { ...row, key };
  });
}

export function listApiKeys(scope: StoreScope) {
  return scope.db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      prefix: apiKeys.prefix,
      createdBy: users.email,
      createdAt: apiKeys.createdAt,
      lastUsedAt: apiKeys.lastUsedAt,
      revokedAt: apiKeys.revokedAt,
    })
    .from(apiKeys)
    .leftJoin(users, eq(users.id, apiKeys.createdByUserId))
    .where(eq(apiKeys.storeId, scope.storeId))
    .orderBy(desc(apiKeys.id));
}

/** Revoking is final and takes effect on the key's next request (every request re-reads the key). */
export async function revokeApiKey(scope: StoreScope, keyId: number) {
  const revoked = await scope.db.transaction(async (tx) => {
    const [row] = await tx
      .update(apiKeys)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiKeys.storeId, scope.storeId), eq(apiKeys.id, keyId), isNull(apiKeys.revokedAt)))
      .returning({ id: apiKeys.id, name: apiKeys.name, prefix: apiKeys.prefix });
    if (row) await auditAs(scope, tx, "api_key.revoked", { name: row.name, prefix: row.prefix });
    return row;
  });
  if (revoked) return { id: revoked.id };
  const [existing] = await scope.db
    .select({ id: apiKeys.id })
    .from(apiKeys)
    .where(and(eq(apiKeys.storeId, scope.storeId), eq(apiKeys.id, keyId)));
  if (!existing) throw notFound("API key");
  throw new DomainError("CONFLICT", "This API key is already revoked.");
}

export interface AuthenticatedKey {
  keyId: number;
  name: string;
  storeId: number;
}

/**
 * The key behind a REST request, or an UNAUTHORIZED/FORBIDDEN error. The key is found by its
 * hash (no secret is compared in code) and must belong to the store the request names: a key
 * of another store is refused exactly like a wrong key.
 */
export async function authenticateApiKey(db: Database, storeId: number, key: string): Promise<AuthenticatedKey> {
  const [row] = await db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      storeId: apiKeys.storeId,
      revokedAt: apiKeys.revokedAt,
      lastUsedAt: apiKeys.lastUsedAt,
      storeArchivedAt: stores.archivedAt,
    })
    .from(apiKeys)
    .innerJoin(stores, eq(stores.id, apiKeys.storeId))
    .where(and(eq(apiKeys.keyHash, hashApiKey(key)), eq(apiKeys.storeId, storeId)))
    .limit(1);
  if (!row) throw new DomainError("UNAUTHORIZED", "Invalid store id or API key.");
  if (row.revokedAt) throw new DomainError("UNAUTHORIZED", "This API key has been revoked.");
  if (row.storeArchivedAt) throw new DomainError("FORBIDDEN", "This store is archived; its owner can unarchive it in Settings.");
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await db
      .update(apiKeys)
      .set({ lastUsedAt: new Date() })
      .where(
        and(
          eq(apiKeys.storeId, storeId),
          eq(apiKeys.id, row.id),
          or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, new Date(Date.now() - LAST_USED_RESOLUTION_MS))),
        ),
      );
  }
  return { keyId: row.id, name: row.name, storeId: row.storeId };
}
