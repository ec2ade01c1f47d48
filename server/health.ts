import { sql } from "drizzle-orm";
import { appliedMigration } from "@/db/client";
import { getDb } from "@/server/db";

export type Health =
  | { status: "ok"; database: "up"; migration: string | null }
  | { status: "error"; database: "down"; error: string };

/** For load balancers: can we reach the database, and which migration is applied. */
export async function checkHealth(): Promise<Health> {
  try {
    const db = await getDb();
    await db.execute(sql`select 1`);
    return { status: "ok", database: "up", migration: await appliedMigration(db) };
  } catch (error) {
    return { status: "error", database: "down", error: error instanceof Error ? error.message : String(error) };
  }
}
