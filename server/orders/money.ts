/**
 * Pure (no imports): the order forms use it for live previews too.
 * Decimal money without floats: values travel as decimal strings ("12.50") and are computed as
 * bigint counts of 1/10,000 (the scale of the numeric(18,4) columns).
 */
const SCALE = 4;
const FACTOR = 10n ** BigInt(SCALE);
const DECIMAL = /^(-)?(\d{1,14})(?:\.(\d{1,4}))?$/;

export function isDecimal(value: string): boolean {
  return DECIMAL.test(value);
}

export function toUnits(value: string): bigint {
  const match = DECIMAL.exec(value.trim());
  if (!match) throw new RangeError(`Not a decimal amount: "${value}"`);
  const [, sign, whole, fraction = ""] = match;
  const units = BigInt(whole!) * FACTOR + BigInt(fraction.padEnd(SCALE, "0"));
  return sign ? -units : units;
}

/** Shortest decimal string: 12.5 -> "12.5", 10 -> "10". */
export function fromUnits(units: bigint): string {
  const negative = units < 0n;
  const abs = negative ? -units : units;
  const whole = abs / FACTOR;
  const fraction = (abs % FACTOR).toString().padStart(SCALE, "0").replace(/0+$/, "");
  return `${negative ? "-" : ""}${whole}${fraction ? `.${fraction}` : ""}`;
}

export const addDecimals = (...values: string[]) => fromUnits(values.reduce((sum, v) => sum + toUnits(v), 0n));
export const multiplyDecimal = (value: string, quantity: number) => fromUnits(toUnits(value) * BigInt(quantity));
export const subtractDecimal = (a: string, b: string) => fromUnits(toUnits(a) - toUnits(b));

/**
 * Splits `total` over `weights` in proportion, in steps of `1/10^decimals` (cents by default),
 * handing leftover cents to the largest remainders so the parts add up exactly to `total`.
 */
export function allocate(total: string, weights: bigint[], decimals = 2): string[] {
  if (weights.length === 0) return [];
  const step = 10n ** BigInt(SCALE - decimals);
  const totalUnits = toUnits(total);
  const negative = totalUnits < 0n;
  const steps = (negative ? -totalUnits : totalUnits) / step;
  const remainderUnits = (negative ? -totalUnits : totalUnits) % step;
  const weightSum = weights.reduce((a, b) => a + b, 0n);
  const even = weightSum === 0n;
  const shares = weights.map((w, i) => {
    const numerator = steps * (even ? 1n : w);
    const denominator = even ? BigInt(weights.length) : weightSum;
    return { i, base: numerator / denominator, rest: numerator % denominator };
  });
  let left = steps - shares.reduce((a, s) => a + s.base, 0n);
  for (const share of [...shares].sort((a, b) => (b.rest > a.rest ? 1 : b.rest < a.rest ? -1 : a.i - b.i))) {
    if (left === 0n) break;
    share.base += 1n;
    left -= 1n;
  }
  return shares.map((s, index) => {
    // Sub-cent leftovers (only if the total itself had them) go to the first part.
    const units = s.base * step + (index === 0 ? remainderUnits : 0n);
    return fromUnits(negative ? -units : units);
  });
}
