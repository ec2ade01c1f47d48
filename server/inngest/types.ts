import type { Database } from "@/db/client";
import type { EventName } from "@/server/events/outbox";

/** What a job receives as its event: the outbox event (id = its idempotency key) with the store in `data`. */
export interface JobEvent {
  id: string;
  name: string;
  data: Record<string, unknown>;
  /** Milliseconds since the epoch when the event was created. */
  ts: number;
}

export interface SendableEvent {
  name: EventName;
  data: Record<string, unknown> & { storeId: number };
}

/**
 * The step interface every job is written against: the subset of Inngest's `step` that both
 * engines implement with the same meaning. A completed `run` is memoized by its id and never
 * executed again for that run (its output comes back as JSON, as from Inngest).
 */
export interface JobStep {
  run<T>(id: string, fn: () => Promise<T> | T): Promise<T>;
  /** Milliseconds, or an Inngest duration string such as "30s", "5m", "2h", "1d". */
  sleep(id: string, duration: number | string): Promise<void>;
  sendEvent(id: string, events: SendableEvent | SendableEvent[]): Promise<unknown>;
}

export interface JobContext {
  event: JobEvent;
  step: JobStep;
  /** 0 on the first attempt. */
  attempt: number;
  runId: string;
}

export type JobTrigger = { event: EventName } | { cron: string };

/** What jobs need from the process: the database the engine (or the Inngest route) runs against. */
export interface JobDeps {
  db(): Promise<Database>;
}

/** An engine-agnostic function: registered with Inngest, or run by the embedded engine. */
export interface JobDefinition {
  id: string;
  name: string;
  triggers: JobTrigger[];
  /** Retries after the first failure (Inngest's `retries`). */
  retries: number;
  handler(context: JobContext): Promise<unknown>;
}

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** "30s" / "5m" / 1500 -> milliseconds. */
export function durationMs(duration: number | string): number {
  if (typeof duration === "number") return duration;
  const match = /^(\d+)(ms|s|m|h|d)$/.exec(duration.trim());
  if (!match) throw new Error(`Unsupported duration "${duration}"`);
  return Number(match[1]) * UNITS[match[2]!]!;
}
