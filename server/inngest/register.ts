import { inngest } from "./client";
import { getDb } from "@/server/db";
import { createJobDefinitions } from "./functions";
import type { JobDefinition, JobStep } from "./types";

type InngestRetries = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12 | 13 | 14 | 15 | 16 | 17 | 18 | 19 | 20;

/**
 * Each job definition as a real Inngest function: the same triggers (events and crons), the same
 * retries, and one run at a time per store, as the embedded engine does. Served at /api/inngest.
 */
function toInngestFunction(definition: JobDefinition) {
  const byEvent = definition.triggers.some((t) => "event" in t);
  return inngest.createFunction(
    {
      id: definition.id,
      name: definition.name,
      triggers: definition.triggers as ({ event: string } | { cron: string })[],
      retries: definition.retries as InngestRetries,
      ...(byEvent ? { concurrency: [{ key: "event.data.storeId", limit: 1 }] } : {}),
    },
    async ({ event, step, attempt, runId }) => {
      const jobStep: JobStep = {
        run: (id, fn) => step.run(id, fn) as never,
        sleep: (id, duration) => step.sleep(id, duration as never),
        sendEvent: (id, events) => step.sendEvent(id, events as never),
      };
      return definition.handler({
        event: { id: event.id ?? runId, name: event.name, data: (event.data ?? {}) as Record<string, unknown>, ts: event.ts ?? Date.now() },
        step: jobStep,
        attempt,
        runId,
      });
    },
  );
}

export const toInngestFunctions = (definitions: readonly JobDefinition[]) => definitions.map(toInngestFunction);

export const inngestFunctions = toInngestFunctions(createJobDefinitions({ db: getDb }));
