import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import { and, asc, eq, gt } from "drizzle-orm";
import { importFileChunks } from "@/db/schema";
import type { StoreScope } from "@/server/scope";

const CHUNK_BYTES = 1024 * 1024;

/**
 * Uploaded files live in the database until their import ends, so whichever server runs the
 * import can read them (servers share nothing but PostgreSQL).
 */
export async function storeUploadedFile(scope: StoreScope, runId: number, path: string) {
  let seq = 0;
  let pending = Buffer.alloc(0);
  const flush = async (data: Buffer) => {
    await scope.db.insert(importFileChunks).values({ runId, storeId: scope.storeId, seq: seq++, data });
  };
  for await (const piece of createReadStream(path, { highWaterMark: CHUNK_BYTES })) {
    pending = Buffer.concat([pending, piece as Buffer]);
    while (pending.length >= CHUNK_BYTES) {
      await flush(pending.subarray(0, CHUNK_BYTES));
      pending = pending.subarray(CHUNK_BYTES);
    }
  }
  if (pending.length > 0 || seq === 0) await flush(pending);
}

/** Writes the stored file to a temporary path (read chunk by chunk) and hands it to `use`. */
export async function withStoredFile<T>(scope: StoreScope, runId: number, fileName: string, work: (path: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), "switchyard-import-"));
  const path = join(dir, fileName.replace(/[^\w.-]+/g, "_").slice(-100) || "upload");
  try {
    const db = scope.db;
    async function* chunks() {
      let after = -1;
      for (;;) {
        const [chunk] = await db
          .select({ seq: importFileChunks.seq, data: importFileChunks.data })
          .from(importFileChunks)
          .where(and(eq(importFileChunks.storeId, scope.storeId), eq(importFileChunks.runId, runId), gt(importFileChunks.seq, after)))
          .orderBy(asc(importFileChunks.seq))
          .limit(1);
        if (!chunk) return;
        after = chunk.seq;
        yield chunk.data;
      }
    }
    await pipeline(chunks(), createWriteStream(path));
    return await work(path);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function dropStoredFile(scope: StoreScope, runId: number) {
  await scope.db.delete(importFileChunks).where(and(eq(importFileChunks.storeId, scope.storeId), eq(importFileChunks.runId, runId)));
}
