import { ImportFileError } from "./errors";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Column names from the first row: trimmed, blank ones named "Column N" (1-based position) and
 * repeated ones suffixed "(2)", "(3)" so a mapping can name every column unambiguously. A first
 * row that is clearly data (no letters at all, or an email address) means the header is missing.
 */
export function headersFrom(cells: string[], line: number): string[] {
  const trimmed = cells.map((cell) => cell.trim());
  const looksLikeData = trimmed.filter((cell) => EMAIL.test(cell) || (cell !== "" && !/\p{L}/u.test(cell)));
  if (!trimmed.some((cell) => /\p{L}/u.test(cell)) || trimmed.some((cell) => EMAIL.test(cell))) {
    const examples = looksLikeData.slice(0, 3).map((cell) => `"${cell.length > 40 ? `${cell.slice(0, 40)}…` : cell}"`);
    throw new ImportFileError(
      `The first row should hold the column names, but it looks like data${examples.length ? ` (${examples.join(", ")})` : ""}. Add a header row and upload the file again.`,
      { line },
    );
  }
  const used = new Set<string>();
  return trimmed.map((cell, index) => {
    const base = cell === "" ? `Column ${index + 1}` : cell;
    let name = base;
    for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base} (${n})`;
    used.add(name.toLowerCase());
    return name;
  });
}
