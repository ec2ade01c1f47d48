import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { acquireDirectoryLock } from "@/db/pglite-lock";
import { verifyCredentials } from "@/server/accounts/service";
import { authenticateApiKey } from "@/server/api-keys/service";
import { createApiKeyCommand, createStoreCommand, createUserCommand, UsageError } from "@/server/cli/commands";
import { createTestDatabase } from "../helpers/database";

let handle: DatabaseHandle;
const email = `operator-${Date.now()}@example.test`;

beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle?.close());

describe("operator CLI commands", () => {
  it("create a user, a store and an API key that works", async () => {
    const user = await createUserCommand(handle.db, { email, name: "Operator", password: "a long password" });
    expect(user.data).toMatchObject({ email });
    expect(await verifyCredentials(handle.db, email, "a long password")).toMatchObject({ email });

    const store = await createStoreCommand(handle.db, { owner: email, name: "Acme Prints" });
    const storeId = store.data.store_id as number;
    expect(store.lines[0]).toBe(`Created store ${storeId} "Acme Prints", owned by ${email}.`);

    const byName = await createApiKeyCommand(handle.db, { store: "Acme Prints" }, "http://localhost:3000");
    expect(byName.data).toMatchObject({ store_id: storeId, store_name: "Acme Prints", key_name: "CLI" });
    const key = byName.data.api_key as string;
    expect(byName.lines.join("\n")).toContain(`curl -H "ORDERDESK-STORE-ID: ${storeId}" -H "ORDERDESK-API-KEY: ${key}" http://localhost:3000/api/v2/test`);
    await expect(authenticateApiKey(handle.db, storeId, key)).resolves.toMatchObject({ name: "CLI" });

    const byId = await createApiKeyCommand(handle.db, { store: String(storeId), name: "Nightly export" }, "http://x");
    expect(byId.data).toMatchObject({ store_id: storeId, key_name: "Nightly export" });
  });

  it("refuse what they cannot do, saying why", async () => {
    await expect(createUserCommand(handle.db, { email: "x@example.test", name: "X" })).rejects.toThrow(UsageError);
    await expect(createStoreCommand(handle.db, { owner: "nobody@example.test", name: "S" })).rejects.toThrow(/No user has the email nobody@example.test/);
    await expect(createApiKeyCommand(handle.db, { store: "Acme" }, "http://x")).rejects.toThrow(/No store has the id or exact name "Acme". Did you mean \d+ "Acme Prints"\?/);
    await createStoreCommand(handle.db, { owner: email, name: "Twin" });
    await createStoreCommand(handle.db, { owner: email, name: "Twin" });
    await expect(createApiKeyCommand(handle.db, { store: "Twin" }, "http://x")).rejects.toThrow(/Several stores are named "Twin"/);
  });
});

describe("npm run cli", () => {
  const dir = mkdtempSync(join(tmpdir(), "switchyard-cli-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("refuses with the lock message while another process holds the embedded database", async () => {
    const release = acquireDirectoryLock(join(dir, "pglite.lock"));
    try {
      const run = promisify(execFile)("npx", ["tsx", "server/cli/main.ts", "api-key:create", "--store", "1"], {
        env: { ...process.env, DATABASE_URL: "", PGLITE_DIR: join(dir, "pglite") },
      });
      const failure = (await run.then(() => undefined, (e: unknown) => e)) as { code: number; stderr: string } | undefined;
      expect(failure?.code).toBe(1);
      expect(failure?.stderr).toContain(`The embedded database is in use by process ${process.pid}`);
    } finally {
      release();
    }
  });

  it("prints its usage for an unknown command", async () => {
    const failure = (await promisify(execFile)("npx", ["tsx", "server/cli/main.ts", "store:delete"]).then(
      () => undefined,
      (e: unknown) => e,
    )) as { code: number; stderr: string } | undefined;
    expect(failure?.code).toBe(2);
    expect(failure?.stderr).toContain('Unknown command "store:delete"');
    expect(failure?.stderr).toContain("api-key:create  --store <id or exact name>");
  });
});
