import postgres from "postgres";
import { openDatabase, type DatabaseHandle } from "@/db/client";

/** The PostgreSQL server the bench runs on; it creates a fresh database there and drops it after. */
export const BENCH_SERVER_URL = process.env.BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

export async function freshBenchDatabase(label: string): Promise<{ url: string; handle: DatabaseHandle; drop: () => Promise<void> }> {
  const name = `switchyard_bench_${label}_${Date.now()}`;
  const admin = postgres(BENCH_SERVER_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(BENCH_SERVER_URL);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ url: url.toString() });
  await handle.migrate();
  await admin.end();
  return {
    url: url.toString(),
    handle,
    drop: async () => {
      await handle.close();
      const again = postgres(BENCH_SERVER_URL, { max: 1, onnotice: () => {} });
      await again.unsafe(`drop database if exists ${name} with (force)`);
      await again.end();
    },
  };
}
