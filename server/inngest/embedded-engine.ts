import { CronExpressionParser } from "cron-parser";
import { and, eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { rowsOf } from "@/db/json-insert";
import { jobRuns, jobSteps, type JobRun } from "@/db/schema";
import { enqueueEvents } from "@/server/events/outbox";
import type { Logger } from "@/server/logger";
import { durationMs, type JobDefinition, type JobEvent, type JobStep, type SendableEvent } from "./types";

/** Any number; it names the lock that makes claiming (and so per-store concurrency) exact across servers. */
const CLAIM_LOCK = 7_714_001;
/** 1 s, 2 s, 4 s ... capped at 10 minutes, like the outbox. */
const backoffMs = (attempts: number) => Math.min(1000 * 2 ** Math.max(0, attempts - 1), 600_000);

/** Thrown inside a run to park it until a sleep's wake-up time; not an error. */
class Parked {
  constructor(readonly until: Date) {}
}

const toJson = (value: unknown) => (value === undefined ? null : (JSON.parse(JSON.stringify(value)) as unknown));

/**
 * The single-machine engine (no Inngest configured): runs the same job definitions with Inngest's
 * step semantics, kept in the database. A completed step's output is stored and replayed, so a
 * retry or a restart resumes after the last completed step; a failure retries the run with
 * backoff; a sleep parks the run until its time; runs of one store execute one at a time; cron
 * triggers enqueue one run per minute slot. Deliberately small: Inngest is the scale-out path.
 */
export class EmbeddedEngine {
  private timer: NodeJS.Timeout | undefined;
  private draining: Promise<number> | undefined;
  private lastCronMinute = 0;
  private stopped = false;

  constructor(
    private readonly db: Database,
    private readonly definitions: readonly JobDefinition[],
    private readonly options: { log?: Logger; pollMs?: number; leaseMs?: number; now?: () => Date } = {},
  ) {}

  private get leaseMs() {
    return this.options.leaseMs ?? 5 * 60_000;
  }

  private now() {
    return this.options.now?.() ?? new Date();
  }

  /** One run per function triggered by this event; a repeat of the same event id adds nothing. */
  async enqueue(event: JobEvent, storeId: number) {
    const runs = this.definitions
      .filter((d) => d.triggers.some((t) => "event" in t && t.event === event.name))
      .map((d) => ({ functionId: d.id, eventId: event.id, concurrencyKey: `store:${storeId}`, event: { name: event.name, data: event.data, ts: event.ts }, runAt: this.now() }));
    if (runs.length > 0) await this.db.insert(jobRuns).values(runs).onConflictDoNothing();
    this.wake();
  }

  start() {
    const poll = this.options.pollMs ?? 500;
    const tick = async () => {
      await this.enqueueCron().catch((error: unknown) => this.options.log?.error({ err: error }, "cron enqueue failed"));
      await this.drain().catch((error: unknown) => this.options.log?.error({ err: error }, "job drain failed"));
      if (!this.stopped) this.timer = setTimeout(tick, poll);
    };
    this.timer = setTimeout(tick, 0);
  }

  async stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.draining;
  }

  private wake() {
    if (this.stopped || !this.timer) return;
    void this.drain().catch((error: unknown) => this.options.log?.error({ err: error }, "job drain failed"));
  }

  /** Runs every due run until none is left; returns how many executions happened. */
  drain(): Promise<number> {
    this.draining ??= (async () => {
      let executed = 0;
      for (let run = await this.claim(); run; run = await this.claim()) {
        await this.execute(run);
        executed += 1;
      }
      return executed;
    })().finally(() => (this.draining = undefined));
    return this.draining;
  }

  /** Cron functions: one run per due minute, keyed by the minute, so two servers enqueue it once. */
  async enqueueCron() {
    const now = this.now();
    const minute = Math.floor(now.getTime() / 60_000) * 60_000;
    if (minute === this.lastCronMinute) return;
    const since = new Date(this.lastCronMinute || minute - 1);
    this.lastCronMinute = minute;
    for (const definition of this.definitions) {
      for (const trigger of definition.triggers) {
        if (!("cron" in trigger)) continue;
        const next = CronExpressionParser.parse(trigger.cron, { currentDate: since, tz: "UTC" }).next().toDate();
        if (next.getTime() > now.getTime()) continue;
        const slot = next.toISOString();
        await this.db
          .insert(jobRuns)
          .values({ functionId: definition.id, eventId: `cron:${slot}`, concurrencyKey: `cron:${definition.id}`, event: { name: "inngest/scheduled.timer", data: { cron: trigger.cron, slot }, ts: next.getTime() }, runAt: next })
          .onConflictDoNothing();
      }
    }
  }

  /**
   * The oldest due run of this engine's functions whose concurrency key has no other live run; also
   * a run whose server died (lease passed). Claims take one advisory lock so two servers cannot both start a store's run.
   */
  private async claim(): Promise<JobRun | undefined> {
    return this.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${CLAIM_LOCK})`);
      const now = this.now().toISOString();
      const rows = rowsOf<{ id: number | string }>(
        await tx.execute(sql`
          select r.id from ${jobRuns} r
          where r.function_id in (${sql.join(this.definitions.map((d) => sql`${d.id}`), sql`, `)})
            and r.status in ('queued', 'running') and r.run_at <= ${now}::timestamptz
            and (r.status = 'queued' or r.lease_until < ${now}::timestamptz)
            and not exists (
              select 1 from ${jobRuns} x
              where x.concurrency_key = r.concurrency_key and x.id <> r.id
                and x.status = 'running' and x.lease_until >= ${now}::timestamptz)
          order by r.run_at, r.id
          limit 1`),
      );
      if (rows.length === 0) return undefined;
      const [claimed] = await tx
        .update(jobRuns)
        .set({ status: "running", leaseUntil: new Date(this.now().getTime() + this.leaseMs) })
        .where(eq(jobRuns.id, Number(rows[0]!.id)))
        .returning();
      return claimed;
    });
  }

  private async execute(run: JobRun) {
    const definition = this.definitions.find((d) => d.id === run.functionId)!;
    const done = new Map((await this.db.select().from(jobSteps).where(eq(jobSteps.runId, run.id))).map((s) => [s.stepId, s.output]));
    const seen = new Set<string>();
    const once = (id: string) => {
      if (seen.has(id)) throw new Error(`Step id "${id}" is used twice in one run of ${definition.id}.`);
      seen.add(id);
    };
    const record = async (id: string, output: unknown) => {
      await this.db.insert(jobSteps).values({ runId: run.id, stepId: id, output }).onConflictDoNothing();
      await this.db.update(jobRuns).set({ leaseUntil: new Date(this.now().getTime() + this.leaseMs) }).where(eq(jobRuns.id, run.id));
      done.set(id, output);
    };
    const step: JobStep = {
      run: async <T>(id: string, fn: () => Promise<T> | T) => {
        once(id);
        if (done.has(id)) return done.get(id) as T;
        const output = toJson(await fn());
        await record(id, output);
        return output as T;
      },
      sleep: async (id, duration) => {
        once(id);
        const until = done.has(id) ? new Date(String(done.get(id))) : new Date(this.now().getTime() + durationMs(duration));
        if (!done.has(id)) await record(id, until.toISOString());
        if (until.getTime() > this.now().getTime()) throw new Parked(until);
      },
      sendEvent: async (id, events) => {
        const list: SendableEvent[] = Array.isArray(events) ? events : [events];
        return step.run(id, async () => {
          await this.db.transaction(async (tx) => {
            for (const e of list) await enqueueEvents(tx, e.data.storeId, e.name, [e.data]);
          });
          return { sent: list.length };
        });
      },
    };

    try {
      const result = await definition.handler({ event: { id: run.eventId, ...run.event }, step, attempt: run.attempts, runId: String(run.id) });
      await this.finish(run.id, { status: "completed", result: toJson(result), finishedAt: this.now(), lastError: null });
    } catch (error) {
      if (error instanceof Parked) {
        await this.finish(run.id, { status: "queued", runAt: error.until });
        return;
      }
      const attempts = run.attempts + 1;
      const message = error instanceof Error ? error.message : String(error);
      this.options.log?.warn({ err: error, runId: run.id, functionId: run.functionId, attempts }, "job attempt failed");
      await this.finish(
        run.id,
        attempts > definition.retries
          ? { status: "failed", attempts, lastError: message, finishedAt: this.now() }
          : { status: "queued", attempts, lastError: message, runAt: new Date(this.now().getTime() + backoffMs(attempts)) },
      );
    }
  }

  private async finish(runId: number, changes: Partial<typeof jobRuns.$inferInsert>) {
    await this.db
      .update(jobRuns)
      .set({ ...changes, leaseUntil: null })
      .where(and(eq(jobRuns.id, runId), eq(jobRuns.status, "running")));
  }
}
