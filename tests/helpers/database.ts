import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { openDatabase, type DatabaseHandle } from "@/db/client";

/** Server used for PostgreSQL test runs; each test file gets its own fresh database on it. */
export const TEST_POSTGRES_URL =
  process.env.TEST_POSTGRES_URL ?? process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * A migrated, empty database for one test file: in-memory PGlite, or a new PostgreSQL database
 * that is dropped again on close. Chosen by TEST_DATABASE (set per vitest project).
 */
export async function createTestDatabase(): Promise<DatabaseHandle> {
  const kind = process.env.TEST_DATABASE ?? "pglite";
  if (kind === "pglite") {
    const handle = await openDatabase({ pgliteDir: "memory://" });
    await handle.migrate();
    return handle;
  }
  if (kind !== "postgres") throw new Error(`Unknown TEST_DATABASE "${kind}"`);

  const name = `switchyard_test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(TEST_POSTGRES_URL, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${name}`);
  } catch (error) {
    await admin.end();
    throw new Error(
      `PostgreSQL tests need a server at ${TEST_POSTGRES_URL} (set TEST_POSTGRES_URL or DATABASE_URL): ${String(error)}`,
    );
  }
  const handle = await openDatabase({ url: withDatabase(TEST_POSTGRES_URL, name) });
  await handle.migrate();
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}
