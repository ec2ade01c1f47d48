/**
 * The order list's state lives in the URL (folder, search, filters, sort, page), so reload,
 * back/forward and shared links show the same page. Pages are keyset cursors: `after` the last
 * row of the previous page, or `before` the first row of the next one (read in reverse).
 */
export type SortKey = "date_added" | "date_updated";
export type Direction = "asc" | "desc";
export interface Cursor {
  at: Date;
  id: number;
}

export interface ListParams {
  /** A folder id, or "all". */
  folder: number | "all" | undefined;
  q: string;
  source: string;
  tag: string;
  /** YYYY-MM-DD in the store's timezone. */
  from: string;
  to: string;
  sort: SortKey;
  dir: Direction;
  size: number;
  after?: Cursor;
  before?: Cursor;
  /** Page number, for "orders 51–100"; only a label, the cursor decides what is shown. */
  page: number;
}

export const PAGE_SIZES = [25, 50, 100] as const;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function parseCursor(value: string | null): Cursor | undefined {
  const match = value ? /^(\d{1,15})_(\d{1,15})$/.exec(value) : null;
  return match ? { at: new Date(Number(match[1])), id: Number(match[2]) } : undefined;
}

export const formatCursor = (cursor: Cursor) => `${cursor.at.getTime()}_${cursor.id}`;

export function parseListParams(search: URLSearchParams): ListParams {
  const folder = search.get("folder");
  const size = Number(search.get("size"));
  const page = Number(search.get("page"));
  const after = parseCursor(search.get("after"));
  return {
    folder: folder === "all" ? "all" : folder && /^\d+$/.test(folder) ? Number(folder) : undefined,
    q: search.get("q")?.trim() ?? "",
    source: search.get("source")?.trim() ?? "",
    tag: search.get("tag")?.trim() ?? "",
    from: DATE.test(search.get("from") ?? "") ? search.get("from")! : "",
    to: DATE.test(search.get("to") ?? "") ? search.get("to")! : "",
    sort: search.get("sort") === "date_updated" ? "date_updated" : "date_added",
    dir: search.get("dir") === "asc" ? "asc" : "desc",
    size: (PAGE_SIZES as readonly number[]).includes(size) ? size : 50,
    after,
    before: after ? undefined : parseCursor(search.get("before")),
    page: Number.isSafeInteger(page) && page > 1 ? page : 1,
  };
}

/** Back to a query string; defaults are left out to keep links short. */
export function toSearch(params: ListParams): string {
  const out = new URLSearchParams();
  if (params.folder !== undefined) out.set("folder", String(params.folder));
  if (params.q) out.set("q", params.q);
  if (params.source) out.set("source", params.source);
  if (params.tag) out.set("tag", params.tag);
  if (params.from) out.set("from", params.from);
  if (params.to) out.set("to", params.to);
  if (params.sort !== "date_added") out.set("sort", params.sort);
  if (params.dir !== "desc") out.set("dir", params.dir);
  if (params.size !== 50) out.set("size", String(params.size));
  if (params.after) out.set("after", formatCursor(params.after));
  else if (params.before) out.set("before", formatCursor(params.before));
  if (params.page > 1 && (params.after || params.before)) out.set("page", String(params.page));
  const text = out.toString();
  return text ? `?${text}` : "";
}

/** Any change but paging starts again from the first page. */
export function withChanges(params: ListParams, changes: Partial<ListParams>): ListParams {
  return { ...params, after: undefined, before: undefined, page: 1, ...changes };
}

export const hasFilters = (p: ListParams) => Boolean(p.q || p.source || p.tag || p.from || p.to);

/**
 * Midnight at the start of `day` (YYYY-MM-DD) in `timeZone`, as a UTC instant: the offset is read
 * from Intl for that day, twice so a DST change on the day itself lands right.
 */
export function startOfDayIn(day: string, timeZone: string): Date {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d);
  let instant = wall - offsetAt(wall, timeZone);
  instant = wall - offsetAt(instant, timeZone);
  return new Date(instant);
}

function offsetAt(instant: number, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" })
      .formatToParts(new Date(instant))
      .map((p) => [p.type, p.value]),
  );
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** The day after `day`, for an inclusive "to" date. */
export function nextDay(day: string): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}
