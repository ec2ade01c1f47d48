import { sql } from "drizzle-orm";
import { bigint, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { stores } from "./stores";

/**
 * Transactional outbox: a state change and the event announcing it commit together; the
 * dispatcher delivers rows later and retries the undelivered ones, also after a restart.
 */
export const outboxEvents = pgTable(
  "outbox_events",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    /** Idempotency key for consumers (Inngest event id). */
    eventId: uuid("event_id").notNull().unique().defaultRandom(),
    storeId: integer("store_id")
      .notNull()
      .references(() => stores.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    lastError: text("last_error"),
  },
  (t) => [
    index("outbox_events_pending_idx").on(t.nextAttemptAt, t.id).where(sql`${t.deliveredAt} is null`),
    index("outbox_events_store_idx").on(t.storeId, t.id),
  ],
);

export type OutboxEvent = typeof outboxEvents.$inferSelect;
