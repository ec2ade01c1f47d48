import type { z } from "zod";
import { DomainError } from "@/server/errors";
import { inventoryBatchItemInput, type InventoryBatchItem } from "@/server/inventory/schemas";
import { orderInput, shipmentInput, type OrderInput, type ShipmentInput } from "@/server/orders/schemas";
import { IMPORT_FIELDS, type FieldMapping, type ImportMapping } from "./mapping";
import type { TableRow } from "./read/open-table";
import { SHOPIFY_FIELDS, SHOPIFY_ORDER_KEY, shopifyExtras, type OrderDraftAccess } from "./shopify";
import { applyTransform, splitName, ValueError, type Transform } from "./transforms";

/**
 * Rows -> the inputs the app's own services take, validated with the same zod schemas as every
 * other door (REST, UI, carts). Nothing here touches the database: a row that cannot become a
 * valid input comes back as a RowFailure whose reason names the line and the column to fix.
 */

export type RowFailure = { kind: "failure"; lines: number[]; key?: string; reason: string };
export type ParsedOrder = { kind: "order"; key: string; lines: number[]; input: OrderInput };
/** In "adjust" mode `item.stock` is the signed change to add, not the new stock. */
export type ParsedInventory = { kind: "inventory"; line: number; item: InventoryBatchItem; stockMode: "set" | "adjust" };
export type ParsedShipment = { kind: "shipment"; line: number; order: { id: number } | { source_id: string }; shipment: ShipmentInput };

export const DEFAULT_SOURCE_NAME = "CSV import";
/** orderInput takes at most this many items, so a longer run of rows cannot be a valid order. */
const MAX_ORDER_ROWS = 1000;

// ---------------------------------------------------------------------------------------------
// The mapping, resolved against the file's headers once per pass.

/** Where an order-level value goes, worked out once per pass rather than per order. */
type Destination =
  | { kind: "address"; side: "shipping" | "customer"; part: string }
  | { kind: "checkout_data"; name: string }
  | { kind: "tags" | "note" | "item" | "field" };

interface Source {
  key: string;
  destination: Destination;
  column?: string;
  /** Position in the row; -1 when the field has only a default. */
  index: number;
  default?: string;
  transform?: Transform;
}

interface Compiled {
  headers: string[];
  sources: Source[];
  byKey: Map<string, Source>;
  items: Source[];
  keyIndex: number;
  keyColumn?: string;
  shopify: boolean;
  /** Lower-cased trimmed header -> first column with it. */
  headerIndex: Map<string, number>;
}

/** A cell that cannot be read; becomes a failure naming the column. */
class CellError extends Error {
  constructor(
    readonly where: string,
    message: string,
  ) {
    super(message);
  }
}

const compiledCache = new WeakMap<ImportMapping, { headers: string[]; compiled: Compiled }>();

function compile(headers: string[], mapping: ImportMapping): Compiled {
  const cached = compiledCache.get(mapping);
  if (cached?.headers === headers) return cached.compiled;
  const shopify = mapping.target === "orders" && mapping.preset === "shopify";
  const columnIndex = (column: string) => {
    const exact = headers.indexOf(column);
    return exact !== -1 ? exact : headers.findIndex((h) => h.trim().toLowerCase() === column.trim().toLowerCase());
  };
  const missing = (column: string, what: string) =>
    new DomainError("BAD_REQUEST", `The mapping reads ${what} from column "${column}", but the file has no such column.`, { field: "mapping" });

  const sources: Source[] = [];
  const fields: Record<string, FieldMapping> = shopify ? SHOPIFY_FIELDS : mapping.fields;
  for (const [key, field] of Object.entries(fields)) {
    if (!field.column && !field.default?.trim()) continue; // an empty entry leaves the field unmapped
    const index = field.column ? columnIndex(field.column) : -1;
    if (field.column && index === -1) {
      if (shopify) continue; // trimmed exports: a missing optional column just stays empty
      throw missing(field.column, labelOf(mapping, key));
    }
    sources.push({
      key,
      destination: destinationOf(key),
      column: field.column ? headers[index] : undefined,
      index,
      default: field.default?.trim() || undefined,
      transform: field.transform,
    });
  }
  const keyColumn = shopify ? (mapping.orderKeyColumn ?? SHOPIFY_ORDER_KEY) : mapping.orderKeyColumn;
  const keyIndex = keyColumn ? columnIndex(keyColumn) : -1;
  if (keyColumn && keyIndex === -1) throw missing(keyColumn, "the order key");

  const compiled: Compiled = {
    headers,
    sources,
    byKey: new Map(sources.map((s) => [s.key, s])),
    items: sources.filter((s) => s.destination.kind === "item"),
    keyIndex,
    keyColumn: keyColumn ? headers[keyIndex] : undefined,
    shopify,
    headerIndex: new Map(headers.map((h, i) => [h.trim().toLowerCase(), i] as const).reverse()),
  };
  compiledCache.set(mapping, { headers, compiled });
  return compiled;
}

function destinationOf(key: string): Destination {
  const address = /^(shipping|customer)\.(\w+)$/.exec(key);
  if (address) return { kind: "address", side: address[1] as "shipping" | "customer", part: address[2]! };
  if (key.startsWith("checkout_data:")) return { kind: "checkout_data", name: key.slice("checkout_data:".length).trim() };
  if (key.startsWith("item.")) return { kind: "item" };
  return { kind: key === "tags" || key === "note" ? key : "field" };
}

function labelOf(mapping: ImportMapping, key: string): string {
  const field = IMPORT_FIELDS[mapping.target].find((f) => f.key === key);
  return field ? `the ${field.label.toLowerCase()}` : `"${key}"`;
}

const where = (source: Pick<Source, "column" | "key">, line: number) =>
  source.column ? `Column "${source.column}" (line ${line})` : `Line ${line}, the default for ${source.key}`;

/** The cell (or the default when it is blank), trimmed and transformed; "" when there is nothing. */
function read(source: Source, row: TableRow): string {
  let value = source.index >= 0 ? (row.cells[source.index] ?? "").trim() : "";
  if (!value && source.default) value = source.default;
  if (!value || !source.transform || source.transform === "split_name") return value;
  try {
    return applyTransform(value, source.transform).trim();
  } catch (error) {
    if (error instanceof ValueError) throw new CellError(where(source, row.line), error.message);
    throw error;
  }
}

const hasCell = (source: Source, row: TableRow) => source.index >= 0 && (row.cells[source.index] ?? "").trim() !== "";

// ---------------------------------------------------------------------------------------------
// Orders

/**
 * Orders from rows, in file order. Consecutive rows with the same value in the order-key column
 * are one order: order fields come from the first row that has them, and every row with an item
 * cell is a line item (Shopify's continuation rows repeat `Name` with the order cells blank).
 * Without a key column each row is an order. Memory holds one order's rows plus the keys seen.
 */
export async function* groupOrders(rows: AsyncIterable<TableRow>, headers: string[], mapping: ImportMapping): AsyncGenerator<ParsedOrder | RowFailure> {
  if (mapping.target !== "orders") throw new DomainError("BAD_REQUEST", "This mapping does not import orders.", { field: "mapping" });
  const compiled = compile(headers, mapping);
  const seen = new Set<string>();
  let group: { key: string; rows: TableRow[]; lines: number[]; problems: string[] } | undefined;

  const flush = (): ParsedOrder | RowFailure | undefined => {
    const done = group;
    group = undefined;
    if (!done) return undefined;
    if (done.problems.length) return { kind: "failure", lines: done.lines, key: done.key, reason: done.problems.join(" ") };
    return buildOrder(done.rows, done.key, compiled);
  };

  for await (const row of rows) {
    if (compiled.keyIndex === -1) {
      yield row.problem ? { kind: "failure", lines: [row.line], reason: `Line ${row.line}: ${row.problem}` } : buildOrder([row], undefined, compiled);
      continue;
    }
    const key = (row.cells[compiled.keyIndex] ?? "").trim();
    if (group && key === group.key) {
      group.lines.push(row.line);
      if (row.problem) group.problems.push(`Line ${row.line}: ${row.problem}`);
      else if (group.rows.length >= MAX_ORDER_ROWS) {
        if (!group.problems.length) group.problems.push(`Order "${key}" has more than ${MAX_ORDER_ROWS} rows; an order holds at most ${MAX_ORDER_ROWS} items.`);
      } else group.rows.push(row);
      continue;
    }
    const previous = flush();
    if (previous) yield previous;
    if (row.problem) {
      yield { kind: "failure", lines: [row.line], key: key || undefined, reason: `Line ${row.line}: ${row.problem}` };
      continue;
    }
    if (!key) {
      yield { kind: "failure", lines: [row.line], reason: `Column "${compiled.keyColumn}" (line ${row.line}) is blank, so the row belongs to no order.` };
      continue;
    }
    group = { key, rows: [row], lines: [row.line], problems: [] };
    if (seen.has(key)) group.problems.push(`Order "${key}" appears again at line ${row.line}, apart from its other rows; keep an order's rows together.`);
    seen.add(key);
  }
  const last = flush();
  if (last) yield last;
}

type Origin = Map<string, { column?: string; line: number }>;

function buildOrder(rows: TableRow[], key: string | undefined, compiled: Compiled): ParsedOrder | RowFailure {
  const lines = rows.map((r) => r.line);
  const input: Record<string, unknown> = {};
  const origin: Origin = new Map();
  const itemLines: number[] = [];
  try {
    fillOrderFields(input, rows, compiled, origin);
    const items = itemsOf(rows, compiled, itemLines);
    if (items.length) input.order_items = items;
    if (compiled.shopify) shopifyExtras(input, draftAccess(rows, compiled.headerIndex, origin));
  } catch (error) {
    if (error instanceof CellError) return { kind: "failure", lines, key, reason: `${error.where}: ${error.message}` };
    throw error;
  }
  if (!input.source_id && key) {
    input.source_id = key;
    origin.set("source_id", { column: compiled.keyColumn, line: lines[0]! });
  }
  if (!input.source_id) {
    const source = compiled.byKey.get("source_id");
    return { kind: "failure", lines, reason: `${where(source ?? { key: "source_id" }, lines[0]!)}: enter the order number; every imported order needs one, so importing again does not double it.` };
  }
  input.source_name ??= DEFAULT_SOURCE_NAME;

  const parsed = orderInput.safeParse(input);
  const orderKey = key ?? String(input.source_id);
  if (!parsed.success) return { kind: "failure", lines, key: orderKey, reason: describeIssues(parsed.error.issues, (path) => locateOrderIssue(path, origin, compiled, itemLines, lines[0]!)) };
  return { kind: "order", key: orderKey, lines, input: parsed.data };
}

function fillOrderFields(input: Record<string, unknown>, rows: TableRow[], compiled: Compiled, origin: Origin) {
  for (const source of compiled.sources) {
    const to = source.destination;
    if (to.kind === "item") continue;
    const hit = firstValue(source, rows);
    if (!hit) continue;
    const { value, line } = hit;
    const from = { column: source.column, line };
    if (to.kind === "address") {
      const target = (input[to.side] ??= {}) as Record<string, string>;
      if (to.part === "name" && source.transform === "split_name") {
        // Explicit first/last name columns win over the split full name.
        for (const [namePart, nameValue] of Object.entries(splitName(value))) {
          const explicit = compiled.byKey.get(`${to.side}.${namePart}`);
          if (target[namePart] || (explicit && firstValue(explicit, rows))) continue;
          if (nameValue) target[namePart] = nameValue;
          origin.set(`${to.side}.${namePart}`, from);
        }
      } else {
        target[to.part] = value;
        origin.set(source.key, from);
      }
    } else if (to.kind === "checkout_data") {
      const data = (input.checkout_data ??= {}) as Record<string, string>;
      data[to.name] = value;
      if (!origin.has("checkout_data")) origin.set("checkout_data", from);
    } else if (to.kind === "tags") {
      input.tags = [...new Set(value.split(/[,;]/).map((t) => t.trim()).filter(Boolean))];
      origin.set("tags", from);
    } else if (to.kind === "note") {
      input.order_notes = [{ content: value }];
      origin.set("order_notes", from);
    } else {
      input[source.key] = value;
      origin.set(source.key, from);
    }
  }
}

function firstValue(source: Source, rows: TableRow[]): { value: string; line: number } | undefined {
  for (const row of rows) {
    const value = read(source, row);
    if (value) return { value, line: row.line };
  }
  return undefined;
}

/** One item per row that has any item cell filled (defaults alone do not make an item). */
function itemsOf(rows: TableRow[], compiled: Compiled, itemLines: number[]): Record<string, unknown>[] {
  const items: Record<string, unknown>[] = [];
  if (!compiled.items.length) return items;
  for (const row of rows) {
    if (!compiled.items.some((s) => hasCell(s, row))) continue;
    const item: Record<string, unknown> = {};
    for (const source of compiled.items) {
      const value = read(source, row);
      if (!value) continue;
      if (source.key === "item.variation") item.variation_list = { ...(item.variation_list as object), ...optionPairs(value) };
      else if (source.key.startsWith("item.variation:")) item.variation_list = { ...(item.variation_list as object), [source.key.slice("item.variation:".length).trim()]: value };
      else item[source.key.slice("item.".length)] = value;
    }
    items.push(item);
    itemLines.push(row.line);
  }
  return items;
}

/** "Size: L; Color: Red" (or one pair a line) -> { Size: "L", Color: "Red" }; text without pairs is kept whole. */
export function optionPairs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of text.split(/[;\n]/)) {
    const colon = part.indexOf(":");
    if (colon > 0) out[part.slice(0, colon).trim()] = part.slice(colon + 1).trim();
    else if (part.trim()) out.Option = [out.Option, part.trim()].filter(Boolean).join(" / ");
  }
  return out;
}

function draftAccess(rows: TableRow[], headerIndex: Map<string, number>, origin: Origin): OrderDraftAccess {
  return {
    first(column) {
      const index = headerIndex.get(column.toLowerCase());
      if (index === undefined) return undefined;
      for (const row of rows) {
        const value = (row.cells[index] ?? "").trim();
        if (value) return { value, line: row.line };
      }
      return undefined;
    },
    from(path, column, line) {
      origin.set(path, { column, line });
    },
  };
}

function locateOrderIssue(path: PropertyKey[], origin: Origin, compiled: Compiled, itemLines: number[], firstLine: number): { column?: string; line: number; field: string } {
  const [head, index, sub] = path;
  if (head === "order_items" && typeof index === "number") {
    const line = itemLines[index] ?? firstLine;
    if (typeof sub !== "string") return { line, field: "items" };
    const key = sub === "variation_list" ? compiled.items.find((s) => s.key.startsWith("item.variation"))?.key : `item.${sub}`;
    return { column: key ? compiled.byKey.get(key)?.column : undefined, line, field: `item ${sub}` };
  }
  const key = (head === "shipping" || head === "customer") && typeof index === "string" ? `${head}.${index}` : String(head);
  const found = origin.get(key);
  return { column: found?.column, line: found?.line ?? firstLine, field: key.replace(/_/g, " ") };
}

// ---------------------------------------------------------------------------------------------
// Inventory

/** An inventory row: only the cells that are filled are set, so a blank price does not wipe one. */
export function rowToInventory(row: TableRow, headers: string[], mapping: ImportMapping): ParsedInventory | RowFailure {
  if (mapping.target !== "inventory") throw new DomainError("BAD_REQUEST", "This mapping does not import inventory.", { field: "mapping" });
  if (row.problem) return { kind: "failure", lines: [row.line], reason: `Line ${row.line}: ${row.problem}` };
  const compiled = compile(headers, mapping);
  const stockMode = mapping.stockMode ?? "set";
  const input: Record<string, unknown> = {};
  let delta: number | undefined;
  try {
    for (const source of compiled.sources) {
      const value = read(source, row);
      if (!value) continue;
      if (source.key === "stock" && stockMode === "adjust") delta = stockChange(value, source, row.line);
      else input[source.key] = value;
    }
  } catch (error) {
    if (error instanceof CellError) return { kind: "failure", lines: [row.line], key: input.code as string | undefined, reason: `${error.where}: ${error.message}` };
    throw error;
  }
  const code = input.code as string | undefined;
  if (!code) return { kind: "failure", lines: [row.line], reason: `${where(compiled.byKey.get("code") ?? { key: "code" }, row.line)}: enter the SKU (item code).` };
  const parsed = inventoryBatchItemInput.safeParse(input);
  if (!parsed.success) return { kind: "failure", lines: [row.line], key: code, reason: describeIssues(parsed.error.issues, (path) => locateRowIssue(path, compiled, row.line)) };
  const item = delta === undefined ? parsed.data : { ...parsed.data, stock: delta };
  return { kind: "inventory", line: row.line, item, stockMode };
}

/** A signed whole number to add to the stock ("+5", "-2"); the service applies it. */
function stockChange(value: string, source: Source, line: number): number | undefined {
  if (!/^[+-]?\d+$/.test(value)) throw new CellError(where(source, line), "Expected a whole number of items to add (or, with a minus sign, to take away).");
  const delta = Number(value);
  if (Math.abs(delta) > 1_000_000) throw new CellError(where(source, line), "Change stock by at most 1,000,000 at a time.");
  return delta === 0 ? undefined : delta;
}

// ---------------------------------------------------------------------------------------------
// Shipments

export function rowToShipment(row: TableRow, headers: string[], mapping: ImportMapping): ParsedShipment | RowFailure {
  if (mapping.target !== "shipments") throw new DomainError("BAD_REQUEST", "This mapping does not import shipments.", { field: "mapping" });
  if (row.problem) return { kind: "failure", lines: [row.line], reason: `Line ${row.line}: ${row.problem}` };
  const compiled = compile(headers, mapping);
  const matchBy = mapping.matchBy ?? "source_id";
  const values: Record<string, string> = {};
  try {
    for (const source of compiled.sources) {
      const value = read(source, row);
      if (value) values[source.key] = value;
    }
  } catch (error) {
    if (error instanceof CellError) return { kind: "failure", lines: [row.line], reason: `${error.where}: ${error.message}` };
    throw error;
  }
  const at = (key: string) => where(compiled.byKey.get(key) ?? { key }, row.line);
  const fail = (reason: string): RowFailure => ({ kind: "failure", lines: [row.line], key: values.tracking_number, reason });

  let order: ParsedShipment["order"];
  if (matchBy === "id") {
    const id = (values.order_id ?? "").replace(/^#/, "");
    if (!/^\d{1,15}$/.test(id) || Number(id) < 1) return fail(`${at("order_id")}: expected a Switchyard order id such as 1042.`);
    order = { id: Number(id) };
  } else {
    if (!values.source_id) return fail(`${at("source_id")}: enter the order number the shipment belongs to.`);
    order = { source_id: values.source_id };
  }
  if (!values.tracking_number) return fail(`${at("tracking_number")}: enter the tracking number.`);

  const { order_id: _id, source_id: _source, ...fields } = values;
  // Order Desk keeps the ship date as a plain date.
  if (fields.date_shipped && compiled.byKey.get("date_shipped")?.transform?.startsWith("date")) fields.date_shipped = fields.date_shipped.slice(0, 10);
  const parsed = shipmentInput.safeParse({ ...fields, source: DEFAULT_SOURCE_NAME });
  if (!parsed.success) return fail(describeIssues(parsed.error.issues, (path) => locateRowIssue(path, compiled, row.line)));
  return { kind: "shipment", line: row.line, order, shipment: parsed.data };
}

function locateRowIssue(path: PropertyKey[], compiled: Compiled, line: number) {
  const key = String(path[0]);
  return { column: compiled.byKey.get(key)?.column, line, field: key.replace(/_/g, " ") };
}

// ---------------------------------------------------------------------------------------------

/** zod issues as one sentence per problem, each naming the column (or the field) and the line. */
function describeIssues(issues: z.core.$ZodIssue[], locate: (path: PropertyKey[]) => { column?: string; line: number; field: string }): string {
  const sentences = issues.slice(0, 3).map((issue) => {
    const at = locate(issue.path);
    const message = messageOf(issue);
    return at.column ? `Column "${at.column}" (line ${at.line}): ${message}` : `Line ${at.line}, ${at.field}: ${message}`;
  });
  const more = issues.length > 3 ? ` (and ${issues.length - 3} more)` : "";
  return [...new Set(sentences)].join(" ") + more;
}

/** A union's own message is "Invalid input"; the branch that got furthest says what is wrong. */
function messageOf(issue: z.core.$ZodIssue): string {
  if (issue.code === "invalid_union" && issue.errors.length) {
    const branch = issue.errors.find((errors) => errors.some((e) => e.code !== "invalid_type")) ?? issue.errors[0]!;
    const inner = branch.find((e) => e.code !== "invalid_type") ?? branch[0];
    if (inner) return messageOf(inner);
  }
  return issue.message;
}
