import { sql } from "drizzle-orm";
import { bigint, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

/**
 * The embedded engine's runs (used when no Inngest is configured): one row per function per
 * event, idempotent on (function, event id). Sleeps and retries are a later `run_at`; a claimed
 * run holds a lease, so a run whose server died is picked up again once the lease has passed.
 */
export const jobRuns = pgTable(
  "job_runs",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    functionId: text("function_id").notNull(),
    eventId: text("event_id").notNull(),
    /** Runs of one store execute one at a time (the Inngest functions' concurrency key). */
    concurrencyKey: text("concurrency_key").notNull(),
    event: jsonb("event").$type<{ name: string; data: Record<string, unknown>; ts: number }>().notNull(),
    status: text("status").$type<"queued" | "running" | "completed" | "failed">().notNull().default("queued"),
    attempts: integer("attempts").notNull().default(0),
    runAt: timestamp("run_at", { withTimezone: true }).notNull().defaultNow(),
    leaseUntil: timestamp("lease_until", { withTimezone: true }),
    lastError: text("last_error"),
    result: jsonb("result").$type<unknown>(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("job_runs_function_event_unique").on(t.functionId, t.eventId),
    index("job_runs_due_idx").on(t.runAt, t.id).where(sql`${t.status} in ('queued', 'running')`),
  ],
);

/** Completed steps of a run, memoized: a retried or resumed run replays them instead of redoing them. */
export const jobSteps = pgTable(
  "job_steps",
  {
    runId: bigint("run_id", { mode: "number" })
      .notNull()
      .references(() => jobRuns.id, { onDelete: "cascade" }),
    stepId: text("step_id").notNull(),
    output: jsonb("output").$type<unknown>(),
    completedAt: timestamp("completed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.stepId] })],
);

export type JobRun = typeof jobRuns.$inferSelect;
