/**
 * Decimal amounts for live previews in forms, as bigint counts of 1/10,000 (the server's scale),
 * so a preview never shows a float rounding error. The server recomputes and stores the real totals.
 */
import { fromUnits as formatUnits, isDecimal, toUnits as parseUnits } from "@/server/orders/money";

/** The pattern attribute for decimal inputs (the server's accepted shape). */
export const DECIMAL_PATTERN = "-?\\d{1,14}(\\.\\d{1,4})?";
export const UNSIGNED_DECIMAL_PATTERN = "\\d{1,14}(\\.\\d{1,4})?";

/** Like the server's, but undefined (not an exception) while the person is still typing. */
export function toUnits(value: string): bigint | undefined {
  const v = value.trim() || "0";
  return isDecimal(v) ? parseUnits(v) : undefined;
}

/** For display: at least two decimals ("12.5" -> "12.50"). */
export function fromUnits(units: bigint): string {
  const [whole, fraction = ""] = formatUnits(units).split(".");
  return `${whole}.${fraction.padEnd(2, "0")}`;
}

/** Sum of price × quantity; undefined while any input is not a valid amount yet. */
export function lineTotal(lines: { price: string; quantity: string }[]): bigint | undefined {
  let sum = 0n;
  for (const line of lines) {
    const price = toUnits(line.price);
    if (price === undefined || !/^\d+$/.test(line.quantity.trim() || "0")) return undefined;
    sum += price * BigInt(line.quantity.trim() || "0");
  }
  return sum;
}

/** product + shipping + handling + tax − discount, as the server derives an order total. */
export function orderTotal(parts: { product: string; shipping: string; handling: string; tax: string; discount: string }) {
  const units = [parts.product, parts.shipping, parts.handling, parts.tax, parts.discount].map(toUnits);
  if (units.some((u) => u === undefined)) return undefined;
  const [product, shipping, handling, tax, discount] = units as bigint[];
  return fromUnits(product! + shipping! + handling! + tax! - discount!);
}
