import { sql } from "drizzle-orm";
import { boolean, index, integer, pgTable, text, timestamp, unique, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "./users";

export const stores = pgTable(
  "stores",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    ownerUserId: integer("owner_user_id")
      .notNull()
      .references(() => users.id),
    name: text("name").notNull(),
    timezone: text("timezone").notNull().default("UTC"),
    currency: text("currency").notNull().default("USD"),
    archivedAt: timestamp("archived_at", { withTimezone: true }),
    /** Take ordered quantities off inventory stock when an order is created. */
    decrementStockOnOrder: boolean("decrement_stock_on_order").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("stores_owner_idx").on(t.ownerUserId)],
);

/** Who may enter a store. The owner has a row too (role "owner"), so access is one lookup. */
export const storeMembers = pgTable(
  "store_members",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    storeId: integer("store_id")
      .notNull()
      .references(() => stores.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role", { enum: ["owner", "member"] }).notNull(),
    /** Ignored for owners, who hold every permission. */
    permissions: text("permissions").array().notNull().default(sql`'{}'::text[]`),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("store_members_store_user_unique").on(t.storeId, t.userId),
    index("store_members_user_idx").on(t.userId),
  ],
);

/** A person added by email before they had an account; becomes a membership at sign-up. */
export const storeInvitations = pgTable(
  "store_invitations",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    storeId: integer("store_id")
      .notNull()
      .references(() => stores.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    permissions: text("permissions").array().notNull().default(sql`'{}'::text[]`),
    invitedByUserId: integer("invited_by_user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("store_invitations_store_email_unique").on(t.storeId, sql`lower(${t.email})`),
    index("store_invitations_email_idx").on(sql`lower(${t.email})`),
  ],
);

/** Order folders; every order will live in exactly one. Position orders them in the UI. */
export const folders = pgTable(
  "folders",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    storeId: integer("store_id")
      .notNull()
      .references(() => stores.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    position: integer("position").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("folders_store_name_unique").on(t.storeId, sql`lower(${t.name})`)],
);

export type Store = typeof stores.$inferSelect;
export type StoreMember = typeof storeMembers.$inferSelect;
export type Folder = typeof folders.$inferSelect;
