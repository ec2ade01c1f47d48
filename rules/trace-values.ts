import type { FieldDef } from "./catalog/fields";
import type { TraceValue } from "./trace";

/** How the trace shows what the order holds: `actual` in an entry, and the start of its sentence. */

export const asText = (raw: unknown) => (typeof raw === "string" ? raw : typeof raw === "number" || typeof raw === "boolean" ? String(raw) : "");
export const asList = (raw: unknown): string[] => (Array.isArray(raw) ? raw.map(asText) : []);

/** What the order holds, for the trace's `actual`. */
export function traceValue(raw: unknown): TraceValue {
  if (raw === undefined || raw === null) return null;
  if (typeof raw === "string" || typeof raw === "number") return raw;
  if (Array.isArray(raw)) return raw.map((v) => (typeof v === "number" ? v : String(v)));
  return String(raw);
}

/** The value's half of the sentence: 'is "US"', "is 21.17", "is empty", 'are ("vip", "rush")'. */
export function describeActual(field: FieldDef, raw: unknown): string {
  if (field.type === "list") {
    const list = asList(raw);
    return `are (${list.length ? quote(list) : "none"})`;
  }
  const text = typeof raw === "number" ? numberText(raw) : asText(raw);
  if (text.trim() === "") return "is empty";
  // A note can be 10,000 characters; the sentence quotes the start.
  const shown = text.length > 200 ? `${text.slice(0, 200)}…` : text;
  return field.type === "text" ? `is ${quoteText(shown)}` : `is ${shown}`;
}

/**
 * String(n), without its cost for money. When c / 100 === n, n is the double nearest the decimal
 * c / 100, which has at most 15 significant digits, so that decimal is the shortest text reading
 * back as n: what String(n) prints.
 */
export function numberText(n: number): string {
  const cents = Math.round(n * 100);
  if (Number.isInteger(n) || cents / 100 !== n || Math.abs(cents) >= 1e15) return String(n);
  const fraction = Math.abs(cents) % 100;
  const digits = fraction % 10 === 0 ? String(fraction / 10) : fraction < 10 ? `0${fraction}` : String(fraction);
  return `${cents < 0 ? "-" : ""}${(Math.abs(cents) - fraction) / 100}.${digits}`;
}

export const quote = (values: readonly (string | number)[]) => values.map((v) => (typeof v === "string" ? quoteText(v) : JSON.stringify(v))).join(", ");

/** JSON.stringify of a text, without its cost when nothing needs escaping (the usual case). */
const quoteText = (text: string) => (plainAscii(text) || !NEEDS_ESCAPE.test(text) ? `"${text}"` : JSON.stringify(text));
// What JSON.stringify escapes: quotes, backslashes, control characters (C0; C1 is harmless here) and lone surrogates.
const NEEDS_ESCAPE = /["\\\p{Cc}\p{Cs}]/u;

/** Printable ASCII without a quote or a backslash: nothing to escape, found faster than by NEEDS_ESCAPE. */
function plainAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code > 0x7e || code === 0x22 || code === 0x5c) return false;
  }
  return true;
}
