import { createReadStream } from "node:fs";
import { Readable, pipeline } from "node:stream";
import { CsvError, parse, type InfoRecord, type Options } from "csv-parse";
import { decodeChunks, normalizeNewlines, type TextEncoding } from "./encoding";
import { ImportFileError } from "./errors";

export interface CsvSource {
  path: string;
  encoding: TextEncoding;
  delimiter: string;
}

export interface RawRecord {
  /** The physical line the record starts on (1-based). */
  line: number;
  cells: string[];
}

/** A row longer than this is almost surely a quote that swallows the rest of the file. */
const MAX_RECORD_CHARS = 1_000_000;

/**
 * Every non-blank record of a delimited text file, streamed from disk: bytes -> text -> csv-parse.
 * `progress.bytes` counts the bytes read so far. Broken quoting ends the stream with an
 * ImportFileError naming the line.
 */
export async function* readCsvRecords(source: CsvSource, progress: { bytes: number }): AsyncGenerator<RawRecord> {
  // Where the last record ended, to find where a broken one starts. Tracked inside the parser:
  // on an error the stream drops records it parsed but we have not consumed yet.
  let lastEnd = 0;
  let lastEmptyLines = 0;
  const onRecord = (cells: string[], info: InfoRecord): RawRecord | null => {
    lastEnd = info.lines;
    lastEmptyLines = info.empty_lines;
    // Excel writes empty rows as ",,,,"; they are blank lines too.
    if (cells.every((cell) => cell.trim() === "")) return null;
    return { line: info.lines - newlinesIn(cells), cells };
  };
  const parser = parse({
    delimiter: source.delimiter,
    record_delimiter: "\n",
    relax_column_count: true,
    skip_empty_lines: true,
    max_record_size: MAX_RECORD_CHARS,
    // The typings only allow on_record to return string[]; records become RawRecords here.
    on_record: onRecord as unknown as Options["on_record"],
  });
  const text = normalizeNewlines(decodeChunks(countBytes(source.path, progress), source.encoding));
  // pipeline destroys every stream on an error (or when the consumer stops early), closing the file.
  pipeline(Readable.from(text), parser, () => {});
  try {
    yield* parser as AsyncIterable<RawRecord>;
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const start = lastEnd + 1 + Math.max(0, Number(error.empty_lines ?? lastEmptyLines) - lastEmptyLines);
    throw csvErrorToImportError(error, start);
  }
}

async function* countBytes(path: string, progress: { bytes: number }): AsyncGenerator<Buffer> {
  progress.bytes = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 64 * 1024 })) {
    progress.bytes += (chunk as Buffer).length;
    yield chunk as Buffer;
  }
}

function newlinesIn(cells: string[]): number {
  let count = 0;
  for (const cell of cells) {
    if (!cell.includes("\n")) continue;
    for (let i = cell.indexOf("\n"); i !== -1; i = cell.indexOf("\n", i + 1)) count++;
  }
  return count;
}

/** csv-parse's messages speak parser; these say what to look for in the file. `start` is where the broken row begins. */
export function csvErrorToImportError(error: CsvError, start: number): ImportFileError {
  const at = typeof error.lines === "number" ? error.lines : start;
  const message = (() => {
    switch (error.code) {
      case "CSV_QUOTE_NOT_CLOSED":
        return `Line ${start}: a quoted cell is never closed (check for a stray " character).`;
      case "CSV_INVALID_CLOSING_QUOTE":
        return at > start
          ? `Line ${start}: a quoted cell that starts on this line runs on to line ${at} (check line ${start} for a stray " character).`
          : `Line ${at}: a quoted cell has text right after its closing quote (inside a quoted cell, write a " as "").`;
      case "INVALID_OPENING_QUOTE":
        return `Line ${at}: a cell that is not quoted contains a " character (put the whole cell in quotes and write the " as "").`;
      case "CSV_MAX_RECORD_SIZE":
        return `Line ${start}: a row is longer than ${MAX_RECORD_CHARS.toLocaleString("en-US")} characters; a quoted cell is probably never closed (check for a stray " character).`;
      default:
        return `Line ${at}: this row could not be read (${error.message}).`;
    }
  })();
  const line = error.code === "INVALID_OPENING_QUOTE" || (error.code === "CSV_INVALID_CLOSING_QUOTE" && at <= start) ? at : start;
  return new ImportFileError(message, { line, cause: error });
}
