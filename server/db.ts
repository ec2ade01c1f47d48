import { openDatabase, type Database, type DatabaseHandle } from "@/db/client";
import { databaseTarget } from "@/server/env";

/**
 * The process-wide database. Kept on globalThis because the custom server and the Next.js bundle
 * load this module separately; two PGlite instances on one directory would corrupt it.
 */
const KEY = Symbol.for("switchyard.database");
type Holder = { [KEY]?: Promise<DatabaseHandle> };
const holder = globalThis as Holder;

export function getDatabaseHandle(): Promise<DatabaseHandle> {
  holder[KEY] ??= openDatabase(databaseTarget()).catch((error: unknown) => {
    delete holder[KEY];
    throw error;
  });
  return holder[KEY];
}

export async function getDb(): Promise<Database> {
  return (await getDatabaseHandle()).db;
}

export async function closeDatabase(): Promise<void> {
  const pending = holder[KEY];
  delete holder[KEY];
  if (pending) await (await pending).close();
}
