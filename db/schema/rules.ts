import { bigint, boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { stores } from "./stores";
import { users } from "./users";

/**
 * A user's rule library: rules kept on the account (not in a store) and applied to any store the
 * user manages. `folderNames` maps the folder ids the graph names to their names in the source
 * store, so applying remaps them by name to the target store's folders.
 */
export const libraryRules = pgTable(
  "library_rules",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    ownerUserId: integer("owner_user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    graph: jsonb("graph").$type<unknown>().notNull(),
    folderNames: jsonb("folder_names").$type<Record<string, string>>().notNull().default({}),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("library_rules_owner_idx").on(t.ownerUserId)],
);

/**
 * A store's rules, in their run order. The editor's graph and the DSL compiled from it are both
 * kept (the DSL is what runs; the graph is what the editor reopens); every save is a version.
 */
export const rules = pgTable(
  "rules",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    storeId: integer("store_id")
      .notNull()
      .references(() => stores.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    enabled: boolean("enabled").notNull().default(false),
    position: integer("position").notNull(),
    /** The DSL trigger kind, so an event loads only the rules it can fire. */
    triggerKind: text("trigger_kind").notNull(),
    version: integer("version").notNull().default(1),
    graph: jsonb("graph").$type<unknown>().notNull(),
    dsl: jsonb("dsl").$type<unknown>().notNull(),
    /** Whose access actions that reach other stores (copy/move) are checked against. */
    ownerUserId: integer("owner_user_id").references(() => users.id, { onDelete: "set null" }),
    /** The library rule this rule was applied from (null once that is deleted), and its version then. */
    libraryRuleId: integer("library_rule_id").references(() => libraryRules.id, { onDelete: "set null" }),
    libraryVersion: integer("library_version"),
    /** Edited in the store after it was applied: re-applying the library rule skips it. */
    overridden: boolean("overridden").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("rules_store_position_idx").on(t.storeId, t.position),
    index("rules_store_trigger_idx").on(t.storeId, t.triggerKind),
    index("rules_library_rule_idx").on(t.libraryRuleId),
  ],
);

/** Every saved version of a rule, for the diff and one-click restore. */
export const ruleVersions = pgTable(
  "rule_versions",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    ruleId: integer("rule_id")
      .notNull()
      .references(() => rules.id, { onDelete: "cascade" }),
    storeId: integer("store_id").notNull(),
    version: integer("version").notNull(),
    name: text("name").notNull(),
    graph: jsonb("graph").$type<unknown>().notNull(),
    dsl: jsonb("dsl").$type<unknown>().notNull(),
    savedBy: text("saved_by").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("rule_versions_rule_version_unique").on(t.ruleId, t.version)],
);

/**
 * One evaluation of a store's rules against one order for one event: the trace, the intents and
 * what became of each (applied, skipped as already applied, failed with its error and attempts).
 * Written by the evaluate-rules function in either engine; the order page shows it.
 */
export const ruleRuns = pgTable(
  "rule_runs",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    storeId: integer("store_id")
      .notNull()
      .references(() => stores.id, { onDelete: "cascade" }),
    orderId: bigint("order_id", { mode: "number" }).notNull(),
    eventId: text("event_id").notNull(),
    eventName: text("event_name").notNull(),
    status: text("status").$type<"running" | "completed" | "failed" | "loop_stopped">().notNull(),
    trace: jsonb("trace").$type<unknown[]>().notNull().default([]),
    intents: jsonb("intents").$type<unknown[]>().notNull().default([]),
    results: jsonb("results").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("rule_runs_event_unique").on(t.storeId, t.eventId, t.orderId),
    index("rule_runs_order_idx").on(t.storeId, t.orderId, t.id),
  ],
);

/**
 * Effects already applied, by key (event + intent): applying an intent and recording its key
 * commit together, so a retried or resumed run never applies one twice, in either engine.
 */
export const appliedEffects = pgTable(
  "applied_effects",
  {
    storeId: integer("store_id").notNull(),
    key: text("key").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.key] })],
);

export type Rule = typeof rules.$inferSelect;
export type LibraryRule = typeof libraryRules.$inferSelect;
export type RuleRun = typeof ruleRuns.$inferSelect;
