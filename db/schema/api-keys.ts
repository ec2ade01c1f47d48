import { index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { stores } from "./stores";
import { users } from "./users";

/** REST API keys: shown once, stored as a SHA-256 hash (the keys are 256-bit random). */
export const apiKeys = pgTable(
  "api_keys",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    storeId: integer("store_id")
      .notNull()
      .references(() => stores.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** First characters, to tell keys apart in the UI. */
    prefix: text("prefix").notNull(),
    keyHash: text("key_hash").notNull().unique(),
    createdByUserId: integer("created_by_user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [index("api_keys_store_idx").on(t.storeId)],
);

export type ApiKey = typeof apiKeys.$inferSelect;
