// Option lists from the runtime's own IANA and ISO 4217 tables, the same ones the server validates against.
const TIMEZONES = ["UTC", ...Intl.supportedValuesOf("timeZone").filter((tz) => tz !== "UTC")];
const CURRENCIES = Intl.supportedValuesOf("currency");

/** `current` keeps a stored alias (e.g. Asia/Kolkata) selectable when the runtime lists another spelling. */
export function TimezoneOptions({ current }: { current?: string }) {
  const list = current && !TIMEZONES.includes(current) ? [current, ...TIMEZONES] : TIMEZONES;
  return list.map((tz) => (
    <option key={tz} value={tz}>
      {tz.replaceAll("_", " ")}
    </option>
  ));
}

export function CurrencyOptions() {
  return CURRENCIES.map((code) => (
    <option key={code} value={code}>
      {code}
    </option>
  ));
}
