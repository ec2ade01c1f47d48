import { addDecimals, formatDecimal, parseDecimal } from "./decimal";
import { addToDate, DATE_UNITS, formatDateTime, formatDay, type DateUnit } from "./dates";

/**
 * Value tokens of the set-field/checkout-data/metadata actions, as Order Desk writes them:
 * `[DATE]` and `[DATE+5days]` / `[DATE-2hours]` (UTC "YYYY-MM-DD HH:MM:SS"), `[SHORTDATE-1week]`
 * ("YYYY-MM-DD"), and a whole value of `++` / `--` to count up or down from the current value.
 * They resolve from the `now` the caller passes, so evaluation stays deterministic.
 */
const TOKEN = new RegExp(`\\[(DATE|SHORTDATE)(?:([+-])(\\d{1,4})(${DATE_UNITS.join("|")})s?)?\\]`, "g");
const TOKEN_LIKE = /\[(?:SHORT)?DATE[^\]]{0,30}\]?/gi;
const COUNTERS = { "++": 1n, "--": -1n } as const;

export const TOKEN_HELP = "Use [DATE], [DATE+5days], [DATE-2hours], [SHORTDATE-1week] (minutes, hours, days, weeks, months, years) or a whole value of ++ or --.";

/** The first bracketed text that looks like a date token but is not one, e.g. "[DATE+5dayz]". */
export function findBadToken(value: string): string | null {
  for (const [text] of value.matchAll(TOKEN_LIKE)) {
    if (!new RegExp(`^${TOKEN.source}$`).test(text)) return text;
  }
  return null;
}

const isCounter = (value: string): value is keyof typeof COUNTERS => value === "++" || value === "--";

export const hasTokens = (value: string) => isCounter(value) || new RegExp(TOKEN.source).test(value);

/** `current` is the value the action overwrites (what `++` counts from; empty or non-numeric is 0). */
export function resolveTokens(value: string, nowMs: number, current: unknown): string {
  if (isCounter(value)) {
    const start = parseDecimal(current) ?? { units: 0n, scale: 0 };
    return formatDecimal(addDecimals(start, { units: COUNTERS[value], scale: 0 }));
  }
  return value.replace(TOKEN, (_text, kind: string, sign?: string, amount?: string, unit?: DateUnit) => {
    const at = sign && amount && unit ? addToDate(nowMs, (sign === "-" ? -1 : 1) * Number(amount), unit) : nowMs;
    return kind === "SHORTDATE" ? formatDay(at) : formatDateTime(at);
  });
}
