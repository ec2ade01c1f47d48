import type { Database } from "@/db/client";
import type { OutboxEvent } from "@/db/schema";
import { env, usesInngest } from "@/server/env";
import { inngest } from "@/server/inngest/client";
import { EmbeddedEngine } from "@/server/inngest/embedded-engine";
import { createJobDefinitions } from "@/server/inngest/functions";
import type { JobEvent } from "@/server/inngest/types";
import type { Logger } from "@/server/logger";
import { OutboxDispatcher } from "./dispatcher";

/** An outbox row as the event jobs receive: its id is the idempotency key, the store travels in data. */
export function jobEventOf(row: OutboxEvent): JobEvent {
  return { id: row.eventId, name: row.name, data: { ...row.payload, storeId: row.storeId }, ts: row.createdAt.getTime() };
}

/**
 * The process's event engine. The outbox dispatcher hands each committed event to Inngest when it
 * is configured (Inngest then calls /api/inngest to run the jobs), else to the embedded engine,
 * which runs the very same job definitions here.
 */
export function startEventEngine(db: Database, log: Logger) {
  const embedded = usesInngest() ? undefined : new EmbeddedEngine(db, createJobDefinitions({ db: async () => db }), { log, leaseMs: env.JOB_LEASE_SECONDS * 1000 });
  const deliver = embedded
    ? (row: OutboxEvent) => embedded.enqueue(jobEventOf(row), row.storeId)
    : async (row: OutboxEvent) => {
        await inngest.send(jobEventOf(row));
      };
  const dispatcher = new OutboxDispatcher(db, deliver, { log });
  embedded?.start();
  dispatcher.start();
  return {
    embedded,
    dispatcher,
    stop: async () => {
      await dispatcher.stop();
      await embedded?.stop();
    },
  };
}
