import type { FieldDef, FieldScope } from "./catalog/fields";
import type { RuleOrder, RuleOrderItem } from "./catalog/order";
import { parseDate } from "./dates";
import { toExactDecimal, type ExactDecimal } from "./decimal";
import type { TraceValue } from "./trace";

/**
 * A field read in one form (folded text, exact decimal, date...). The rules of a set share their
 * reads, and an evaluation keeps every value it computes (RunContext.read), so ten rules testing
 * the order total parse it once per order, and an item field once per item.
 */
export interface FieldRead<T> {
  readonly slot: number;
  readonly scope: FieldScope;
  /** Never undefined: a missing value reads as null, "" or [], and undefined marks "not read yet". */
  readonly compute: (order: RuleOrder, item: RuleOrderItem | undefined, itemIndex: number | undefined) => T;
}

const asText = (raw: unknown) => (typeof raw === "string" ? raw : typeof raw === "number" || typeof raw === "boolean" ? String(raw) : "");
const asList = (raw: unknown): string[] => (Array.isArray(raw) ? raw.map(asText) : []);
const asFolder = (raw: unknown) => (raw === null || raw === undefined || raw === "" ? null : Number(raw) || null);

type Getter = FieldDef["get"];
type Compute<T> = FieldRead<T>["compute"];

/** The forms comparisons test a value in, each as a reader built on the field's getter. */
const FORMS = {
  text: (get: Getter): Compute<string> => (order, item) => asText(get(order, item)),
  folded: (get: Getter): Compute<string> => (order, item) => asText(get(order, item)).toLowerCase(),
  exact: (get: Getter): Compute<ExactDecimal | null> => (order, item) => toExactDecimal(get(order, item)),
  date: (get: Getter): Compute<number | null> => (order, item) => parseDate(get(order, item)),
  folder: (get: Getter): Compute<number | null> => (order, item) => asFolder(get(order, item)),
  list: (get: Getter): Compute<string[]> => (order, item) => asList(get(order, item)),
  foldedList: (get: Getter): Compute<string[]> => (order, item) => asList(get(order, item)).map((tag) => tag.toLowerCase()),
};
type Form = keyof typeof FORMS;
type FormValue<F extends Form> = ReturnType<ReturnType<(typeof FORMS)[F]>>;

/** Hands out the slots of one rule set's reads while it compiles, and the arrays an evaluation fills. */
export class FieldReads {
  private readonly byKey = new Map<string, FieldRead<unknown>>();
  /** One undefined per slot. Copies of a packed array of undefined take any value without changing kind or size. */
  private readonly unreadValues: Record<FieldScope, undefined[]> = { order: [], item: [] };

  /** Values for one evaluation (of the order, or of one item), none read yet. */
  unread(scope: FieldScope): unknown[] {
    return this.unreadValues[scope].slice();
  }

  /** The field's value in a form, e.g. the order total as an exact decimal. */
  of<F extends Form>(field: FieldDef, form: F): FieldRead<FormValue<F>> {
    const reader = FORMS[form] as (get: Getter) => Compute<FormValue<F>>;
    return this.shared(`${form} ${field.id}`, field.scope, reader(field.get));
  }

  /** How the trace shows the field's value. */
  seen(field: FieldDef): FieldRead<SeenValue> {
    return this.shared(`seen ${field.id}`, field.scope, (order, item, itemIndex) => {
      const raw = field.get(order, item);
      const subject = field.scope === "item" ? `Item ${itemIndex! + 1}: ${field.label}` : field.label;
      return { actual: traceValue(raw), statement: `${subject} ${describeActual(field, raw)}` };
    });
  }

  private shared<T>(key: string, scope: FieldScope, compute: FieldRead<T>["compute"]): FieldRead<T> {
    let read = this.byKey.get(key);
    if (!read) {
      read = { slot: this.unreadValues[scope].push(undefined) - 1, scope, compute };
      this.byKey.set(key, read);
    }
    return read as FieldRead<T>;
  }
}

/** The value in the trace: `actual` as the entry holds it, `statement` the sentence's start, 'Ship to country is "US"'. */
export interface SeenValue {
  actual: TraceValue;
  statement: string;
}

/** What the order holds, for the trace's `actual`. */
function traceValue(raw: unknown): TraceValue {
  if (raw === undefined || raw === null) return null;
  if (typeof raw === "string" || typeof raw === "number") return raw;
  if (Array.isArray(raw)) return raw.map((v) => (typeof v === "number" ? v : String(v)));
  return String(raw);
}

function describeActual(field: FieldDef, raw: unknown): string {
  if (field.type === "list") {
    const list = asList(raw);
    return `are (${list.length ? quote(list) : "none"})`;
  }
  const text = typeof raw === "number" ? numberText(raw) : asText(raw);
  if (text.trim() === "") return "is empty";
  // A note can be 10,000 characters; the sentence quotes the start.
  const shown = text.length > 200 ? `${text.slice(0, 200)}…` : text;
  return field.type === "text" ? `is ${quoteText(shown)}` : `is ${shown}`;
}

/**
 * String(n), without its cost for money. When c / 100 === n, n is the double nearest the decimal
 * c / 100, which has at most 15 significant digits, so that decimal is the shortest text reading
 * back as n: what String(n) prints.
 */
function numberText(n: number): string {
  const cents = Math.round(n * 100);
  if (Number.isInteger(n) || cents / 100 !== n || Math.abs(cents) >= 1e15) return String(n);
  const fraction = Math.abs(cents) % 100;
  const digits = fraction % 10 === 0 ? String(fraction / 10) : fraction < 10 ? `0${fraction}` : String(fraction);
  return `${cents < 0 ? "-" : ""}${(Math.abs(cents) - fraction) / 100}.${digits}`;
}

export const quote = (values: readonly (string | number)[]) => values.map((v) => (typeof v === "string" ? quoteText(v) : JSON.stringify(v))).join(", ");

/** JSON.stringify of a text, without its cost when nothing needs escaping (the usual case). */
const quoteText = (text: string) => (NEEDS_ESCAPE.test(text) ? JSON.stringify(text) : `"${text}"`);
// What JSON.stringify escapes: quotes, backslashes, control characters (C0; C1 is harmless here) and lone surrogates.
const NEEDS_ESCAPE = /["\\\p{Cc}\p{Cs}]/u;
