import { ImportFileError } from "./errors";

/** What the first bytes of a file say it is. */
export type Sniffed = { kind: "xlsx" } | { kind: "text"; bom: "utf-8" | "utf-16le" | null };

/** How many bytes the binary checks look at. */
export const BINARY_PROBE_BYTES = 8 * 1024;

const hint = "Upload a CSV, TSV or XLSX file.";

// Formats people upload by mistake; NUL bytes catch most of the rest.
const MAGIC: { bytes: number[]; what: string; advice?: string }[] = [
  { bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], what: "a PDF" },
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: "a PNG image" },
  { bytes: [0xff, 0xd8, 0xff], what: "a JPEG image" },
  { bytes: [0x47, 0x49, 0x46, 0x38], what: "a GIF image" },
  { bytes: [0x1f, 0x8b], what: "a GZIP archive", advice: "Unpack it first, then upload the CSV inside." },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], what: "a 7-Zip archive", advice: "Unpack it first, then upload the CSV inside." },
  { bytes: [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07], what: "a RAR archive", advice: "Unpack it first, then upload the CSV inside." },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], what: "an old Excel .xls or Word .doc file", advice: "Save it as XLSX or CSV and upload that." },
];

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ZIP = [0x50, 0x4b, 0x05, 0x06];

const startsWith = (head: Buffer, bytes: number[]) => head.length >= bytes.length && bytes.every((b, i) => head[i] === b);
const contains = (head: Buffer, text: string) => head.includes(Buffer.from(text, "latin1"));

const notASpreadsheet = (what: string, advice = hint) => new ImportFileError(`This file is not a spreadsheet (it looks like ${what}). ${advice}`);

/**
 * Decides from the first bytes (up to 64 KB) whether the file is an XLSX workbook or text, and
 * refuses anything else before a single row is read.
 */
export function sniffHead(head: Buffer): Sniffed {
  if (startsWith(head, ZIP)) return sniffZip(head);
  if (startsWith(head, EMPTY_ZIP)) throw notASpreadsheet("an empty ZIP archive");
  for (const magic of MAGIC) {
    if (startsWith(head, magic.bytes)) throw notASpreadsheet(magic.what, magic.advice);
  }
  if (startsWith(head, [0xef, 0xbb, 0xbf])) return { kind: "text", bom: "utf-8" };
  // Excel's "Unicode Text" is UTF-16LE with a BOM; its NUL bytes are expected.
  if (startsWith(head, [0xff, 0xfe])) return { kind: "text", bom: "utf-16le" };
  if (startsWith(head, [0xfe, 0xff])) throw new ImportFileError("This file is UTF-16 big-endian text, which the importer does not read. Save it as CSV UTF-8 and upload that.");
  if (head.subarray(0, BINARY_PROBE_BYTES).includes(0)) throw notASpreadsheet("a binary file");
  return { kind: "text", bom: null };
}

// Office files are all ZIPs; the entry names in the local headers near the start tell them apart.
function sniffZip(head: Buffer): Sniffed {
  if (contains(head, "xl/workbook.xml") || contains(head, "xl/worksheets/") || contains(head, "xl/_rels/")) return { kind: "xlsx" };
  if (contains(head, "word/")) throw notASpreadsheet("a Word document", "Save the table as XLSX or CSV and upload that.");
  if (contains(head, "ppt/")) throw notASpreadsheet("a PowerPoint presentation");
  if (contains(head, "application/vnd.oasis.opendocument.spreadsheet")) {
    throw new ImportFileError("This is an OpenDocument spreadsheet (.ods), which the importer does not read. Save it as XLSX or CSV and upload that.");
  }
  if (contains(head, "application/vnd.oasis.opendocument")) throw notASpreadsheet("an OpenDocument file");
  // An XLSX whose first entries are large may hide its xl/ names past the probe; the reader decides.
  if (contains(head, "[Content_Types].xml")) return { kind: "xlsx" };
  throw notASpreadsheet("a ZIP archive", "Unpack it first, then upload the CSV or XLSX inside.");
}
