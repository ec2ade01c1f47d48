import { getTableColumns, is, SQL, sql, type InferInsertModel } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";

/**
 * A multi-row INSERT whose rows travel as ONE json parameter, unpacked by json_to_recordset.
 * For hot batch paths (ingest): drizzle's `.values(rows)` builds one bound parameter per cell
 * (tens of thousands for a 500-order batch), which profiling showed to cost a third of the
 * server's CPU, and every batch size is a new prepared statement. Column names and types come
 * from the Drizzle table, so the schema stays the one source of truth.
 *
 * Columns are those present in any row. A column missing from some rows takes its default
 * (the database's, or the schema's JavaScript default), as `.values()` would.
 */
export function jsonInsert<T extends PgTable>(
  table: T,
  rows: InferInsertModel<T>[],
  options: { overridingSystemValue?: boolean; suffix?: SQL } = {},
): SQL {
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  const keys = Object.keys(columns).filter((key) => rows.some((row) => (row as Record<string, unknown>)[key] !== undefined));
  const recordType = sql.join(
    keys.map((key) => sql`${sql.identifier(columns[key]!.name)} ${sql.raw(columns[key]!.getSQLType())}`),
    sql`, `,
  );
  const selected = sql.join(
    keys.map((key) => {
      const column = columns[key]!;
      const value = sql`r.${sql.identifier(column.name)}`;
      const everyRowHasIt = rows.every((row) => (row as Record<string, unknown>)[key] !== undefined);
      if (everyRowHasIt || !column.hasDefault || column.default === undefined) return value;
      return is(column.default, SQL) ? sql`coalesce(${value}, ${column.default})` : sql`coalesce(${value}, ${sql.param(column.default, column)})`;
    }),
    sql`, `,
  );
  // Keyed by database column name, as json_to_recordset matches them.
  const payload = rows.map((row) => {
    const out: Record<string, unknown> = {};
    for (const key of keys) {
      const value = (row as Record<string, unknown>)[key];
      out[columns[key]!.name] = value === undefined ? (columns[key]!.defaultFn?.() ?? null) : value;
    }
    return out;
  });
  return sql`insert into ${table} (${sql.join(
    keys.map((key) => sql.identifier(columns[key]!.name)),
    sql`, `,
  )}) ${options.overridingSystemValue ? sql`overriding system value ` : sql``}select ${selected} from json_to_recordset(${JSON.stringify(payload)}::json) as r(${recordType}) ${options.suffix ?? sql``}`;
}

/** Rows of `db.execute`, whichever driver answered (postgres.js returns an array, PGlite `{ rows }`). */
export function rowsOf<R>(result: unknown): R[] {
  return Array.isArray(result) ? (result as R[]) : ((result as { rows: R[] }).rows ?? []);
}
