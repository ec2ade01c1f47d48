/**
 * Exact decimals for money and quantities: a value is `units / 10^scale` with bigint units, so
 * 0.3 and "0.30" compare equal and 0.1 + 0.2 never sneaks in. Numbers go through String(n), which
 * is the shortest text that round-trips the double, i.e. what the order JSON says.
 */
export interface Decimal {
  units: bigint;
  scale: number;
}

const DECIMAL = /^([+-])?(\d*)(?:\.(\d*))?(?:e([+-]?\d{1,3}))?$/i;
// Rules compare money on every order, so the common powers of ten are computed once.
const POWERS = Array.from({ length: 32 }, (_, i) => 10n ** BigInt(i));
const pow10 = (n: number) => POWERS[n] ?? 10n ** BigInt(n);

export function parseDecimal(value: unknown): Decimal | null {
  if (typeof value === "number") return Number.isFinite(value) ? parseText(String(value)) : null;
  if (typeof value === "string") return parseText(value.trim());
  return null;
}

function parseText(text: string): Decimal | null {
  const match = DECIMAL.exec(text);
  if (!match) return null;
  const [, sign, whole = "", fraction = "", exponent = "0"] = match;
  if (!whole && !fraction) return null;
  const digits = BigInt(`${whole}${fraction}` || "0");
  let scale = fraction.length - Number(exponent);
  let units = sign === "-" ? -digits : digits;
  if (scale < 0) {
    units *= pow10(-scale);
    scale = 0;
  }
  return { units, scale };
}

/**
 * A decimal as comparisons hold it: a plain double whenever the double's shortest text (String(n),
 * what the order JSON says) is exactly the decimal, else the exact Decimal. Distinct doubles have
 * disjoint rounding intervals, so doubles order exactly as their shortest texts do, and two of them
 * compare exactly with < and ===, no bigint. 0.1 + 0.2 stays 0.30000000000000004, not 0.3.
 */
export type ExactDecimal = number | Decimal;

// A decimal text of at most 15 significant digits (DBL_DIG) survives the trip through a double;
// a short text without exponent stays far from overflow and subnormals.
const DOUBLE_DIGITS = 15;
const DOUBLE_TEXT_LENGTH = 32;

/** The value read as an ExactDecimal, or null when it is not a decimal (parseDecimal's grammar). */
export function toExactDecimal(value: unknown): ExactDecimal | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value !== "string") return null;
  const text = value.trim();
  const n = shortDecimal(text);
  if (n !== null) return n;
  const exact = parseText(text);
  return exact && narrow(exact);
}

// 10^0 .. 10^22: every one is a double exactly.
const EXACT_POWERS = Array.from({ length: 23 }, (_, i) => 10 ** i);

/**
 * Number(text) for "[+-]digits[.digits]" with at most DOUBLE_DIGITS significant digits, else null.
 * Such a text is exact as a double (see above), and computed without Number's general parser: its
 * digits as a whole number w < 2^53 and its q fraction digits give w / 10^q, where both are exact
 * doubles and the division rounds correctly, so it is the double nearest the decimal, as Number
 * gives (Clinger's fast path). More than 22 fraction digits (10^q not exact) goes through Number.
 */
function shortDecimal(text: string): number | null {
  if (text.length > DOUBLE_TEXT_LENGTH) return null;
  const first = text.charCodeAt(0);
  let digits = 0;
  let significant = 0;
  let dot = -1;
  let whole = 0;
  for (let i = first === PLUS || first === MINUS ? 1 : 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= ZERO && code <= NINE) {
      digits++;
      if (significant > 0 || code !== ZERO) significant++;
      whole = whole * 10 + (code - ZERO);
    } else if (code === DOT && dot === -1) dot = i;
    else return null;
  }
  if (digits === 0 || significant > DOUBLE_DIGITS) return null;
  const fraction = dot === -1 ? 0 : text.length - dot - 1;
  if (fraction >= EXACT_POWERS.length) return Number(text);
  const magnitude = whole / EXACT_POWERS[fraction]!;
  return first === MINUS ? -magnitude : magnitude;
}

const [PLUS, MINUS, DOT, ZERO, NINE] = ["+", "-", ".", "0", "9"].map((c) => c.charCodeAt(0)) as [number, number, number, number, number];

/** The double that stands exactly for `d`, else `d`: one form per value, so set lookups are exact. */
function narrow(d: Decimal): ExactDecimal {
  const n = Number(formatDecimal(d));
  return Number.isFinite(n) && compareDecimals(parseText(String(n))!, d) === 0 ? n : d;
}

export function compareExact(a: ExactDecimal, b: ExactDecimal): -1 | 0 | 1 {
  if (typeof a === "number" && typeof b === "number") return a < b ? -1 : a > b ? 1 : 0;
  return compareDecimals(exactly(a), exactly(b));
}

const exactly = (value: ExactDecimal): Decimal => (typeof value === "number" ? parseText(String(value))! : value);

/** Equal keys for equal values (a Set of them tests membership): the double, or the canonical text. */
export const exactKey = (value: ExactDecimal): number | string => (typeof value === "number" ? value : formatDecimal(value));

export function compareDecimals(a: Decimal, b: Decimal): -1 | 0 | 1 {
  const left = a.scale < b.scale ? a.units * pow10(b.scale - a.scale) : a.units;
  const right = b.scale < a.scale ? b.units * pow10(a.scale - b.scale) : b.units;
  return left < right ? -1 : left > right ? 1 : 0;
}

export function addDecimals(a: Decimal, b: Decimal): Decimal {
  const scale = Math.max(a.scale, b.scale);
  return { units: a.units * pow10(scale - a.scale) + b.units * pow10(scale - b.scale), scale };
}

/** Plain notation, trailing fraction zeros dropped: { units: 250n, scale: 2 } -> "2.5". */
export function formatDecimal({ units, scale }: Decimal): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, "0");
  const whole = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale).replace(/0+$/, "");
  return `${negative ? "-" : ""}${whole}${fraction ? `.${fraction}` : ""}`;
}
