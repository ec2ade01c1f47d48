import { open, stat } from "node:fs/promises";
import { readCsvRecords, type RawRecord } from "./csv";
import { sniffDelimiter, SNIFF_CHARS } from "./delimiter";
import { isUtf8File, type TextEncoding } from "./encoding";
import { ImportFileError } from "./errors";
import { headersFrom } from "./headers";
import { sniffHead } from "./sniff";
import { readXlsxRows } from "./xlsx";

export { ImportFileError } from "./errors";

export interface TableRow {
  /** 1-based line where the row starts (CSV: physical line, counting multi-line cells; XLSX: sheet row). */
  line: number;
  /** Exactly one cell per header (missing cells are ""). */
  cells: string[];
  /** Set for a ragged row; the row is still yielded so the caller can report it as failed. */
  problem?: string;
}

export interface OpenedTable {
  format: "csv" | "xlsx";
  /** CSV only. */
  delimiter?: string;
  /** CSV only. */
  encoding?: TextEncoding;
  /** Trimmed; blank ones are "Column N", repeated ones "Name (2)". */
  headers: string[];
  /** Every data row after the header, re-read from disk (streaming, constant memory) on each call. */
  rows(): AsyncIterable<TableRow>;
  /** Bytes of the file read so far by the current pass (for progress). */
  bytesRead(): number;
  totalBytes: number;
}

export const DEFAULT_MAX_IMPORT_BYTES = 100 * 1024 * 1024;
const HEAD_BYTES = 64 * 1024;

/**
 * Opens an uploaded CSV/TSV/XLSX file for import. Everything that makes the whole file unusable
 * (empty, too big, not a spreadsheet, no header row, broken quoting in the header) is refused
 * here with an ImportFileError, before any row is read.
 */
export async function openTable(path: string, options: { fileName?: string; maxBytes?: number } = {}): Promise<OpenedTable> {
  const info = await stat(path);
  if (!info.isFile()) throw new ImportFileError("The upload is not a file.");
  const totalBytes = info.size;
  if (totalBytes === 0) throw new ImportFileError("The file is empty.");
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_IMPORT_BYTES;
  if (totalBytes > maxBytes) throw new ImportFileError(`The file is ${formatSize(totalBytes, "up")}; the largest import is ${formatSize(maxBytes, "down")}.`);

  const head = await readHead(path);
  const sniffed = sniffHead(head);
  // One counter per pass: a pass that was stopped early may still finish a read in the background.
  let progress = { bytes: 0 };
  let reader: (counter: { bytes: number }) => AsyncGenerator<RawRecord>;
  let table: Pick<OpenedTable, "format" | "delimiter" | "encoding">;
  if (sniffed.kind === "xlsx") {
    reader = (counter) => readXlsxRows(path, counter);
    table = { format: "xlsx" };
  } else {
    const encoding: TextEncoding = sniffed.bom ?? ((await isUtf8File(path)) ? "utf-8" : "windows-1252");
    const sample = new TextDecoder(encoding).decode(head, { stream: head.length < totalBytes }).slice(0, SNIFF_CHARS).replace(/\r\n?/g, "\n");
    const delimiter = sniffDelimiter(sample, { complete: head.length === totalBytes, preferTab: /\.(tsv|tab)$/i.test(options.fileName ?? "") });
    reader = (counter) => readCsvRecords({ path, encoding, delimiter }, counter);
    table = { format: "csv", delimiter, encoding };
  }

  const read = () => reader((progress = { bytes: 0 }));
  const header = await firstRecord(read());
  if (!header) throw new ImportFileError("The file has no rows; it is empty or holds only blank lines.");
  const headers = headersFrom(header.cells, header.line);

  return {
    ...table,
    headers,
    totalBytes,
    bytesRead: () => progress.bytes,
    rows: () => dataRows(read(), header.line, headers.length, table.format),
  };
}

async function readHead(path: string): Promise<Buffer> {
  const file = await open(path, "r");
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await file.read(buffer, 0, HEAD_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}

async function firstRecord(records: AsyncGenerator<RawRecord>): Promise<RawRecord | undefined> {
  try {
    const first = await records.next();
    return first.done ? undefined : first.value;
  } finally {
    await records.return(undefined); // stop reading: the header is all this pass needs
  }
}

async function* dataRows(records: AsyncGenerator<RawRecord>, headerLine: number, width: number, format: OpenedTable["format"]): AsyncGenerator<TableRow> {
  for await (const record of records) {
    if (record.line <= headerLine) continue;
    yield fitToHeader(record, width, format === "xlsx");
  }
}

/**
 * One cell per header. Extra cells that are all blank (a trailing delimiter) are dropped; a CSV
 * row with missing cells, or any row with extra cells holding text, is ragged: its values would
 * land in the wrong columns, so it is flagged rather than guessed at. XLSX does not store trailing
 * empty cells, so its short rows are simply padded.
 */
function fitToHeader(record: RawRecord, width: number, padShort: boolean): TableRow {
  const { cells, line } = record;
  if (cells.length === width) return { line, cells };
  if (cells.length < width && padShort) return { line, cells: [...cells, ...Array<string>(width - cells.length).fill("")] };
  if (cells.length > width && cells.slice(width).every((cell) => cell.trim() === "")) return { line, cells: cells.slice(0, width) };
  const fitted = cells.length > width ? cells.slice(0, width) : [...cells, ...Array<string>(width - cells.length).fill("")];
  return { line, cells: fitted, problem: `Row has ${cells.length} ${cells.length === 1 ? "cell" : "cells"}; the header has ${width}.` };
}

function formatSize(bytes: number, round: "up" | "down"): string {
  const mb = bytes / (1024 * 1024);
  if (mb >= 1) return `${(round === "up" ? Math.ceil(mb * 10) : Math.floor(mb * 10)) / 10} MB`;
  const kb = bytes / 1024;
  if (kb >= 1) return `${round === "up" ? Math.ceil(kb) : Math.floor(kb)} KB`;
  return `${bytes} bytes`;
}
