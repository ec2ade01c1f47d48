import { mkdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { desc } from "drizzle-orm";
import { bigint, integer, pgSchema } from "drizzle-orm/pg-core";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { acquireDirectoryLock } from "./pglite-lock";
import * as schema from "./schema";

/** The one database type the rest of the code sees; it does not know which driver is behind it. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface DatabaseHandle {
  db: Database;
  /** Applies the committed migrations in db/migrations. Idempotent. */
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export type DatabaseTarget = { url: string } | { pgliteDir: string };

export const MIGRATIONS_DIR = resolve(process.cwd(), "db/migrations");

export async function openDatabase(target: DatabaseTarget): Promise<DatabaseHandle> {
  return "url" in target ? openPostgres(target.url) : openPglite(target.pgliteDir);
}

async function openPostgres(url: string): Promise<DatabaseHandle> {
  const client = postgres(url, {
    max: 10,
    onnotice: () => {},
    connection: { TimeZone: "UTC" },
  });
  const db = drizzlePostgres({ client, schema }) as unknown as Database;
  return {
    db,
    migrate: () => migratePostgres(drizzlePostgres({ client }), { migrationsFolder: MIGRATIONS_DIR }),
    close: () => client.end({ timeout: 5 }),
  };
}

async function openPglite(dir: string): Promise<DatabaseHandle> {
  const inMemory = dir.startsWith("memory://");
  let release = () => {};
  if (!inMemory) {
    mkdirSync(dirname(resolve(dir)), { recursive: true });
    release = acquireDirectoryLock(`${resolve(dir)}.lock`);
  }
  let client: PGlite;
  try {
    client = new PGlite(inMemory ? undefined : dir);
    await client.waitReady;
    await client.exec("SET TIME ZONE 'UTC'");
  } catch (error) {
    release();
    throw error;
  }
  const db = drizzlePglite({ client, schema }) as unknown as Database;
  return {
    db,
    migrate: () => migratePglite(drizzlePglite({ client }), { migrationsFolder: MIGRATIONS_DIR }),
    close: async () => {
      try {
        await client.close();
      } finally {
        release();
      }
    },
  };
}

interface JournalEntry {
  when: number;
  tag: string;
}

/** Drizzle's own bookkeeping table, declared here (not in schema/) so drizzle-kit leaves it alone. */
const drizzleMigrations = pgSchema("drizzle").table("__drizzle_migrations", {
  id: integer("id"),
  createdAt: bigint("created_at", { mode: "number" }),
});

/** The newest applied migration's tag (e.g. "0000_foundation"), or null if none ran yet. */
export async function appliedMigration(db: Database): Promise<string | null> {
  const [last] = await db
    .select({ createdAt: drizzleMigrations.createdAt })
    .from(drizzleMigrations)
    .orderBy(desc(drizzleMigrations.createdAt))
    .limit(1);
  if (!last) return null;
  const journal = JSON.parse(readFileSync(join(MIGRATIONS_DIR, "meta/_journal.json"), "utf8")) as {
    entries: JournalEntry[];
  };
  return journal.entries.find((e) => e.when === last.createdAt)?.tag ?? null;
}
