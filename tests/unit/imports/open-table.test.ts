import fs from "node:fs";
import os from "node:os";
import ExcelJS from "exceljs";
import { afterAll, describe, expect, it } from "vitest";
import { ImportFileError, openTable, type TableRow } from "@/server/imports/read/open-table";
import { collect, tempFolder } from "./temp-files";

const files = tempFolder();
afterAll(() => files.remove());

const rowsOf = async (file: string) => {
  const table = await openTable(file);
  return { table, rows: await collect(table.rows()) };
};

/** The error opening the file or reading its rows. */
async function refusal(file: string, options?: Parameters<typeof openTable>[1]): Promise<ImportFileError> {
  try {
    await collect((await openTable(file, options)).rows());
  } catch (error) {
    expect(error).toBeInstanceOf(ImportFileError);
    return error as ImportFileError;
  }
  throw new Error("expected the file to be refused");
}

describe("openTable: delimiters", () => {
  it.each([
    { name: "comma", text: "SKU,Name,Qty\nA-1,Widget,2\nB-2,\"Gadget, large\",3\n", delimiter: "," },
    { name: "semicolon with decimal commas", text: "SKU;Name;Price\nA-1;Widget;12,50\nB-2;Gadget;3,00\n", delimiter: ";" },
    { name: "tab", text: "SKU\tName\tQty\nA-1\tWidget, small\t2\nB-2\tGadget\t3\n", delimiter: "\t" },
    { name: "pipe", text: "SKU|Name|Qty\nA-1|Widget; blue|2\nB-2|Gadget|3\n", delimiter: "|" },
    { name: "quoted delimiters do not count", text: 'SKU;Name;Qty\nA-1;"a,b,c,d,e";2\nB-2;"f,g,h";3\n', delimiter: ";" },
    { name: "CRLF line ends", text: "SKU,Name,Qty\r\nA-1,Widget,2\r\nB-2,Gadget,3\r\n", delimiter: "," },
    { name: "no trailing newline", text: "SKU,Name,Qty\nA-1,Widget,2\nB-2,Gadget,3", delimiter: "," },
  ])("$name", async ({ text, delimiter }) => {
    const { table, rows } = await rowsOf(files.write(text));
    expect(table).toMatchObject({ format: "csv", delimiter, encoding: "utf-8" });
    expect(table.headers).toEqual(["SKU", "Name", expect.any(String)]);
    expect(rows.map((r) => r.cells[0])).toEqual(["A-1", "B-2"]);
    expect(rows.map((r) => r.line)).toEqual([2, 3]);
    expect(rows.every((r) => r.cells.length === 3 && !r.problem)).toBe(true);
  });

  it("prefers tab for a .tsv file with a single column of commas", async () => {
    const table = await openTable(files.write("Name\tNote\nA\tB\n"), { fileName: "stock.tsv" });
    expect(table.delimiter).toBe("\t");
  });
});

describe("openTable: encodings", () => {
  const mueller = [0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72]; // "Müller" in windows-1252
  it.each([
    { name: "UTF-8 without BOM", bytes: Buffer.from("Name,City\nMüller,Köln\n"), encoding: "utf-8" },
    { name: "UTF-8 with BOM", bytes: Buffer.from("\ufeffName,City\nMüller,Köln\n"), encoding: "utf-8" },
    {
      name: "windows-1252 (invalid UTF-8)",
      bytes: Buffer.concat([Buffer.from("Name,City\n"), Buffer.from(mueller), Buffer.from(","), Buffer.from([0x4b, 0xf6, 0x6c, 0x6e]), Buffer.from("\n")]),
      encoding: "windows-1252",
    },
    { name: "UTF-16LE with BOM", bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("Name\tCity\r\nMüller\tKöln\r\n", "utf16le")]), encoding: "utf-16le" },
  ])("$name", async ({ bytes, encoding }) => {
    const { table, rows } = await rowsOf(files.write(bytes));
    expect(table.encoding).toBe(encoding);
    expect(table.headers).toEqual(["Name", "City"]); // no BOM left on the first header
    expect(rows).toEqual([{ line: 2, cells: ["Müller", "Köln"] }]);
  });

  it("finds windows-1252 even when the first non-ASCII byte is far into the file", async () => {
    const filler = "A-1,Widget\n".repeat(20_000);
    const bytes = Buffer.concat([Buffer.from(`SKU,Name\n${filler}`), Buffer.from([0x42, 0x2d, 0x32, 0x2c, ...mueller, 0x0a])]);
    const { table, rows } = await rowsOf(files.write(bytes));
    expect(table.encoding).toBe("windows-1252");
    expect(rows.at(-1)).toEqual({ line: 20_002, cells: ["B-2", "Müller"] });
  });

  it("keeps UTF-8 when a multi-byte character straddles a 64 KB read boundary", async () => {
    const head = "SKU,Name\n";
    const pad = "x".repeat(64 * 1024 - head.length - 4 - 1); // "ü" starts at byte 65535
    const text = `${head}A-1,${pad}ü\n`;
    expect(Buffer.from(text).indexOf(Buffer.from("ü"))).toBe(64 * 1024 - 1);
    const { table, rows } = await rowsOf(files.write(text));
    expect(table.encoding).toBe("utf-8");
    expect(rows[0]!.cells[1]!.endsWith("xü")).toBe(true);
  });
});

describe("openTable: lines and cells", () => {
  it("counts physical lines through multi-line quoted cells, blank lines and CRLF", async () => {
    const text = ['Name,Note,Qty', 'A,"line one\r\nline two\r\nline three",1', "", "B,plain,2", ",,", 'C,"x\ny",3', "D,last,4"].join("\r\n");
    const { rows } = await rowsOf(files.write(text));
    expect(rows.map((r: TableRow) => [r.line, r.cells[0]])).toEqual([
      [2, "A"],
      [6, "B"],
      [8, "C"],
      [10, "D"],
    ]);
    expect(rows[0]!.cells[1]).toBe("line one\nline two\nline three");
  });

  it("names blank and repeated headers, trimmed", async () => {
    const table = await openTable(files.write(" SKU ,,Price,price,Price\nA,b,1,2,3\n"));
    expect(table.headers).toEqual(["SKU", "Column 2", "Price", "price (2)", "Price (3)"]);
  });

  it("flags ragged rows but still yields them; trailing blank cells are not ragged", async () => {
    const { rows } = await rowsOf(files.write("A,B,C\n1,2,3\n1,2\n1,2,3,4\n1,2,3,,\n"));
    expect(rows.map((r) => [r.line, r.cells, r.problem])).toEqual([
      [2, ["1", "2", "3"], undefined],
      [3, ["1", "2", ""], "Row has 2 cells; the header has 3."],
      [4, ["1", "2", "3"], "Row has 4 cells; the header has 3."],
      [5, ["1", "2", "3"], undefined],
    ]);
  });

  it("can be read twice, reporting progress per pass", async () => {
    const file = files.write("A,B\n1,2\n3,4\n");
    const table = await openTable(file);
    expect(await collect(table.rows())).toHaveLength(2);
    expect(table.bytesRead()).toBe(table.totalBytes);
    const again = table.rows()[Symbol.asyncIterator]();
    await again.next();
    expect(await collect({ [Symbol.asyncIterator]: () => again })).toHaveLength(1);
    expect(table.totalBytes).toBe(12);
  });
});

describe("openTable: broken quotes", () => {
  it.each([
    {
      name: "a quote never closed",
      text: 'SKU,Name\nA,ok\n\nB,"never closed\nC,more\n',
      line: 4,
      message: 'Line 4: a quoted cell is never closed (check for a stray " character).',
    },
    {
      name: "text after a closing quote",
      text: 'SKU,Name\nA,ok\nB,"closed"too early\n',
      line: 3,
      message: 'Line 3: a quoted cell has text right after its closing quote (inside a quoted cell, write a " as "").',
    },
    {
      name: "a runaway quote that hits the next quoted cell",
      text: 'SKU,Name\nA,"runaway\nB,ok\nC,"next",1\n',
      line: 2,
      message: 'Line 2: a quoted cell that starts on this line runs on to line 4 (check line 2 for a stray " character).',
    },
    {
      name: "a quote inside an unquoted cell",
      text: 'SKU,Name\nA,ok\nB,Monitor 27" wide\n',
      line: 3,
      message: 'Line 3: a cell that is not quoted contains a " character (put the whole cell in quotes and write the " as "").',
    },
  ])("$name", async ({ text, line, message }) => {
    const error = await refusal(files.write(text));
    expect(error.message).toBe(message);
    expect(error.line).toBe(line);
    expect(error.code).toBe("BAD_REQUEST");
  });

  it("refuses a broken header before any row", async () => {
    const error = await refusal(files.write('SKU,"Name\nA,b\n'));
    expect(error.message).toMatch(/^Line 1: a quoted cell is never closed/);
  });
});

describe("openTable: refusals", () => {
  const pdf = Buffer.concat([Buffer.from("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "latin1"), Buffer.alloc(100, 0x20)]);
  const noise = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
  const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(26), Buffer.from("notes.txt"), Buffer.alloc(50, 0x41)]);
  const docx = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(26), Buffer.from("word/document.xml"), Buffer.alloc(50, 0x41)]);
  it.each([
    { name: "an empty file", bytes: Buffer.alloc(0), message: "The file is empty." },
    { name: "only blank lines", bytes: Buffer.from("\n\n,,,\n  \n"), message: "The file has no rows; it is empty or holds only blank lines." },
    { name: "a PDF", bytes: pdf, message: "This file is not a spreadsheet (it looks like a PDF). Upload a CSV, TSV or XLSX file." },
    { name: "a PNG", bytes: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), message: "This file is not a spreadsheet (it looks like a PNG image). Upload a CSV, TSV or XLSX file." },
    { name: "a GZIP", bytes: Buffer.from([0x1f, 0x8b, 0x08, 0, 0, 0]), message: "This file is not a spreadsheet (it looks like a GZIP archive). Unpack it first, then upload the CSV inside." },
    { name: "random bytes with NULs", bytes: noise, message: "This file is not a spreadsheet (it looks like a binary file). Upload a CSV, TSV or XLSX file." },
    { name: "a ZIP that is not a workbook", bytes: zip, message: "This file is not a spreadsheet (it looks like a ZIP archive). Unpack it first, then upload the CSV or XLSX inside." },
    { name: "a Word document", bytes: docx, message: "This file is not a spreadsheet (it looks like a Word document). Save the table as XLSX or CSV and upload that." },
    {
      name: "a header-less file (numbers only)",
      bytes: Buffer.from("1001,2,12.50\n1002,1,3.00\n"),
      message: 'The first row should hold the column names, but it looks like data ("1001", "2", "12.50"). Add a header row and upload the file again.',
    },
    {
      name: "a header-less file (an email in the first row)",
      bytes: Buffer.from("1001,jane@example.com,Widget\n"),
      message: 'The first row should hold the column names, but it looks like data ("1001", "jane@example.com"). Add a header row and upload the file again.',
    },
  ])("$name", async ({ bytes, message }) => {
    expect((await refusal(files.write(bytes))).message).toBe(message);
  });

  it.each([
    { size: 200 * 1024 * 1024, max: 100 * 1024 * 1024, message: "The file is 200 MB; the largest import is 100 MB." },
    { size: 2048, max: 1024, message: "The file is 2 KB; the largest import is 1 KB." },
  ])("refuses a $size-byte file over $max bytes without reading it", async ({ size, max, message }) => {
    const file = files.write("");
    const { truncateSync } = await import("node:fs");
    truncateSync(file, size); // sparse: nothing is written, and nothing must be read
    expect((await refusal(file, { maxBytes: max })).message).toBe(message);
  });
});

describe("openTable: XLSX", () => {
  it("reads the first worksheet, converting cells to text", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Orders");
    workbook.addWorksheet("Other").addRow(["Not", "this"]);
    sheet.addRow(["Order Number", "Date", "Price", "Rich", "Formula", "Big", "Flag", "Empty"]);
    sheet.addRow([
      "#1001",
      new Date(Date.UTC(2025, 4, 11, 9, 55, 16)),
      0.1 + 0.2,
      { richText: [{ text: "Blue " }, { text: "Widget", font: { bold: true } }] },
      { formula: "C2*2", result: 0.6000000000000001 },
      12345678901234,
      true,
    ]);
    sheet.addRow([]);
    sheet.addRow(["#1002", "2025-05-12", 12.5, "plain", { formula: "C4*2", result: 25 }, -0.000001]);
    sheet.getCell("B2").numFmt = "yyyy-mm-dd hh:mm:ss";
    const file = files.write("", "orders.xlsx");
    await workbook.xlsx.writeFile(file);

    const { table, rows } = await rowsOf(file);
    expect(table.format).toBe("xlsx");
    expect(table.delimiter).toBeUndefined();
    expect(table.headers).toEqual(["Order Number", "Date", "Price", "Rich", "Formula", "Big", "Flag", "Empty"]);
    expect(rows).toEqual([
      { line: 2, cells: ["#1001", "2025-05-11 09:55:16", "0.3", "Blue Widget", "0.6", "12345678901234", "TRUE", ""] },
      { line: 4, cells: ["#1002", "2025-05-12", "12.5", "plain", "25", "-0.000001", "", ""] },
    ]);
    expect(table.bytesRead()).toBe(table.totalBytes);
  });

  it("refuses a damaged workbook clearly", async () => {
    const bytes = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(26), Buffer.from("[Content_Types].xml"), Buffer.alloc(200, 0x41)]);
    const error = await refusal(files.write(bytes, "broken.xlsx"));
    expect(error.message).toMatch(/^This XLSX file (could not be read|has no worksheet)/);
  });
});

describe("openTable: resources", () => {
  const openFiles = () => fs.readdirSync("/proc/self/fd").length;
  // exceljs spools sheets to tmp-<pid>-* files and deletes them only as its reading moves on.
  const spooled = () => fs.readdirSync(os.tmpdir()).filter((name) => name.startsWith(`tmp-${process.pid}-`)).length;

  it.skipIf(process.platform !== "linux")("closes the file and exceljs's temp files when a pass stops early", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("First");
    sheet.addRow(["SKU", "Stock"]);
    for (let i = 0; i < 500; i++) sheet.addRow([`A-${i}`, i]);
    workbook.addWorksheet("Second").addRow(["Other"]);
    const xlsx = files.write("", "two-sheets.xlsx");
    await workbook.xlsx.writeFile(xlsx);
    const csv = files.write("SKU,Stock\nA,1\nB,2\nC,3\n");

    const [fdsBefore, spooledBefore] = [openFiles(), spooled()];
    for (let i = 0; i < 20; i++) {
      for (const file of [xlsx, csv]) {
        const table = await openTable(file); // reads only the header row
        for await (const row of table.rows()) if (row.line >= 3) break;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(openFiles() - fdsBefore).toBeLessThan(5);
    expect(spooled()).toBe(spooledBefore);
  });
});
