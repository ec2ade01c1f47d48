import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { DomainError } from "@/server/errors";

const megabytes = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

/**
 * Streams an upload to a temporary file, stopping as soon as it passes `maxBytes` (a declared
 * Content-Length over the limit is refused before reading anything), then hands the path on.
 */
export async function withUploadedFile<T>(
  body: ReadableStream<Uint8Array> | null,
  declaredBytes: number | null,
  maxBytes: number,
  work: (path: string) => Promise<T>,
): Promise<T> {
  const tooLarge = (bytes: string) => new DomainError("BAD_REQUEST", `The file is ${bytes}; the largest import is ${megabytes(maxBytes)}. Split it into smaller files.`, { field: "file" });
  if (declaredBytes !== null && declaredBytes > maxBytes) throw tooLarge(megabytes(declaredBytes));
  if (!body) throw new DomainError("BAD_REQUEST", "Choose a file to upload.", { field: "file" });
  const dir = await mkdtemp(join(tmpdir(), "switchyard-upload-"));
  const path = join(dir, "upload");
  try {
    let received = 0;
    const cap = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        received += chunk.length;
        if (received > maxBytes) callback(tooLarge(`over ${megabytes(maxBytes)}`));
        else callback(null, chunk);
      },
    });
    await pipeline(Readable.fromWeb(body as import("node:stream/web").ReadableStream<Uint8Array>), cap, createWriteStream(path));
    if (received === 0) throw new DomainError("BAD_REQUEST", "The file is empty.", { field: "file" });
    return await work(path);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
