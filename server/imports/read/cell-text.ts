import type { CellValue } from "exceljs";

/**
 * An XLSX cell as the text a person sees in the sheet, so a workbook imports exactly like the
 * same sheet saved as CSV: dates as "YYYY-MM-DD HH:MM:SS", numbers without float noise
 * (0.30000000000000004 -> "0.3"), rich text joined, formulas as their cached result.
 */
export function cellText(value: CellValue, numFmt?: string): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  // exceljs turns date-formatted number cells into Dates itself.
  if (typeof value === "number") return formatNumber(value);
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (value instanceof Date) return formatDate(value);
  if ("richText" in value) return value.richText.map((run) => run.text ?? "").join("");
  if ("error" in value) return String(value.error);
  // Formula cells (plain or shared) carry the value Excel computed when the file was saved.
  // It does not for formula results, so their number format decides.
  if ("formula" in value || "sharedFormula" in value) {
    const result = value.result;
    if (typeof result === "number" && isDateFormat(numFmt)) return formatDate(excelSerialToDate(result));
    return result === undefined ? "" : cellText(result);
  }
  if ("hyperlink" in value) return typeof value.text === "string" ? value.text : cellText(value.text as CellValue, numFmt);
  return "";
}

// 15 significant digits is what Excel itself shows; no grouping, never exponent notation.
const numberFormat = new Intl.NumberFormat("en-US", { useGrouping: false, maximumSignificantDigits: 15 });

export function formatNumber(value: number): string {
  if (Number.isSafeInteger(value)) return String(value);
  if (!Number.isFinite(value)) return String(value);
  const text = numberFormat.format(value);
  return text === "-0" ? "0" : text;
}

/** Excel stores wall-clock times without a zone; exceljs hands them over as UTC dates. */
export function formatDate(date: Date): string {
  const rounded = new Date(Math.round(date.getTime() / 1000) * 1000); // serials carry sub-ms noise
  return rounded.toISOString().slice(0, 19).replace("T", " ");
}

function excelSerialToDate(serial: number): Date {
  return new Date(Math.round((serial - 25569) * 86_400_000));
}

/** A number format that shows a date or time (formula results arrive as plain numbers). */
export function isDateFormat(numFmt: string | undefined): boolean {
  if (!numFmt || numFmt === "General") return false;
  const bare = numFmt.replace(/\[[^\]]*]/g, "").replace(/"[^"]*"/g, "").replace(/\\./g, "");
  return /[dmyhs]/i.test(bare);
}
