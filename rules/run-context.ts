import type { RuleOrder, RuleOrderItem } from "./catalog/order";
import type { FieldRead, FieldReads } from "./reads";
import type { Intent, TraceEntry } from "./trace";

/** The mutable state of one evaluation; compiled closures read the order through it and append to it. */
export class RunContext {
  readonly intents: Intent[] = [];
  stopped = false;
  private readonly orderValues: unknown[];
  private readonly itemValues: unknown[][];

  constructor(
    readonly order: RuleOrder,
    readonly items: readonly RuleOrderItem[],
    readonly nowMs: number,
    /** Stays empty when the caller asked for no trace (the rules run untraced). */
    readonly trace: TraceEntry[],
    private readonly reads: FieldReads,
  ) {
    this.orderValues = reads.unread("order");
    this.itemValues = new Array(items.length);
  }

  /** The value of a read, computed on first use in this evaluation (per item for item fields). */
  read<T>(read: FieldRead<T>, item: RuleOrderItem | undefined, itemIndex: number | undefined): T {
    const values = read.scope === "item" ? this.valuesOfItem(itemIndex!) : this.orderValues;
    const known = values[read.slot];
    if (known !== undefined) return known as T;
    const value = read.compute(this.order, item, itemIndex);
    values[read.slot] = value;
    return value;
  }

  private valuesOfItem(itemIndex: number): unknown[] {
    return (this.itemValues[itemIndex] ??= this.reads.unread("item"));
  }
}
