import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, numeric, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import type { KeyValues } from "./orders";
import { stores } from "./stores";

export const inventoryItems = pgTable(
  "inventory_items",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    storeId: integer("store_id")
      .notNull()
      .references(() => stores.id, { onDelete: "cascade" }),
    name: text("name").notNull().default(""),
    /** SKU, unique per store (case-insensitive). */
    code: text("code").notNull(),
    price: numeric("price", { precision: 18, scale: 4 }).notNull().default("0"),
    cost: numeric("cost", { precision: 18, scale: 4 }).notNull().default("0"),
    weight: numeric("weight", { precision: 14, scale: 4 }).notNull().default("0"),
    stock: integer("stock").notNull().default(0),
    location: text("location").notNull().default(""),
    metadata: jsonb("metadata").$type<KeyValues>().notNull().default({}),
    updateSource: text("update_source").notNull().default(""),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("inventory_items_store_code_unique").on(t.storeId, sql`lower(${t.code})`),
    index("inventory_items_store_name_idx").on(t.storeId, sql`lower(${t.name}) text_pattern_ops`),
    check("inventory_items_code_not_empty", sql`length(${t.code}) > 0`),
  ],
);

export type InventoryItem = typeof inventoryItems.$inferSelect;
