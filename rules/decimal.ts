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
