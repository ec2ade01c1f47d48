import type { FieldDef, FieldScope } from "./catalog/fields";
import type { RuleOrderItem } from "./catalog/order";
import { parseDate } from "./dates";
import { toExactDecimal, type ExactDecimal } from "./decimal";
import type { Kept, RunContext, RunMode } from "./run-context";
import { Code, Constants, js } from "./source";
import { seenOf } from "./trace-log";
import { asList, asText } from "./trace-values";

/**
 * A field's value in one form (folded text, exact decimal, date...), read through the evaluation:
 * computed on first use and kept in the evaluation's slot for it, so ten rules testing the order
 * total parse it once per order, and an item field once per item. Generated code reads the slot
 * itself (readCode) and calls a fill only when it is empty.
 */
export interface FormRead {
  readonly scope: FieldScope;
  readonly slot: number;
  /** Computes the value and keeps it in the slot. */
  readonly fill: Fill;
  /** The same, also keeping the raw value as the trace shows it (seenOf) in the field's seen slot: for recording runs. */
  readonly fillRecorded: Fill;
}

/** `item` and `itemIndex` are the item in hand (undefined for the order). */
type Fill = (ctx: RunContext, item: RuleOrderItem | undefined, itemIndex: number | undefined) => unknown;

const lower = (text: string) => text.toLowerCase();
/** The seen values of a run that keeps none: frozen, so writing to it would fail loudly. */
const NONE = Object.freeze([]) as unknown as never[];
const asFolder = (raw: unknown) => (raw === null || raw === undefined || raw === "" ? null : Number(raw) || null);

/** The forms comparisons test a value in, from what the field's getter returns. Never undefined: undefined marks "not read yet". */
const FORMS = {
  text: asText,
  folded: (raw: unknown) => asText(raw).toLowerCase(),
  exact: (raw: unknown): ExactDecimal | null => toExactDecimal(raw),
  date: (raw: unknown): number | null => parseDate(raw),
  folder: asFolder,
  list: asList,
  foldedList: (raw: unknown) => asList(raw).map(lower),
};
type Form = keyof typeof FORMS;

/**
 * Numbered slots, one per value an evaluation may keep, and fresh arrays of them none of which is
 * read yet: for the order, or for `count` items (item i's slots start at i * size). Copying a
 * packed array of undefined is the fastest way to make one.
 */
class Slots {
  private readonly unread: undefined[] = [];
  size = 0;

  take(): number {
    this.unread.push(undefined);
    return this.size++;
  }

  fresh(count = 1): unknown[] {
    const length = count * this.size;
    while (this.unread.length < length) this.unread.push(undefined);
    return this.unread.slice(0, length);
  }
}

/**
 * Hands out the slots of one rule set's reads while it compiles: plain arrays indexed by small
 * integers, no map lookup per read. The values a recording run keeps for the trace have slots of
 * their own, so a run without the trace carries none of them.
 */
export class FieldReads {
  private readonly forms = new Map<string, FormRead>();
  private readonly seenSlots = new Map<string, number>();
  private readonly slots: Record<FieldScope, Slots> = { order: new Slots(), item: new Slots() };
  private readonly seen: Record<FieldScope, Slots> = { order: new Slots(), item: new Slots() };

  /** What an evaluation starts with (RunContext): values none read yet, the seen ones only for a recording run. */
  fresh(itemCount: number, record: boolean): Kept {
    const { slots, seen } = this;
    return {
      orderValues: slots.order.fresh(),
      itemValues: slots.item.fresh(itemCount),
      itemSlots: slots.item.size,
      orderSeen: record ? seen.order.fresh() : NONE,
      itemSeen: record ? seen.item.fresh(itemCount) : NONE,
      itemSeenSlots: seen.item.size,
    };
  }

  /** The field's value in a form, e.g. the order total as an exact decimal. */
  of(field: FieldDef, form: Form): FormRead {
    const key = `${form} ${field.id}`;
    let read = this.forms.get(key);
    if (!read) {
      const slot = this.slots[field.scope].take();
      const convert = FORMS[form] as (raw: unknown) => unknown;
      read = { scope: field.scope, slot, fill: generatedFill(field, slot, convert, null), fillRecorded: generatedFill(field, slot, convert, this.seenSlot(field)) };
      this.forms.set(key, read);
    }
    return read;
  }

  /** Where a recording run keeps the field's value as the trace shows it (a Seen): ctx.orderSeen or the item's part of ctx.itemSeen. */
  seenSlot(field: FieldDef): number {
    let slot = this.seenSlots.get(field.id);
    if (slot === undefined) {
      slot = this.seen[field.scope].take();
      this.seenSlots.set(field.id, slot);
    }
    return slot;
  }
}

/**
 * The read as an expression of `ctx`, `item` and `idx` in generated code (source.ts): the slot,
 * else its fill. Leaves the value in `x` as well. A recording run keeps the value as the trace
 * shows it too; a replay finds every value it reads kept (else it would not be a replay).
 */
export function readCode(read: FormRead, mode: RunMode, constants: Constants): Code {
  const fill = constants.bind(mode === "plain" ? read.fill : mode === "record" ? read.fillRecorded : notRecorded);
  const at = read.scope === "order" ? js`ctx.orderValues[${read.slot}]` : js`ctx.itemValues[idx * ctx.itemSlots + ${read.slot}]`;
  return js`((x = ${at}) !== undefined ? x : (x = ${fill}(ctx, item, idx)))`;
}

const notRecorded = () => {
  throw new Error("A replay read a value its recorded run did not.");
};

/**
 * Computes the value from the order (the field's getter, or the same read written out when the
 * field says how: its own call sites and property reads) and keeps it in its slot of the order's
 * values or of the item's part of the items' (from idx * itemSlots). Recording, the raw value is
 * also kept in the field's seen slot, for the trace to show later.
 */
function generatedFill(field: FieldDef, slot: number, convert: (raw: unknown) => unknown, seenSlot: number | null): Fill {
  const c = new Constants();
  const [values, seen] = field.scope === "order" ? [js`ctx.orderValues[${slot}]`, js`ctx.orderSeen`] : [js`ctx.itemValues[idx * ctx.itemSlots + ${slot}]`, js`ctx.itemSeen`];
  const seenAt = field.scope === "order" ? js`${seenSlot ?? 0}` : js`idx * ctx.itemSeenSlots + ${seenSlot ?? 0}`;
  // Every form of the field keeps the same value: the order does not change during a run.
  const keepSeen = seenSlot === null ? js`` : js`${seen}[${seenAt}] = ${c.bind((raw: unknown) => seenOf(field, raw))}(raw);\n`;
  return c.build(js`return function fill(ctx, item, idx) {\n${rawCode(field, c)}${keepSeen}return (${values} = ${c.bind(convert)}(raw));\n};`);
}

/** `const raw = ...`: the field's getter, written out when the field says how it reads (catalog FieldAccess). */
function rawCode(field: FieldDef, c: Constants): Code {
  const { access } = field;
  if (!access) return js`const raw = ${c.bind(field.get)}(ctx.order, item);\n`;
  const base = access.of === "order" ? js`ctx.order` : js`item`;
  const via = access.via === undefined ? null : c.bind(access.via);
  const container = via === null ? base : access.of === "order" ? js`${base}[${via}]` : js`(${base} == null ? undefined : ${base}[${via}])`;
  const key = c.bind(access.key);
  // lookup in catalog/fields.ts: own keys only.
  return js`const map = ${container};\nconst raw = map && Object.hasOwn(map, ${key}) ? map[${key}] : undefined;\n`;
}
