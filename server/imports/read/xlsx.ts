import { createReadStream } from "node:fs";
import { PassThrough, pipeline } from "node:stream";
import ExcelJS from "exceljs";
import type { RawRecord } from "./csv";
import { cellText } from "./cell-text";
import { ImportFileError } from "./errors";

type WorksheetReader = ExcelJS.stream.xlsx.WorksheetReader;
type Row = ExcelJS.Row;

/**
 * The non-blank rows of the first visible worksheet, streamed with exceljs's WorkbookReader so
 * memory stays flat (sheets stored before the shared strings are spooled to temp files by
 * exceljs, not held in memory). `line` is the sheet's row number.
 */
export async function* readXlsxRows(path: string, progress: { bytes: number }): AsyncGenerator<RawRecord> {
  progress.bytes = 0;
  const file = createReadStream(path, { highWaterMark: 64 * 1024 });
  const counted = new PassThrough();
  counted.on("data", (chunk: Buffer) => (progress.bytes += chunk.length));
  counted.pause(); // the "data" listener would start the flow before unzip is attached
  pipeline(file, counted, () => {});
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(counted, {
    worksheets: "emit",
    sharedStrings: "cache",
    styles: "cache", // needed to tell dates from numbers
    hyperlinks: "ignore",
    entries: "ignore",
  });

  const sheets = readWorksheets(workbook);
  let found = false;
  let finished = false;
  try {
    for (let next = await sheets.next(); !next.done; next = await sheets.next()) {
      const sheet = next.value;
      if (found || isHidden(sheet)) {
        release(sheet);
        continue;
      }
      found = true;
      for await (const row of readRows(sheet)) {
        const cells = rowCells(row);
        if (cells.every((cell) => cell.trim() === "")) continue;
        yield { line: row.number, cells };
      }
    }
    finished = true;
  } catch (error) {
    finished = true; // exceljs's generator is done after a throw; nothing left to drain
    throw error;
  } finally {
    // Stopped early (the header pass, a consumer that breaks): exceljs closes and deletes the
    // temp files of spooled sheets only as its iteration moves past them, so finish it, skipping sheets.
    if (!finished) {
      for (let next = await sheets.next(); !next.done; next = await sheets.next()) release(next.value);
    }
    file.destroy();
  }
  if (!found) throw new ImportFileError("This XLSX file has no worksheet to import.");
}

// exceljs's own errors (a damaged zip, bad XML) get a message a person can act on.
async function* readWorksheets(workbook: ExcelJS.stream.xlsx.WorkbookReader): AsyncGenerator<WorksheetReader> {
  try {
    yield* workbook;
  } catch (error) {
    throw unreadable(error);
  }
}

async function* readRows(sheet: WorksheetReader): AsyncGenerator<Row> {
  try {
    yield* sheet;
  } catch (error) {
    throw unreadable(error);
  }
}

const unreadable = (cause: unknown) =>
  cause instanceof ImportFileError ? cause : new ImportFileError("This XLSX file could not be read; it may be damaged. Open it in Excel and save it again, or save it as CSV.", { cause });

function isHidden(sheet: WorksheetReader): boolean {
  const state = (sheet as unknown as { state?: string }).state;
  return state === "hidden" || state === "veryHidden";
}

/**
 * A skipped sheet spooled to a temp file comes with a read stream already opening; close it.
 * exceljs deletes the file right after, so the open may fail: that error is of no interest.
 */
function release(sheet: WorksheetReader) {
  const iterator = (sheet as unknown as { iterator?: Partial<Pick<NodeJS.ReadableStream, "on">> & { destroy?: () => void } }).iterator;
  if (typeof iterator?.destroy !== "function") return; // streamed straight from the zip: exceljs drains it
  iterator.on?.("error", () => {});
  iterator.destroy();
}

function rowCells(row: Row): string[] {
  const cells: string[] = [];
  row.eachCell({ includeEmpty: false }, (cell, column) => {
    cells[column - 1] = cellText(cell.value, cell.numFmt);
  });
  return Array.from(cells, (cell) => cell ?? "");
}
