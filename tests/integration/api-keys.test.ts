import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { apiKeys } from "@/db/schema";
import { resolveApiScope } from "@/server/api-v2/auth";
import { ApiError } from "@/server/api-v2/responses";
import { authenticateApiKey } from "@/server/api-keys/service";
import { ALL_PERMISSIONS } from "@/server/permissions";
import { newUser } from "../helpers/actors";
import { createTestDatabase } from "../helpers/database";
import { outcome } from "../helpers/trpc-errors";

let handle: DatabaseHandle;
let owner: Awaited<ReturnType<typeof newUser>>;
let other: Awaited<ReturnType<typeof newUser>>;
let storeId: number;
let otherStoreId: number;

beforeAll(async () => {
  handle = await createTestDatabase();
  [owner, other] = await Promise.all([newUser(handle.db, "key-owner"), newUser(handle.db, "other-owner")]);
  storeId = (await owner.caller.store.create({ name: "Keys Inc" })).id;
  otherStoreId = (await other.caller.store.create({ name: "Other Inc" })).id;
});

afterAll(() => handle?.close());

const headers = (store: number | string, key: string) => new Headers({ "ORDERDESK-STORE-ID": String(store), "ORDERDESK-API-KEY": key });

async function apiStatus(promise: Promise<unknown>): Promise<number | "OK"> {
  try {
    await promise;
    return "OK";
  } catch (error) {
    if (error instanceof ApiError) return error.status;
    throw error;
  }
}

describe("API keys", () => {
  it("are 32 random bytes, shown once, and stored only as a SHA-256 hash with a short prefix", async () => {
    const created = await owner.caller.apiKey.create({ storeId, name: "Warehouse script" });
    expect(created.key).toMatch(/^sy_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(created.key.slice(3), "base64url")).toHaveLength(32);

    const [row] = await handle.db.select().from(apiKeys).where(eq(apiKeys.id, created.id));
    expect(row!.keyHash).toBe(createHash("sha256").update(created.key).digest("hex"));
    expect(row!.prefix).toBe(created.key.slice(0, 9));
    expect(JSON.stringify(row)).not.toContain(created.key.slice(9));
    expect(row!.createdByUserId).toBe(owner.id);

    const listed = await owner.caller.apiKey.list({ storeId });
    expect(listed.find((k) => k.id === created.id)).toMatchObject({ name: "Warehouse script", prefix: created.key.slice(0, 9), createdBy: owner.email, lastUsedAt: null, revokedAt: null });
    expect(JSON.stringify(listed)).not.toContain(created.key);
  });

  it("differ every time", async () => {
    const keys = await Promise.all(Array.from({ length: 5 }, () => owner.caller.apiKey.create({ storeId, name: "k" })));
    expect(new Set(keys.map((k) => k.key)).size).toBe(5);
  });

  it("resolve to a scope of their own store with an api_key actor holding every permission, and record their use", async () => {
    const created = await owner.caller.apiKey.create({ storeId, name: "Scoped" });
    const scope = await resolveApiScope(handle.db, headers(storeId, created.key));
    expect(scope.storeId).toBe(storeId);
    expect(scope.actor).toEqual({ kind: "api_key", keyId: created.id, name: "Scoped", permissions: ALL_PERMISSIONS });
    const [row] = await handle.db.select().from(apiKeys).where(eq(apiKeys.id, created.id));
    expect(row!.lastUsedAt).toBeInstanceOf(Date);
  });

  it("refuse wrong keys, another store's id, missing headers and revoked keys with 401", async () => {
    const mine = await owner.caller.apiKey.create({ storeId, name: "Mine" });
    expect(await apiStatus(resolveApiScope(handle.db, headers(storeId, `${mine.key}x`)))).toBe(401);
    expect(await apiStatus(resolveApiScope(handle.db, headers(otherStoreId, mine.key)))).toBe(401);
    expect(await apiStatus(resolveApiScope(handle.db, headers("12abc", mine.key)))).toBe(401);
    expect(await apiStatus(resolveApiScope(handle.db, new Headers({ "ORDERDESK-API-KEY": mine.key })))).toBe(401);
    expect(await apiStatus(resolveApiScope(handle.db, headers(storeId, mine.key)))).toBe("OK");

    await owner.caller.apiKey.revoke({ storeId, keyId: mine.id });
    const refused = await resolveApiScope(handle.db, headers(storeId, mine.key)).catch((e: unknown) => e as ApiError);
    expect(refused).toBeInstanceOf(ApiError);
    expect(refused).toMatchObject({ status: 401, message: "This API key has been revoked." });
    expect((await owner.caller.apiKey.list({ storeId })).find((k) => k.id === mine.id)?.revokedAt).toBeInstanceOf(Date);
    expect(await outcome(owner.caller.apiKey.revoke({ storeId, keyId: mine.id }))).toBe("CONFLICT");
  });

  it("stop working when the store is archived", async () => {
    const store = (await owner.caller.store.create({ name: "Soon archived" })).id;
    const key = await owner.caller.apiKey.create({ storeId: store, name: "k" });
    await owner.caller.store.archive({ storeId: store });
    expect(await apiStatus(resolveApiScope(handle.db, headers(store, key.key)))).toBe(403);
  });

  it("of another store cannot be listed or revoked", async () => {
    const theirs = await other.caller.apiKey.create({ storeId: otherStoreId, name: "Theirs" });
    expect((await owner.caller.apiKey.list({ storeId })).some((k) => k.id === theirs.id)).toBe(false);
    expect(await outcome(owner.caller.apiKey.revoke({ storeId, keyId: theirs.id }))).toBe("NOT_FOUND");
    expect(await outcome(owner.caller.apiKey.list({ storeId: otherStoreId }))).toBe("NOT_FOUND");
    await expect(authenticateApiKey(handle.db, otherStoreId, theirs.key)).resolves.toMatchObject({ keyId: theirs.id });
  });

  it("need the integrations.manage permission", async () => {
    const member = await newUser(handle.db, "no-integrations");
    await owner.caller.member.add({ storeId, email: member.email, permissions: ["orders.read", "orders.write", "settings.manage"] });
    expect(await outcome(member.caller.apiKey.list({ storeId }))).toBe("FORBIDDEN");
    expect(await outcome(member.caller.apiKey.create({ storeId, name: "sneaky" }))).toBe("FORBIDDEN");
  });
});

describe("API key audit trail", () => {
  it("records who created and who revoked a key, never the key itself", async () => {
    const created = await owner.caller.apiKey.create({ storeId, name: "Audited script" });
    await owner.caller.apiKey.revoke({ storeId, keyId: created.id });
    const { items } = await owner.caller.store.auditLog({ storeId, limit: 5 });
    const keyRows = items.filter((e) => e.action.startsWith("api_key."));
    expect(keyRows.slice(0, 2).map((e) => [e.action, e.actorLabel, e.details.name])).toEqual([
      ["api_key.revoked", owner.email, "Audited script"],
      ["api_key.created", owner.email, "Audited script"],
    ]);
    expect(JSON.stringify(items)).not.toContain(created.key);
  });
});
