import { createWriteStream } from "node:fs";
import { posix } from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { DeliveryError } from "./errors";

/** A file in a server folder, as a listing shows it. */
export interface RemoteFile {
  name: string;
  size: number;
  /** Exact modification time, when the server gives one (MLSD, MDTM, SFTP). */
  modifiedAt: Date | null;
  /** `modifiedAt` as ISO text, or the listing's own date text: with name and size, what identifies this version of the file. */
  modified: string;
}

/** What happens to a fetched file on the server once it was imported. */
export type AfterFetch = "move" | "delete";

/** Imported files move here, below the folder they came from. */
export const PROCESSED_FOLDER = "processed";

/** Listing, moving, deleting: two minutes per connection. */
export const FOLDER_TIMEOUT_MS = 120_000;
/** Whole upload: a minute plus at least 50 KB/s. */
export const uploadTimeout = (bytes: number) => 60_000 + Math.ceil(bytes / 50);

/** Whole download: a minute plus at least 50 KB/s. */
export const downloadTimeout = (bytes: number) => 60_000 + Math.ceil(bytes / 50);

const megabytes = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

export const tooLargeError = (name: string, maxBytes: number) =>
  new DeliveryError(`"${name}" is larger than the largest import (${megabytes(maxBytes)}); it was not downloaded.`, { retryable: false });

/**
 * A writable that saves to `path` and fails as soon as more than `maxBytes` arrive (a file that
 * grew since it was listed). `done` settles once the file is written and closed.
 */
export function cappedFileWriter(path: string, name: string, maxBytes: number) {
  let bytes = 0;
  const input = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      if (bytes > maxBytes) callback(tooLargeError(name, maxBytes));
      else callback(null, chunk);
    },
  });
  const done = pipeline(input, createWriteStream(path)).then(() => bytes);
  // Awaited by the caller after the transfer; until then a failure must not go unhandled.
  done.catch(() => undefined);
  return { input, done, tooLarge: () => bytes > maxBytes };
}

/** Oldest first (then by name), so files are imported in the order they arrived. */
export const oldestFirst = (a: RemoteFile, b: RemoteFile) =>
  (a.modifiedAt?.getTime() ?? 0) - (b.modifiedAt?.getTime() ?? 0) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** `name`, or "name-<time>.ext" when processed/ already holds a file of that name (never overwritten). */
export function processedName(name: string, taken: ReadonlySet<string>, now = new Date()): string {
  if (!taken.has(name)) return name;
  const extension = posix.extname(name);
  const stem = name.slice(0, name.length - extension.length);
  const stamp = now.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
  for (let i = 0; ; i++) {
    const candidate = `${stem}-${stamp}${i ? `-${i}` : ""}${extension}`;
    if (!taken.has(candidate)) return candidate;
  }
}
