import { createReadStream, createWriteStream } from "node:fs";
import { once } from "node:events";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";

/**
 * Records kept on local disk between an import's checking pass and its writing pass, one JSON
 * line each: the file is parsed and validated once, and memory stays flat however big it is.
 * `revive` restores what JSON flattens (dates).
 */
export interface RecordSpool<T> {
  /** The file on disk (gone once dropped). */
  readonly path: string;
  write(record: T): Promise<void>;
  /** Every record in write order; `progress.fraction` is the share of the spool read so far. */
  read(progress: { fraction: number }): AsyncGenerator<T>;
  drop(): Promise<void>;
}

export async function openSpool<T>(revive: (record: T) => T): Promise<RecordSpool<T>> {
  const dir = await mkdtemp(join(tmpdir(), "switchyard-spool-"));
  const path = join(dir, "records.ndjson");
  // A large buffer: waiting for the disk every few records would cost more than the JSON.
  const out = createWriteStream(path, { highWaterMark: 4 * 1024 * 1024 });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    out.end();
    await once(out, "finish");
  };
  return {
    path,
    async write(record) {
      if (!out.write(`${JSON.stringify(record)}\n`)) await once(out, "drain");
    },
    async *read(progress) {
      await close();
      const total = (await stat(path)).size;
      const input = createReadStream(path, { highWaterMark: 256 * 1024 });
      let bytes = 0;
      // Bytes per chunk, not per line: lines of JSON are ASCII-safe but not all single-byte.
      input.on("data", (chunk) => {
        bytes += chunk.length;
      });
      for await (const line of createInterface({ input, crlfDelay: Infinity })) {
        progress.fraction = total > 0 ? bytes / total : 1;
        yield revive(JSON.parse(line) as T);
      }
      progress.fraction = 1;
    },
    async drop() {
      await close().catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
