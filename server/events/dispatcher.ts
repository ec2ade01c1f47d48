import { and, asc, eq, inArray, isNull, lte, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { outboxEvents, type OutboxEvent } from "@/db/schema";
import type { Logger } from "@/server/logger";
import { outboxSignal } from "./outbox";

export type Deliver = (event: OutboxEvent) => Promise<void>;

const BATCH = 100;
const LEASE_SECONDS = 300;
/** After an enqueue: long enough for its transaction to commit, short enough to feel instant. */
const WAKE_DELAY_MS = 15;
/** 1 s, 2 s, 4 s ... capped at 10 minutes. */
const backoffMs = (attempts: number) => Math.min(1000 * 2 ** Math.max(0, attempts - 1), 600_000);

/**
 * Delivers outbox rows in order and marks them delivered; a failed delivery is retried with
 * backoff. Rows survive restarts, so whatever was committed but not delivered goes out later.
 */
export class OutboxDispatcher {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  private halt: (() => void) | undefined;

  constructor(
    private readonly db: Database,
    private readonly deliver: Deliver,
    private readonly options: { pollMs?: number; log?: Logger } = {},
  ) {}

  start() {
    const poll = this.options.pollMs ?? 1000;
    let stopped = false;
    let wakePending = false;
    const schedule = (ms: number) => {
      clearTimeout(this.timer);
      if (!stopped) this.timer = setTimeout(tick, ms);
    };
    const tick = async () => {
      wakePending = false;
      await this.drain().catch((error: unknown) => this.options.log?.error({ err: error }, "outbox drain failed"));
      if (!wakePending) schedule(outboxSignal.pending ? 50 : poll);
    };
    schedule(0);
    // One wake at a time: a burst of enqueues must not keep pushing the drain back.
    outboxSignal.wake = () => {
      if (wakePending) return;
      wakePending = true;
      schedule(WAKE_DELAY_MS);
    };
    this.halt = () => {
      stopped = true;
      outboxSignal.wake = undefined;
      clearTimeout(this.timer);
    };
  }

  async stop() {
    this.halt?.();
    await this.running;
  }

  /** Delivers every due row now; returns how many were delivered. One drain at a time. */
  drain(): Promise<number> {
    this.running ??= this.drainOnce().finally(() => (this.running = undefined));
    return this.running;
  }

  private async drainOnce(): Promise<number> {
    outboxSignal.pending = false;
    let delivered = 0;
    for (;;) {
      // Claim a batch with a lease, so several servers on one PostgreSQL never deliver the same
      // row twice at once; a server that dies mid-batch leaves rows that are due again after it.
      const claimed = await this.db
        .update(outboxEvents)
        .set({ nextAttemptAt: sql`now() + interval '${sql.raw(String(LEASE_SECONDS))} seconds'` })
        .where(
          inArray(
            outboxEvents.id,
            this.db
              .select({ id: outboxEvents.id })
              .from(outboxEvents)
              .where(and(isNull(outboxEvents.deliveredAt), lte(outboxEvents.nextAttemptAt, sql`now()`)))
              .orderBy(asc(outboxEvents.id))
              .limit(BATCH)
              .for("update", { skipLocked: true }),
          ),
        )
        .returning();
      const due = claimed.sort((a, b) => a.id - b.id);
      if (due.length === 0) return delivered;
      // Marked delivered per batch, not per event: one write instead of a hundred. A crash in
      // between re-delivers the batch, which consumers absorb (they are idempotent on event id).
      const succeeded: number[] = [];
      for (const event of due) {
        try {
          await this.deliver(event);
          succeeded.push(event.id);
        } catch (error) {
          const attempts = event.attempts + 1;
          this.options.log?.warn({ err: error, eventId: event.eventId, name: event.name, attempts }, "outbox delivery failed");
          await this.db
            .update(outboxEvents)
            .set({
              attempts,
              lastError: error instanceof Error ? error.message : String(error),
              nextAttemptAt: sql`now() + ${`${backoffMs(attempts)} milliseconds`}::interval`,
            })
            .where(eq(outboxEvents.id, event.id));
        }
      }
      if (succeeded.length > 0) {
        await this.db.update(outboxEvents).set({ deliveredAt: new Date(), lastError: null }).where(inArray(outboxEvents.id, succeeded));
        delivered += succeeded.length;
      }
      if (due.length < BATCH) return delivered;
    }
  }
}
