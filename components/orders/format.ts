import type { Address } from "./types";

/** Dates are stored in UTC and shown in the store's timezone. */
export function formatDateTime(value: Date | string, timeZone: string) {
  const date = typeof value === "string" ? parseUtc(value) : value;
  return new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short", timeZone }).format(date);
}

/** "YYYY-MM-DD HH:MM:SS" (the API's UTC format) to a Date. */
export function parseUtc(value: string) {
  return new Date(`${value.replace(" ", "T")}Z`);
}

/**
 * Money from a decimal string, formatted without passing through a float: Intl accepts the
 * string itself. Extra decimals beyond the currency's are kept if they are not zero.
 */
export function formatMoney(value: string | number, currency: string) {
  const text = String(value);
  const decimals = text.includes(".") ? text.split(".")[1]!.replace(/0+$/, "").length : 0;
  const format = new Intl.NumberFormat(undefined, { style: "currency", currency, maximumFractionDigits: Math.max(2, decimals) });
  return format.format(text as `${number}`);
}

export function personName(address: Address | undefined | null) {
  if (!address) return "";
  return [address.first_name, address.last_name].filter(Boolean).join(" ") || address.name || "";
}

/** One-line postal address for summaries. */
export function addressLines(address: Address | undefined | null): string[] {
  if (!address) return [];
  const cityLine = [address.city, address.state, address.postal_code].filter(Boolean).join(", ");
  return [
    address.title,
    personName(address),
    address.company,
    address.address1,
    address.address2,
    address.address3,
    address.address4,
    cityLine,
    address.country,
    address.phone,
  ].filter((line): line is string => Boolean(line));
}
