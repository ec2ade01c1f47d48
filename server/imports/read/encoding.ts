import { isUtf8 } from "node:buffer";
import { createReadStream } from "node:fs";

export type TextEncoding = "utf-8" | "utf-16le" | "windows-1252";

/**
 * How many bytes at the end of `chunk` start a UTF-8 character that the next chunk finishes.
 * Without this, a character split across two reads would make a valid file look invalid.
 */
export function incompleteUtf8Tail(chunk: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, chunk.length); back++) {
    const byte = chunk[chunk.length - back]!;
    if ((byte & 0xc0) === 0x80) continue; // a continuation byte: the lead byte is further back
    const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return length > back ? back : 0;
  }
  return 0;
}

/**
 * Whether the whole file is valid UTF-8, read in chunks (constant memory). Non-ASCII text that
 * is not UTF-8 is almost always Excel's "CSV" on Windows: windows-1252. The whole file is read
 * because the first "ü" may sit in row 50,000; the scan stops at the first invalid byte.
 */
export async function isUtf8File(path: string): Promise<boolean> {
  let carry: Buffer = Buffer.alloc(0);
  for await (const read of createReadStream(path)) {
    const chunk: Buffer = carry.length ? Buffer.concat([carry, read as Buffer]) : (read as Buffer);
    const keep = incompleteUtf8Tail(chunk);
    if (!isUtf8(chunk.subarray(0, chunk.length - keep))) return false;
    carry = chunk.subarray(chunk.length - keep);
  }
  return carry.length === 0;
}

/** Decodes byte chunks to text; `{ stream: true }` keeps characters split across chunks whole. BOMs are dropped. */
export async function* decodeChunks(chunks: AsyncIterable<Uint8Array>, encoding: TextEncoding): AsyncGenerator<string> {
  const decoder = new TextDecoder(encoding);
  for await (const chunk of chunks) {
    const text = decoder.decode(chunk, { stream: true });
    if (text) yield text;
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

/**
 * Line breaks as "\n" only: CRLF and old-Mac CR. csv-parse counts a CRLF inside a quoted cell as
 * two lines, which would put every later line number off by one; this keeps them physical.
 */
export async function* normalizeNewlines(texts: AsyncIterable<string>): AsyncGenerator<string> {
  let pendingCr = false;
  for await (const piece of texts) {
    let text: string = pendingCr ? `\r${piece}` : piece;
    pendingCr = text.endsWith("\r");
    if (pendingCr) text = text.slice(0, -1); // the "\n" of a CRLF may start the next piece
    if (text) yield text.replace(/\r\n?/g, "\n");
  }
  if (pendingCr) yield "\n";
}
