/**
 * What a mapping may do to a cell before it is validated. Every value is trimmed first; a
 * transform that cannot read a value throws ValueError, which the row reports with its column.
 */
export const TRANSFORMS = ["trim", "upper", "lower", "number", "date", "date_dmy", "split_name"] as const;
export type Transform = (typeof TRANSFORMS)[number];

export const TRANSFORM_HINTS: Record<Transform, string> = {
  trim: "Squeeze line breaks and repeated spaces into single spaces (values are always trimmed at the ends).",
  upper: "UPPER CASE, e.g. country and state codes.",
  lower: "lower case, e.g. email addresses.",
  number: "Read amounts written with currency signs, thousands separators or a decimal comma: $1,234.50, 1.234,50 €, (12.50) all become plain decimals.",
  date: "Read a date as YYYY-MM-DD (time and UTC offset optional, e.g. 2025-05-11 09:55:16 -0400), MM/DD/YYYY (US) or DD.MM.YYYY; stored in UTC.",
  date_dmy: "Like date, but DD/MM/YYYY (day first, as in Europe).",
  split_name: "On a full-name field: split into first name (the first word) and last name (the rest); “Smith, Jane” also works.",
};

/** A cell a transform cannot read; the message is for a person. */
export class ValueError extends Error {}

/** The value after `transform`; split_name is the caller's (it fills two fields). */
export function applyTransform(value: string, transform: Transform | undefined): string {
  switch (transform) {
    case "trim":
      return value.replace(/\s+/g, " ");
    case "upper":
      return value.toUpperCase();
    case "lower":
      return value.toLowerCase();
    case "number":
      return parseNumber(value);
    case "date":
      return parseDate(value, "mdy");
    case "date_dmy":
      return parseDate(value, "dmy");
    default:
      return value;
  }
}

/** "Jane van Dyke" -> Jane / van Dyke; "Dyke, Jane" -> Jane / Dyke; "Cher" -> Cher / "". */
export function splitName(full: string): { first_name: string; last_name: string } {
  const name = full.replace(/\s+/g, " ").trim();
  const comma = name.indexOf(",");
  if (comma > 0) return { first_name: name.slice(comma + 1).trim(), last_name: name.slice(0, comma).trim() };
  const space = name.indexOf(" ");
  return space === -1 ? { first_name: name, last_name: "" } : { first_name: name.slice(0, space), last_name: name.slice(space + 1) };
}

/**
 * A decimal string from an amount as people write it. With both "," and "." the later one is the
 * decimal mark; a lone "," is decimal unless it groups thousands ("1,234"); repeated marks group
 * thousands. Never goes through a float.
 */
export function parseNumber(value: string): string {
  let text = value.trim();
  if (!text) return "";
  let negative = false;
  if (/^\(.*\)$/.test(text)) [negative, text] = [true, text.slice(1, -1)];
  if (text.endsWith("-")) [negative, text] = [true, text.slice(0, -1)];
  text = text.replace(/[\s\u00a0\u202f']/g, "").replace(/^[^\d.,+-]+|[^\d.,]+$/g, "");
  if (text.startsWith("-") || text.startsWith("+")) [negative, text] = [negative !== text.startsWith("-"), text.slice(1)];
  text = text.replace(/^[^\d.,]+/, ""); // a currency sign after the sign: -$12
  if (!/^[\d.,]*\d[\d.,]*$/.test(text)) throw new ValueError("Expected a number such as 1234.50.");
  const comma = text.lastIndexOf(",");
  const dot = text.lastIndexOf(".");
  let mark = -1;
  if (comma !== -1 && dot !== -1) mark = Math.max(comma, dot);
  else if (comma !== -1) mark = text.indexOf(",") === comma && (!/^\d{1,3},\d{3}$/.test(text) || text.startsWith("0,")) ? comma : -1;
  else if (dot !== -1) mark = text.indexOf(".") === dot ? dot : -1;
  const grouped = mark === -1 ? text : text.slice(0, mark);
  const fraction = mark === -1 ? "" : text.slice(mark + 1);
  // Thousands separators must group by three, all the same mark: "1.2.3,4" is no amount.
  if (/[.,]/.test(fraction) || (/[.,]/.test(grouped) && !/^\d{1,3}(?:,\d{3})+$|^\d{1,3}(?:\.\d{3})+$/.test(grouped))) {
    throw new ValueError("Expected a number such as 1234.50.");
  }
  const whole = grouped.replace(/[.,]/g, "").replace(/^0+(?=\d)/, "");
  const digits = `${whole || "0"}${fraction ? `.${fraction}` : ""}`;
  return negative && /[1-9]/.test(digits) ? `-${digits}` : digits;
}

const ISO = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*([ap]\.?m\.?)?)?\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?$/i;
const YEAR_LAST = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?:[ T,]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*([ap]\.?m\.?)?)?\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?$/i;

/**
 * "YYYY-MM-DD HH:MM:SS" in UTC. A stated offset is applied ("2025-05-11 09:55:16 -0400" is
 * 13:55:16 UTC); without one the time is taken as UTC. Slashes are month-first for `mdy`;
 * dots are always day-first (DD.MM.YYYY).
 */
export function parseDate(value: string, order: "mdy" | "dmy"): string {
  const text = value.trim();
  if (!text) return "";
  const example = order === "mdy" ? "2025-05-11 14:30 or 05/11/2025" : "2025-05-11 14:30 or 11/05/2025";
  const invalid = () => new ValueError(`Expected a date such as ${example}.`);
  let parts: { y: number; m: number; d: number; h?: string; mi?: string; s?: string; ampm?: string; zone?: string };
  const iso = ISO.exec(text);
  const other = iso ? null : YEAR_LAST.exec(text);
  if (iso) {
    parts = { y: +iso[1]!, m: +iso[2]!, d: +iso[3]!, h: iso[4], mi: iso[5], s: iso[6], ampm: iso[7], zone: iso[8] };
  } else if (other) {
    const dayFirst = other[2] === "." || order === "dmy";
    const [a, b] = [+other[1]!, +other[3]!];
    const year = other[4]!.length === 2 ? 2000 + +other[4]! : +other[4]!;
    parts = { y: year, m: dayFirst ? b : a, d: dayFirst ? a : b, h: other[5], mi: other[6], s: other[7], ampm: other[8], zone: other[9] };
  } else {
    throw invalid();
  }
  let hour = parts.h === undefined ? 0 : +parts.h;
  const minute = parts.mi === undefined ? 0 : +parts.mi;
  const second = parts.s === undefined ? 0 : +parts.s;
  if (parts.ampm) {
    if (hour < 1 || hour > 12) throw invalid();
    hour = (hour % 12) + (parts.ampm.toLowerCase().startsWith("p") ? 12 : 0);
  }
  const daysInMonth = new Date(Date.UTC(parts.y, parts.m, 0)).getUTCDate();
  if (parts.m < 1 || parts.m > 12 || parts.d < 1 || parts.d > daysInMonth || hour > 23 || minute > 59 || second > 59) throw new ValueError(`"${text}" is not a real date.`);
  const offset = zoneMinutes(parts.zone);
  const utc = Date.UTC(parts.y, parts.m - 1, parts.d, hour, minute, second) - offset * 60_000;
  return new Date(utc).toISOString().slice(0, 19).replace("T", " ");
}

function zoneMinutes(zone: string | undefined): number {
  if (!zone || /^(z|utc|gmt)$/i.test(zone)) return 0;
  const digits = zone.replace(":", "");
  const minutes = +digits.slice(1, 3) * 60 + +digits.slice(3, 5);
  return digits.startsWith("-") ? -minutes : minutes;
}
