/**
 * Dates as UTC epoch milliseconds. Orders carry "YYYY-MM-DD HH:MM:SS" in UTC (Order Desk's API
 * format); rule values may also be a bare "YYYY-MM-DD" (midnight UTC) or ISO 8601 with an offset.
 */
const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

export const DAY_MS = 86_400_000;

export function parseDate(value: unknown): number | null {
  if (typeof value !== "string") return null;
  const match = DATE.exec(value.trim());
  if (!match) return null;
  const [, y, mo, d, h = "0", mi = "0", s = "0", ms = "0", zone] = match;
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) return null;
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, Number(ms.padEnd(3, "0")));
  return utc - offsetMinutes(zone) * 60_000;
}

function offsetMinutes(zone: string | undefined): number {
  if (!zone || zone === "Z") return 0;
  const digits = zone.replace(":", "");
  const minutes = Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5));
  return zone.startsWith("-") ? -minutes : minutes;
}

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** "YYYY-MM-DD HH:MM:SS", as the order JSON writes dates. */
export const formatDateTime = (ms: number) => new Date(ms).toISOString().replace("T", " ").slice(0, 19);
export const formatDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export const DATE_UNITS = ["minute", "hour", "day", "week", "month", "year"] as const;
export type DateUnit = (typeof DATE_UNITS)[number];

const FIXED_MS: Record<Exclude<DateUnit, "month" | "year">, number> = { minute: 60_000, hour: 3_600_000, day: DAY_MS, week: 7 * DAY_MS };

/** Calendar months and years clamp the day (Jan 31 + 1 month = Feb 28/29), like most date libraries. */
export function addToDate(ms: number, amount: number, unit: DateUnit): number {
  if (unit !== "month" && unit !== "year") return ms + amount * FIXED_MS[unit];
  const date = new Date(ms);
  const months = date.getUTCFullYear() * 12 + date.getUTCMonth() + (unit === "year" ? amount * 12 : amount);
  const year = Math.floor(months / 12);
  const month = months - year * 12;
  const day = Math.min(date.getUTCDate(), daysInMonth(year, month + 1));
  return Date.UTC(year, month, day, date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds(), date.getUTCMilliseconds());
}
