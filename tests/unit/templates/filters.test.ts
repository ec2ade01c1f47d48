import { describe, expect, it } from "vitest";
import { CODE128_PATTERNS, code128Values, START_B, STOP } from "@/server/templates/barcode";
import { renderTemplate, roundDecimal, TEMPLATE_FILTERS, TemplateError } from "@/server/templates/liquid";

const render = (source: string, variables: Record<string, unknown> = {}, options: { timezone?: string; currency?: string; locale?: string } = {}) =>
  renderTemplate(source, variables, { timezone: "UTC", ...options });

describe("money", () => {
  it.each([
    ["10.005", "10.01"],
    ["10.004", "10.00"],
    ["1234.5", "1234.50"],
    ["-3", "-3.00"],
    ["-0.004", "0.00"],
    ["-2.675", "-2.68"],
    ["0.1", "0.10"],
    ["  7 ", "7.00"],
    ["99999999999999999.995", "100000000000000000.00"],
    [".5", "0.50"],
    [1.005, "1.01"], // the number 1.005 prints as "1.005": formatted from that text, not float-rounded to 1.00
    [21.17, "21.17"],
    [0, "0.00"],
    [1e21, "1000000000000000000000.00"],
    [1.5e-7, "0.00"],
  ])("%j | money -> %s", async (amount, expected) => {
    expect(await render("{{ amount | money }}", { amount })).toBe(expected);
  });

  it.each([
    ["{{ a | money: true }}", "USD", "en-US", "$1,234.50"],
    ["{{ a | money: true }}", "EUR", "de-DE", "1.234,50\u00a0€"],
    ["{{ a | money: 'EUR', 'de-DE' }}", undefined, "en-US", "1.234,50\u00a0€"],
    ["{{ a | money: 'gbp' }}", undefined, "en-US", "£1,234.50"],
    ["{{ a | money: 'JPY' }}", undefined, "en-US", "¥1,235"],
    ["{{ a | money: true }}", undefined, "en-US", "1234.50"],
  ])("%s in %s (%s)", async (source, currency, locale, expected) => {
    expect(await render(source, { a: "1234.5" }, { currency, locale })).toBe(expected);
  });

  it("formats exactly past float precision and leaves non-amounts alone", async () => {
    expect(await render("{{ a | money: 'USD' }}", { a: "12345678901234567.125" })).toBe("$12,345,678,901,234,567.13");
    expect(await render("[{{ a | money }}][{{ b | money }}][{{ c | money }}]", { a: "n/a", b: "" })).toBe("[n/a][][]");
    await expect(render("{{ 1 | money: 'NOPE' }}")).rejects.toThrow('money: "NOPE" is not a currency code');
  });

  it("roundDecimal rounds half away from zero in bigint", () => {
    expect([roundDecimal("2.5", 0), roundDecimal("-2.5", 0), roundDecimal("0.125", 2), roundDecimal("1.2", 3), roundDecimal("abc", 2)]).toEqual(["3", "-3", "0.13", "1.200", undefined]);
  });
});

describe("local_date and date", () => {
  it.each([
    ["2014-10-08 12:10:00", "%Y-%m-%d %H:%M", "America/New_York", "2014-10-08 08:10"],
    ["2014-10-08 12:10:00", "%Y-%m-%d %H:%M %z", "Europe/Berlin", "2014-10-08 14:10 +0200"],
    ["2014-12-08 12:10:00", "%Y-%m-%d %H:%M %z", "Europe/Berlin", "2014-12-08 13:10 +0100"],
    ["2014-10-08 02:10:00", "%Y-%m-%d", "America/Los_Angeles", "2014-10-07"],
    ["2014-10-08 23:30:00", "%a %-d %b %Y, %-I:%M %p", "Asia/Tokyo", "Thu 9 Oct 2014, 8:30 AM"],
    ["2014-10-09", "%B %-d, %Y", "Pacific/Honolulu", "October 9, 2014"],
    ["2014-10-08T12:10:00Z", "%H:%M", "Asia/Kolkata", "17:40"],
    ["2014-10-08T12:10:00+02:00", "%H:%M", "UTC", "10:10"],
    [1412770200, "%Y-%m-%d %H:%M:%S", "UTC", "2014-10-08 12:10:00"],
    ["1412770200", "%Y-%m-%d %H:%M:%S", "UTC", "2014-10-08 12:10:00"],
  ])("%j | local_date: %j in %s -> %s", async (value, format, timezone, expected) => {
    expect(await render(`{{ v | local_date: "${format}" }}`, { v: value }, { timezone })).toBe(expected);
    expect(await render(`{{ v | date: "${format}" }}`, { v: value }, { timezone })).toBe(expected);
  });

  it("takes 'now' once per render, a zone argument, a default format, and leaves non-dates alone", async () => {
    const before = Date.now();
    const [a, b] = (await render(`{{ 'now' | local_date: '%s' }} {{ 'now' | local_date: '%s' }}`)).split(" ").map(Number);
    expect(a).toBe(b);
    expect(Math.abs(a! * 1000 - before)).toBeLessThan(5000);
    expect(await render(`{{ v | local_date: '%H:%M', 'Asia/Tokyo' }}`, { v: "2014-10-08 12:10:00" }, { timezone: "Europe/Berlin" })).toBe("21:10");
    expect(await render(`{{ v | local_date }}`, { v: "2014-10-08 12:10:00" }, { timezone: "Europe/Berlin" })).toBe("2014-10-08 14:10:00");
    expect(await render(`[{{ v | local_date: '%Y' }}][{{ w | local_date: '%Y' }}]`, { v: "not a date" })).toBe("[not a date][]");
    await expect(render(`{{ v | local_date: '%Y', 'Mars/Base' }}`, { v: "2014-10-08" })).resolves.toBe("2014");
    await expect(render(`{{ v | local_date: '%Y', 'Mars/Base' }}`, { v: "2014-10-08 10:00:00" })).rejects.toThrow('"Mars/Base" is not a time zone');
    await expect(render("x", {}, { timezone: "Nowhere/City" })).rejects.toThrow(TemplateError);
  });
});

describe("date_modify", () => {
  it.each([
    ["2014-10-08 12:10:00", "+5 days", "2014-10-13 12:10:00"],
    ["2014-10-08 12:10:00", "-2 hours", "2014-10-08 10:10:00"],
    ["2014-10-08 12:10:00", "+1 month -1 day", "2014-11-07 12:10:00"],
    ["2014-01-31", "+1 month", "2014-03-03"],
    ["2014-10-09", "+1 week", "2014-10-16"],
    ["2014-10-08 12:10:00", "+90 minutes +30 seconds", "2014-10-08 13:40:30"],
    ["2016-02-29", "+1 year", "2017-03-01"],
  ])("%s | date_modify: %j -> %s", async (value, modifier, expected) => {
    expect(await render(`{{ v | date_modify: "${modifier}" }}`, { v: value })).toBe(expected);
  });

  it("chains into local_date and refuses what it cannot read", async () => {
    expect(await render(`{{ v | date_modify: "+5 days" | local_date: "%d.%m.%Y" }}`, { v: "2014-10-08 23:10:00" }, { timezone: "Europe/Berlin" })).toBe("14.10.2014");
    await expect(render(`{{ v | date_modify: "next friday" }}`, { v: "2014-10-08" })).rejects.toThrow(/^Line 1, column 1: date_modify: cannot read "next friday"/);
  });
});

describe("escaping", () => {
  it.each([
    ["plain", "plain"],
    ["a,b", '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ["two\nlines", '"two\nlines"'],
    [" padded", '" padded"'],
    [12.5, "12.5"],
    [null, ""],
  ])("csv_escape %j -> %s", async (value, expected) => {
    expect(await render("{{ v | csv_escape }}", { v: value })).toBe(expected);
  });

  it("csv_escape takes another delimiter; tsv_escape flattens tabs and line breaks", async () => {
    expect(await render("{{ 'a;b' | csv_escape: ';' }}|{{ 'a,b' | csv_escape: ';' }}")).toBe('"a;b"|a,b');
    expect(await render("{{ v | tsv_escape }}", { v: "a\tb\r\nc" })).toBe("a b c");
  });

  it.each([
    [`Tom & Jerry <"quoted"> 'single'`, "Tom &amp; Jerry &lt;&quot;quoted&quot;&gt; &#039;single&#039;"],
    ["bell\u0007 and tab\t", "bell and tab\t"],
    [42, "42"],
    [undefined, ""],
  ])("xml_escape and e %j", async (value, expected) => {
    expect(await render("{{ v | xml_escape }}", { v: value })).toBe(expected);
    expect(await render("{{ v | e }}", { v: value })).toBe(expected);
  });

  it("json writes JSON, optionally indented", async () => {
    expect(await render("{{ v | json }}", { v: { a: [1, "x", null], b: "é\"" } })).toBe('{"a":[1,"x",null],"b":"é\\""}');
    expect(await render("{{ v | json: 2 }}", { v: { a: 1 } })).toBe('{\n  "a": 1\n}');
    expect(await render("{{ missing | json }}")).toBe("null");
  });
});

describe("barcode", () => {
  it("has a sound Code 128 table: 107 distinct symbols of 11 modules (STOP 13), three bars each", () => {
    expect(CODE128_PATTERNS).toHaveLength(107);
    expect(new Set(CODE128_PATTERNS).size).toBe(107);
    for (const [value, pattern] of CODE128_PATTERNS.entries()) {
      const sum = [...pattern].reduce((s, d) => s + Number(d), 0);
      expect(sum, `symbol ${value}`).toBe(value === STOP ? 13 : 11);
    }
  });

  it("encodes START B, the characters, the mod-103 checksum and STOP", () => {
    // "PJJ123C": 104 + 48·1 + 42·2 + 42·3 + 17·4 + 18·5 + 19·6 + 35·7 = 879; 879 mod 103 = 55.
    expect(code128Values("PJJ123C")).toEqual([START_B, 48, 42, 42, 17, 18, 19, 35, 55, STOP]);
  });

  it("draws an SVG whose bars decode back to the text", async () => {
    const svg = await render("{{ v | barcode: 'C128', 3, 80 }}", { v: "26211-A" });
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="\d+" height="80"/);
    const bars = [...svg.matchAll(/<rect x="(\d+)" width="(\d+)" height="80"\/>/g)].map((m) => ({ x: Number(m[1]) / 3, w: Number(m[2]) / 3 }));
    // Rebuild the module widths (bar, space, bar, ...) from the bar positions, then split into symbols.
    const widths: number[] = [];
    bars.forEach((bar, i) => {
      if (i > 0) widths.push(bar.x - (bars[i - 1]!.x + bars[i - 1]!.w));
      widths.push(bar.w);
    });
    const symbols: number[] = [];
    for (let i = 0; i < widths.length; i += 6) {
      const chunk = widths.slice(i, i + (widths.length - i === 7 ? 7 : 6)).join("");
      symbols.push(CODE128_PATTERNS.indexOf(chunk));
      if (chunk.length === 7) break;
    }
    expect(symbols[0]).toBe(START_B);
    expect(symbols.at(-1)).toBe(STOP);
    expect(String.fromCharCode(...symbols.slice(1, -2).map((v) => v + 32))).toBe("26211-A");
    expect(symbols.at(-2)).toBe(symbols.slice(0, -2).reduce((s, v, i) => s + v * Math.max(i, 1), 0) % 103);
    expect(bars[0]!.x).toBe(10);
  });

  it("refuses what Code 128 B cannot hold, and prints nothing for nothing", async () => {
    await expect(render("{{ 'Zoë' | barcode }}")).rejects.toThrow('barcode: "ë" cannot be encoded in Code 128');
    await expect(render("{{ 'x' | barcode: 'QR' }}")).rejects.toThrow('barcode: only Code 128 is supported, not "QR".');
    expect(await render("[{{ '' | barcode }}]")).toBe("[]");
  });
});

describe("TEMPLATE_FILTERS", () => {
  it("documents every filter with an example that renders", async () => {
    expect(TEMPLATE_FILTERS.map((f) => f.name)).toEqual(["money", "local_date", "date", "date_modify", "csv_escape", "tsv_escape", "xml_escape", "e", "json", "barcode"]);
    for (const filter of TEMPLATE_FILTERS) {
      expect(filter.description.length).toBeGreaterThan(10);
      expect(filter.example).toContain(`| ${filter.name}`);
    }
  });
});
