import {
  CaptureTag,
  Context,
  filters as builtinFilters,
  Liquid,
  LiquidError,
  Tag,
  toValue,
  toValueSync,
  type Emitter,
  type FS,
  type Template,
} from "liquidjs";
import { DomainError } from "@/server/errors";
import { code128Svg } from "./barcode";

/**
 * The one LiquidJS engine for export documents, email bodies and file names. Templates are written
 * by store users, so the engine is a sandbox: no file access, own properties only, and hard limits
 * on template size, render time, memory and output size.
 */

export class TemplateError extends DomainError {
  readonly line?: number;
  readonly column?: number;

  constructor(message: string, options: { line?: number; column?: number; cause?: unknown } = {}) {
    super("BAD_REQUEST", message, { field: "template", cause: options.cause });
    this.name = "TemplateError";
    this.line = options.line;
    this.column = options.column;
  }
}

export interface TemplateLimits {
  timeoutMs: number;
  maxOutputBytes: number;
}

export const DEFAULT_TEMPLATE_LIMITS: TemplateLimits = { timeoutMs: 2000, maxOutputBytes: 10 * 1024 * 1024 };
/** Characters of template source; a saved template is a few KB. */
const MAX_TEMPLATE_CHARS = 1_000_000;
/**
 * LiquidJS counts ranges, arrays and strings built by filters against this. It is what stops
 * `(1..100000000)` before the array exists; twice the output limit leaves room for escaping filters.
 */
const memoryLimitFor = (limits: TemplateLimits) => Math.max(20_000_000, 2 * limits.maxOutputBytes);

const REGISTER = "switchyard";
interface RenderSettings {
  timezone: string;
  currency?: string;
  locale: string;
  /** One instant per render, so every "now" in a document agrees. */
  now: Date;
}

const NO_INCLUDES =
  "Templates cannot load other files, so {% include %}, {% render %} and {% layout %} are not available. Paste the shared part into this template.";

/** Answers "no such file" to everything: the sandbox's second wall behind the refused tags. */
const noFileSystem: FS = {
  exists: async () => false,
  existsSync: () => false,
  readFile: async () => {
    throw new Error(NO_INCLUDES);
  },
  readFileSync: () => {
    throw new Error(NO_INCLUDES);
  },
  resolve: (_dir, file) => file,
  contains: async () => false,
  containsSync: () => false,
  sep: "/",
  dirname: () => "",
};

class RefusedTag extends Tag {
  constructor(...args: ConstructorParameters<typeof Tag>) {
    super(...args);
    throw new Error(NO_INCLUDES);
  }
  render(): void {}
}

/** capture builds strings outside the output, so it is charged against the memory limit. */
class BoundedCaptureTag extends CaptureTag {
  override *render(ctx: Context): Generator<unknown, void, string> {
    const html: string = yield this.liquid.renderer.renderTemplates(this.templates, ctx);
    ctx.memoryLimit.use(html.length);
    ctx.bottom()[this.variable] = html;
  }
}

class OutputLimitError extends Error {}

/** Writes the document and stops the render as soon as it passes the byte limit. */
class BoundedEmitter implements Emitter {
  buffer = "";
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  write(html: unknown) {
    const text = toText(html);
    // UTF-8 never has fewer bytes than UTF-16 code units: checking the length first keeps a
    // runaway string from being flattened just to be measured.
    if (this.bytes + text.length > this.maxBytes) throw new OutputLimitError();
    this.bytes += Buffer.byteLength(text);
    if (this.bytes > this.maxBytes) throw new OutputLimitError();
    this.buffer += text;
  }
}

/** Liquid's own rule for printing a value. */
function toText(value: unknown): string {
  const v: unknown = toValue(value);
  if (typeof v === "string") return v;
  if (v === null || v === undefined) return "";
  if (Array.isArray(v)) return v.map(toText).join("");
  return String(v);
}

const engine = new Liquid({
  fs: noFileSystem,
  root: [],
  partials: [],
  layouts: [],
  relativeReference: false,
  ownPropertyOnly: true,
  strictFilters: true,
  strictVariables: false,
  locale: "en-US",
  parseLimit: MAX_TEMPLATE_CHARS,
  renderLimit: DEFAULT_TEMPLATE_LIMITS.timeoutMs,
  memoryLimit: memoryLimitFor(DEFAULT_TEMPLATE_LIMITS),
});
for (const name of ["include", "render", "layout"]) engine.registerTag(name, RefusedTag);
engine.registerTag("capture", BoundedCaptureTag);

// ---------------------------------------------------------------------------------------------
// Filters

type FilterThis = { context: Context };
const settingsOf = (self: FilterThis): RenderSettings => self.context.getRegister(REGISTER) as RenderSettings;

/** "1.5e-7" -> "0.00000015": numbers print in exponent form past 1e21 or below 1e-6. */
function expandExponent(text: string): string {
  const match = /^([+-]?)(\d+)(?:\.(\d+))?e([+-]?\d+)$/i.exec(text);
  if (!match) return text;
  const [, sign = "", whole = "", fraction = "", exponentText = "0"] = match;
  const digits = whole + fraction;
  const point = whole.length + Number(exponentText);
  if (point <= 0) return `${sign}0.${"0".repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${"0".repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** The decimal text of an amount, or undefined when it is not one. */
function decimalText(value: unknown): string | undefined {
  const v: unknown = toValue(value);
  if (typeof v === "number") return Number.isFinite(v) ? expandExponent(String(v)) : undefined;
  if (typeof v === "bigint") return v.toString();
  if (typeof v === "string") return v.trim();
  return undefined;
}

/** Rounds a decimal string half away from zero, in bigint: money never goes through floats. */
export function roundDecimal(text: string, digits: number): string | undefined {
  const match = /^([+-])?(\d*)(?:\.(\d*))?$/.exec(text);
  if (!match) return undefined;
  const [, sign, whole = "", fraction = ""] = match;
  if (!whole && !fraction) return undefined;
  const scale = 10n ** BigInt(digits);
  let units = BigInt(whole || "0") * scale + BigInt(fraction.padEnd(digits, "0").slice(0, digits) || "0");
  if ((fraction[digits] ?? "0") >= "5") units += 1n;
  const negative = sign === "-" && units !== 0n;
  const wholePart = (units / scale).toString();
  const fractionPart = digits > 0 ? `.${(units % scale).toString().padStart(digits, "0")}` : "";
  return `${negative ? "-" : ""}${wholePart}${fractionPart}`;
}

const currencyFormats = new Map<string, Intl.NumberFormat>();
function currencyFormat(currency: string, locale: string): Intl.NumberFormat {
  const key = `${locale}|${currency}`;
  let format = currencyFormats.get(key);
  if (!format) {
    try {
      format = new Intl.NumberFormat(locale, { style: "currency", currency });
    } catch (error) {
      throw new TemplateError(`money: "${currency}" is not a currency code (or "${locale}" is not a locale).`, { cause: error });
    }
    if (currencyFormats.size > 200) currencyFormats.clear();
    currencyFormats.set(key, format);
  }
  return format;
}

function money(this: FilterThis, value: unknown, currency?: unknown, locale?: unknown): unknown {
  const text = decimalText(value);
  if (text === undefined || text === "") return value ?? "";
  const settings = settingsOf(this);
  const code = currency === true ? settings.currency : typeof currency === "string" && currency.trim() ? currency.trim().toUpperCase() : undefined;
  if (!code) return roundDecimal(text, 2) ?? value;
  const format = currencyFormat(code, typeof locale === "string" && locale ? locale : settings.locale);
  const rounded = roundDecimal(text, format.resolvedOptions().maximumFractionDigits ?? 2);
  if (rounded === undefined) return value;
  // Intl formats a decimal string exactly (no float on the way).
  return format.format(rounded as Intl.StringNumericLiteral);
}

interface ParsedDate {
  at: Date;
  /** A calendar date ("2014-10-09"): shown as that day, not shifted into the store's zone. */
  dateOnly: boolean;
}

/** Order Desk dates are "YYYY-MM-DD HH:MM:SS" in UTC; a bare date is a calendar day. */
function parseDateValue(self: FilterThis, value: unknown): ParsedDate | undefined {
  const v: unknown = toValue(value);
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? undefined : { at: v, dateOnly: false };
  if (typeof v === "number") return Number.isFinite(v) ? { at: new Date(v * 1000), dateOnly: false } : undefined;
  if (typeof v !== "string") return undefined;
  const text = v.trim();
  if (text === "now" || text === "today") return { at: settingsOf(self).now, dateOnly: false };
  if (/^\d+$/.test(text)) return { at: new Date(Number(text) * 1000), dateOnly: false };
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (day) {
    const at = new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3])));
    return Number.isNaN(at.getTime()) ? undefined : { at, dateOnly: true };
  }
  const local = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?$/.exec(text);
  if (local) {
    const [, y, mo, d, h, mi, s = "0", ms = "0"] = local;
    const at = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Number(ms.padEnd(3, "0"))));
    return Number.isNaN(at.getTime()) ? undefined : { at, dateOnly: false };
  }
  const parsed = Date.parse(text);
  return Number.isNaN(parsed) ? undefined : { at: new Date(parsed), dateOnly: false };
}

const DEFAULT_DATE_FORMAT = "%Y-%m-%d %H:%M:%S";
const liquidDate = builtinFilters.date as (this: FilterThis, value: Date, format: string, timezone: string) => string;

function localDate(this: FilterThis, value: unknown, format?: unknown, timezone?: unknown): unknown {
  const parsed = parseDateValue(this, value);
  if (!parsed) return value ?? "";
  const zone = parsed.dateOnly ? "UTC" : typeof timezone === "string" && timezone ? assertTimezone(timezone) : settingsOf(this).timezone;
  const pattern = format === undefined || format === null || format === "" ? DEFAULT_DATE_FORMAT : toText(format);
  // Liquid's own strftime (flags, padding, %z, names), given an instant and a zone.
  return liquidDate.call(this, parsed.at, pattern, zone);
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");
const utcDay = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
const utcDateTime = (d: Date) => `${utcDay(d)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;

const MODIFY_STEP = /([+-]?\s*\d+)\s*(seconds?|secs?|minutes?|mins?|hours?|days?|weeks?|months?|years?)\b/gi;

/** Twig's date_modify for the common cases: "+5 days", "-2 hours", "+1 month -1 day". */
function dateModify(this: FilterThis, value: unknown, modifier?: unknown): unknown {
  const parsed = parseDateValue(this, value);
  if (!parsed) return value ?? "";
  const text = toText(modifier);
  const at = new Date(parsed.at.getTime());
  let matched = false;
  for (const [, amountText = "0", unitText = ""] of text.matchAll(MODIFY_STEP)) {
    matched = true;
    const amount = Number(amountText.replace(/\s+/g, ""));
    const unit = unitText.toLowerCase();
    if (unit.startsWith("sec")) at.setUTCSeconds(at.getUTCSeconds() + amount);
    else if (unit.startsWith("min")) at.setUTCMinutes(at.getUTCMinutes() + amount);
    else if (unit.startsWith("hour")) at.setUTCHours(at.getUTCHours() + amount);
    else if (unit.startsWith("day")) at.setUTCDate(at.getUTCDate() + amount);
    else if (unit.startsWith("week")) at.setUTCDate(at.getUTCDate() + 7 * amount);
    else if (unit.startsWith("month")) at.setUTCMonth(at.getUTCMonth() + amount);
    else at.setUTCFullYear(at.getUTCFullYear() + amount);
  }
  if (!matched || text.replace(MODIFY_STEP, "").trim() !== "") {
    throw new TemplateError(`date_modify: cannot read "${text}"; write it like "+5 days", "-2 hours" or "+1 month".`);
  }
  return parsed.dateOnly ? utcDay(at) : utcDateTime(at);
}

function csvEscape(this: FilterThis, value: unknown, delimiter?: unknown): string {
  const text = toText(value);
  const separator = typeof delimiter === "string" && delimiter ? delimiter : ",";
  if (!text.includes(separator) && !/["\r\n]/.test(text) && text.trim() === text) return text;
  this.context.memoryLimit.use(text.length);
  return `"${text.replace(/"/g, '""')}"`;
}

function tsvEscape(value: unknown): string {
  return toText(value).replace(/[\t\r\n]+/g, " ");
}

const XML_ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#039;" };

/**
 * Twig's `e` (htmlspecialchars with ENT_QUOTES), so Order Desk templates give the same bytes; the
 * control characters XML 1.0 forbids are dropped, since no parser would read the file with them.
 */
function xmlEscape(this: FilterThis, value: unknown): string {
  const text = toText(value);
  this.context.memoryLimit.use(text.length);
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "").replace(/[&<>"']/g, (c) => XML_ENTITIES[c] ?? c);
}

function json(this: FilterThis, value: unknown, indent?: unknown): string {
  const space = typeof indent === "number" ? Math.min(Math.max(Math.trunc(indent), 0), 8) : undefined;
  const text = JSON.stringify(toValue(value) ?? null, (_key, v: unknown) => (typeof v === "bigint" ? v.toString() : v), space) ?? "null";
  this.context.memoryLimit.use(text.length);
  return text;
}

function barcode(this: FilterThis, value: unknown, ...args: unknown[]): string {
  const options = [...args];
  // Order Desk writes `barcode("C128", 2, 80)`: accept the symbology name when it is Code 128.
  if (typeof options[0] === "string") {
    const symbology = options.shift() as string;
    if (!/^(c128|code128|code-128|code_128)$/i.test(symbology.trim())) {
      throw new TemplateError(`barcode: only Code 128 is supported, not "${symbology}".`);
    }
  }
  const [moduleWidth = 2, height = 60] = options.map((o) => Number(o));
  const text = toText(value);
  if (text === "") return "";
  try {
    return code128Svg(text, { moduleWidth, height });
  } catch (error) {
    throw new TemplateError(`barcode: ${(error as Error).message}`, { cause: error });
  }
}

engine.registerFilter("money", money);
engine.registerFilter("local_date", localDate);
engine.registerFilter("date", localDate);
engine.registerFilter("date_modify", dateModify);
engine.registerFilter("csv_escape", csvEscape);
engine.registerFilter("tsv_escape", tsvEscape);
engine.registerFilter("xml_escape", xmlEscape);
engine.registerFilter("e", xmlEscape);
engine.registerFilter("json", json);
engine.registerFilter("barcode", barcode);

/** For the template editor's help panel (with Liquid's standard filters: upcase, default, size, ...). */
export const TEMPLATE_FILTERS: readonly { name: string; example: string; description: string }[] = [
  {
    name: "money",
    example: `{{ order.order_total | money }} → 21.17 · {{ item.price | money: true }} → $10.00 · {{ 1234.5 | money: "EUR", "de-DE" }} → 1.234,50 €`,
    description:
      "An amount with 2 decimals (rounded half up, exactly). With `true` it is formatted in the store's currency; with a currency code (and optionally a locale) in that currency.",
  },
  {
    name: "local_date",
    example: `{{ order.date_added | local_date: "%Y-%m-%d %H:%M" }} · {{ "now" | local_date: "%Y%m%d-%H%M%S" }}`,
    description:
      "A date in the store's time zone, formatted like Liquid's date (strftime: %Y %m %d %H %M %S %b %B %a %A %-d %z ...). Order dates are UTC; a bare day (2014-10-09) stays that day. An optional second argument names another time zone. `date` does the same.",
  },
  { name: "date", example: `{{ order.date_added | date: "%d/%m/%Y" }}`, description: "Same as local_date (store time zone)." },
  {
    name: "date_modify",
    example: `{{ order.date_added | date_modify: "+5 days" | local_date: "%Y-%m-%d" }}`,
    description: "Moves a date: seconds, minutes, hours, days, weeks, months, years, e.g. \"+1 month -1 day\". Gives a UTC \"YYYY-MM-DD HH:MM:SS\" (or a bare day for a bare day).",
  },
  { name: "csv_escape", example: `{{ order.shipping.company | csv_escape }}`, description: 'A CSV field: quoted (with " doubled) when it holds a comma, quote, line break or edge spaces. Optional delimiter argument, e.g. ";".' },
  { name: "tsv_escape", example: `{{ item.name | tsv_escape }}`, description: "A TSV field: tabs and line breaks become spaces." },
  { name: "xml_escape", example: `<name>{{ item.name | xml_escape }}</name>`, description: "Escapes & < > \" ' for XML and HTML (and drops control characters XML forbids)." },
  { name: "e", example: `{{ order.source_id | e }}`, description: "Same as xml_escape; Order Desk (Twig) templates use it." },
  { name: "json", example: `{{ order | json }} · {{ orders | json: 2 }}`, description: "The value as JSON; the optional argument indents it." },
  {
    name: "barcode",
    example: `{{ order.id | barcode }} · {{ item.code | barcode: 2, 80 }}`,
    description: "A Code 128 barcode as an inline SVG image (module width and height in pixels optional; ASCII text only).",
  },
];

// ---------------------------------------------------------------------------------------------
// Parse, check, render

/** Parsed templates by source, least recently used first; bounded in entries and in source size. */
const PARSE_CACHE_ENTRIES = 100;
const PARSE_CACHE_CHARS = 4_000_000;
const parsed = new Map<string, Template[]>();
let parsedChars = 0;

function parse(source: string): Template[] {
  const hit = parsed.get(source);
  if (hit) {
    // Map order is the LRU order: move the hit to the end.
    parsed.delete(source);
    parsed.set(source, hit);
    return hit;
  }
  if (source.length > MAX_TEMPLATE_CHARS) {
    throw new TemplateError(`The template is too long: ${source.length.toLocaleString("en-US")} characters (at most ${MAX_TEMPLATE_CHARS.toLocaleString("en-US")}).`);
  }
  let templates: Template[];
  try {
    templates = engine.parse(source);
  } catch (error) {
    throw toTemplateError(error, DEFAULT_TEMPLATE_LIMITS);
  }
  parsed.set(source, templates);
  parsedChars += source.length;
  for (const oldest of parsed.keys()) {
    if (parsed.size <= PARSE_CACHE_ENTRIES && parsedChars <= PARSE_CACHE_CHARS) break;
    parsed.delete(oldest);
    parsedChars -= oldest.length;
  }
  return templates;
}

/** Parses only: a syntax error, unknown filter or refused tag throws a TemplateError with its position. */
export function checkTemplate(source: string): void {
  parse(source);
}

const knownZones = new Set<string>();
function assertTimezone(timezone: string): string {
  if (knownZones.has(timezone)) return timezone;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: timezone });
  } catch (error) {
    throw new TemplateError(`"${timezone}" is not a time zone (expected a name such as Europe/Berlin).`, { cause: error });
  }
  knownZones.add(timezone);
  return timezone;
}

export async function renderTemplate(
  source: string,
  variables: Record<string, unknown>,
  options: { timezone: string; currency?: string; locale?: string; limits?: Partial<TemplateLimits> },
): Promise<string> {
  const limits: TemplateLimits = { ...DEFAULT_TEMPLATE_LIMITS, ...options.limits };
  const settings: RenderSettings = { timezone: assertTimezone(options.timezone), currency: options.currency, locale: options.locale ?? "en-US", now: new Date() };
  const templates = parse(source);
  // Rendered synchronously: every filter is synchronous, and the sync path is several times
  // faster. The render limit is checked between nodes, so a loop cannot outlive it.
  const ctx = new Context(variables, engine.options, { sync: true, renderLimit: limits.timeoutMs, memoryLimit: memoryLimitFor(limits), ownPropertyOnly: true }, { liquid: engine });
  ctx.setRegister(REGISTER, settings);
  const emitter = new BoundedEmitter(limits.maxOutputBytes);
  try {
    toValueSync(engine.renderer.renderTemplates(templates, ctx, emitter));
  } catch (error) {
    throw toTemplateError(error, limits);
  }
  return emitter.buffer;
}

// ---------------------------------------------------------------------------------------------
// Errors a person can act on

function formatBytes(bytes: number): string {
  if (bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MB`;
  if (bytes % 1024 === 0) return `${bytes / 1024} KB`;
  return `${bytes} bytes`;
}

function causes(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let e: unknown = error; e && chain.length < 20; ) {
    chain.push(e);
    const next = (e as { originalError?: unknown }).originalError ?? (e as { cause?: unknown }).cause;
    if (next === e) break;
    e = next;
  }
  return chain;
}

function toTemplateError(error: unknown, limits: TemplateLimits): TemplateError {
  const chain = causes(error);
  const messages = chain.map((e) => (e instanceof Error ? e.message : String(e)));
  const position = (() => {
    const liquidError = chain.find((e) => LiquidError.is(e)) as { token?: { getPosition(): [number, number] } } | undefined;
    const [line, column] = liquidError?.token?.getPosition() ?? [];
    return line === undefined ? {} : { line, column };
  })();

  if (chain.some((e) => e instanceof OutputLimitError)) {
    return new TemplateError(`The output passed ${formatBytes(limits.maxOutputBytes)} and was stopped.`, { cause: error });
  }
  if (messages.some((m) => m.includes("template render limit exceeded"))) {
    return new TemplateError(`The template ran longer than ${limits.timeoutMs / 1000} s and was stopped (an endless loop?).`, { cause: error });
  }
  if (messages.some((m) => m.includes("memory alloc limit exceeded") || m.includes("Invalid string length") || m.includes("Invalid array length"))) {
    return new TemplateError("The template needed too much memory (a huge range or text?) and was stopped.", { cause: error });
  }
  if (messages.some((m) => m.includes("parse length limit exceeded"))) {
    return new TemplateError(`The template is too long (at most ${MAX_TEMPLATE_CHARS.toLocaleString("en-US")} characters).`, { cause: error });
  }
  if (messages.some((m) => m.includes("Maximum call stack size exceeded"))) {
    return new TemplateError("The template is nested too deeply.", { cause: error });
  }
  const inner = chain.find((e) => e instanceof TemplateError) as TemplateError | undefined;
  const root = chain[chain.length - 1];
  const base =
    inner?.message ??
    (root instanceof Error ? root.message : String(root))
      .replace(/(, file:[^,]*)?, line:\d+, col:\d+$/, "")
      .replace(/^undefined filter: (.+)$/, 'Unknown filter "$1".');
  const where = position.line === undefined ? "" : `Line ${position.line}, column ${position.column}: `;
  return new TemplateError(`${where}${base}`, { ...position, cause: error });
}
