import { bigint, boolean, customType, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { orders } from "./orders";
import { stores } from "./stores";

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => Buffer.from(value),
});

/**
 * A saved column mapping for one import target, reused by later uploads, the CLI and scheduled
 * imports. With a `source` (an FTP/SFTP folder; its password and key sealed like export
 * destinations) the template fetches matching files itself, on `schedule` or on "Check now".
 */
export const importTemplates = pgTable(
  "import_templates",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    storeId: integer("store_id")
      .notNull()
      .references(() => stores.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    target: text("target").$type<"orders" | "inventory" | "shipments">().notNull(),
    mapping: jsonb("mapping").$type<unknown>().notNull(),
    /** Where scheduled imports fetch files from; null: uploads and the CLI only. */
    source: jsonb("source").$type<Record<string, unknown>>(),
    /** Cron in the store's timezone; null: fetched on "Check now" only. */
    schedule: text("schedule"),
    /** How fetched files are imported. */
    mode: text("mode").$type<"valid_rows" | "all_or_nothing">().notNull().default("valid_rows"),
    lastCheckedAt: timestamp("last_checked_at", { withTimezone: true }),
    /** Why the last check (or a file in it) failed, for the person; null when it went well. */
    lastError: text("last_error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("import_templates_store_name_unique").on(t.storeId, sql`lower(${t.name})`)],
);

export type ImportRunStatus = "uploaded" | "validating" | "importing" | "done" | "failed" | "interrupted";

/**
 * One uploaded file and what importing it did. The file itself is kept in import_file_chunks
 * (in the database, so any server can run it) until the run ends.
 */
export const importRuns = pgTable(
  "import_runs",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    storeId: integer("store_id")
      .notNull()
      .references(() => stores.id, { onDelete: "cascade" }),
    target: text("target").$type<"orders" | "inventory" | "shipments">().notNull(),
    templateId: integer("template_id").references(() => importTemplates.id, { onDelete: "set null" }),
    fileName: text("file_name").notNull(),
    fileBytes: bigint("file_bytes", { mode: "number" }).notNull(),
    format: text("format").notNull().default(""),
    headers: jsonb("headers").$type<string[]>().notNull().default([]),
    mapping: jsonb("mapping").$type<unknown>(),
    mode: text("mode").$type<"valid_rows" | "all_or_nothing">().notNull().default("valid_rows"),
    status: text("status").$type<ImportRunStatus>().notNull().default("uploaded"),
    /** Bytes of the current pass read so far, for the progress bar. */
    progressBytes: bigint("progress_bytes", { mode: "number" }).notNull().default(0),
    rowsRead: integer("rows_read").notNull().default(0),
    created: integer("created").notNull().default(0),
    updated: integer("updated").notNull().default(0),
    skipped: integer("skipped").notNull().default(0),
    failed: integer("failed").notNull().default(0),
    error: text("error"),
    requestedBy: text("requested_by").notNull(),
    /** Written with each progress update; a running import whose heartbeat stopped was interrupted. */
    heartbeatAt: timestamp("heartbeat_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [index("import_runs_store_idx").on(t.storeId, t.id)],
);

export const importFileChunks = pgTable(
  "import_file_chunks",
  {
    runId: integer("run_id")
      .notNull()
      .references(() => importRuns.id, { onDelete: "cascade" }),
    storeId: integer("store_id").notNull(),
    seq: integer("seq").notNull(),
    data: bytea("data").notNull(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.seq] })],
);

/** The report: one row per order, item or shipment the file held (or per bad row), with its lines. */
export const importRowResults = pgTable(
  "import_row_results",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    runId: integer("run_id")
      .notNull()
      .references(() => importRuns.id, { onDelete: "cascade" }),
    storeId: integer("store_id").notNull(),
    firstLine: integer("first_line").notNull(),
    lastLine: integer("last_line").notNull(),
    status: text("status").$type<"created" | "updated" | "skipped" | "failed">().notNull(),
    reference: text("reference").notNull().default(""),
    orderId: integer("order_id"),
    reason: text("reason").notNull().default(""),
  },
  (t) => [index("import_row_results_run_idx").on(t.runId, t.firstLine)],
);

export type RemoteFileStatus = "downloading" | "failed" | "importing" | "imported" | "done";

/**
 * Each file a template's source offered, by name, size and modification time (a changed file is a
 * new one). The row is the claim that makes fetching exactly-once: "downloading" (held until
 * `claimedUntil`; a failed download becomes "failed" and is tried again), "importing" (never
 * started again), "imported" (waiting to be moved or deleted on the server), "done".
 */
export const importRemoteFiles = pgTable(
  "import_remote_files",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    storeId: integer("store_id")
      .notNull()
      .references(() => stores.id, { onDelete: "cascade" }),
    templateId: integer("template_id")
      .notNull()
      .references(() => importTemplates.id, { onDelete: "cascade" }),
    fileName: text("file_name").notNull(),
    fileSize: bigint("file_size", { mode: "number" }).notNull(),
    /** The server's modification time: ISO when it gives an exact one, else its own text. */
    modified: text("modified").notNull(),
    status: text("status").$type<RemoteFileStatus>().notNull(),
    runId: integer("run_id").references(() => importRuns.id, { onDelete: "set null" }),
    claimToken: text("claim_token"),
    claimedUntil: timestamp("claimed_until", { withTimezone: true }),
    error: text("error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("import_remote_files_key").on(t.templateId, t.fileName, t.fileSize, t.modified),
    index("import_remote_files_store_idx").on(t.storeId, t.templateId),
  ],
);

/**
 * A Liquid export template and where its output goes. Secret fields of `destination` (passwords,
 * keys) are sealed with the secret box before they are stored.
 */
export const exportTemplates = pgTable(
  "export_templates",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    storeId: integer("store_id")
      .notNull()
      .references(() => stores.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    format: text("format").$type<"csv" | "tsv" | "xml" | "json" | "text">().notNull(),
    mode: text("mode").$type<"batch" | "per_order">().notNull(),
    body: text("body").notNull(),
    filenamePattern: text("filename_pattern").notNull(),
    destination: jsonb("destination").$type<Record<string, unknown>>().notNull(),
    /** Which orders an unattended run (schedule, or "export now" without a selection) picks up. */
    sourceFolderId: integer("source_folder_id"),
    /** After a successful delivery, the exported orders move here (e.g. "Submitted"). */
    moveToFolderId: integer("move_to_folder_id"),
    /** Cron in the store's timezone; null: on demand and by rule only. */
    schedule: text("schedule"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("export_templates_store_name_unique").on(t.storeId, sql`lower(${t.name})`)],
);

export type ExportRunStatus = "pending" | "retrying" | "delivered" | "failed";

/** One export: the orders it took (fixed when it starts), each delivery attempt's outcome. */
export const exportRuns = pgTable(
  "export_runs",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    storeId: integer("store_id")
      .notNull()
      .references(() => stores.id, { onDelete: "cascade" }),
    templateId: integer("template_id")
      .notNull()
      .references(() => exportTemplates.id, { onDelete: "cascade" }),
    trigger: text("trigger").$type<"manual" | "schedule" | "rule" | "cli" | "retry">().notNull(),
    status: text("status").$type<ExportRunStatus>().notNull().default("pending"),
    orderIds: jsonb("order_ids").$type<number[]>().notNull(),
    attempts: integer("attempts").notNull().default(0),
    error: text("error"),
    delivered: jsonb("delivered").$type<string[]>().notNull().default([]),
    requestedBy: text("requested_by").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [index("export_runs_store_idx").on(t.storeId, t.id), index("export_runs_template_idx").on(t.templateId, t.id)],
);

/**
 * Which template has exported which order. A run claims its orders when it starts (so two runs
 * never send the same order) and marks them exported only after delivery succeeded; a failed
 * run releases its claims.
 */
export const orderExports = pgTable(
  "order_exports",
  {
    templateId: integer("template_id")
      .notNull()
      .references(() => exportTemplates.id, { onDelete: "cascade" }),
    orderId: integer("order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    storeId: integer("store_id").notNull(),
    runId: integer("run_id").notNull(),
    state: text("state").$type<"claimed" | "exported">().notNull(),
    exportedAt: timestamp("exported_at", { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.templateId, t.orderId] }), index("order_exports_run_idx").on(t.runId), index("order_exports_order_idx").on(t.orderId)],
);

/** Email templates (subject, HTML, text) in Liquid, for rules and shipment notifications. */
export const emailTemplates = pgTable(
  "email_templates",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    storeId: integer("store_id")
      .notNull()
      .references(() => stores.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    subject: text("subject").notNull(),
    html: text("html").notNull().default(""),
    text: text("text").notNull().default(""),
    /** The store's shipment notification: sent to the customer when a shipment is added. */
    notifyOnShipment: boolean("notify_on_shipment").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("email_templates_store_name_unique").on(t.storeId, sql`lower(${t.name})`),
    uniqueIndex("email_templates_one_shipment_notice").on(t.storeId).where(sql`${t.notifyOnShipment}`),
  ],
);

export type ImportTemplate = typeof importTemplates.$inferSelect;
export type ImportRun = typeof importRuns.$inferSelect;
export type ImportRemoteFile = typeof importRemoteFiles.$inferSelect;
export type ExportTemplate = typeof exportTemplates.$inferSelect;
export type ExportRun = typeof exportRuns.$inferSelect;
export type EmailTemplate = typeof emailTemplates.$inferSelect;
