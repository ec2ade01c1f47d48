import type { Database } from "@/db/client";
import type { Logger } from "@/server/logger";
import { OutboxDispatcher } from "./dispatcher";
import { InProcessRunner } from "./runner";

/**
 * The process's event engine: outbox rows go to the in-process runner. Consumers register on
 * `runner` at start-up (the rules issue adds Inngest here when it is configured).
 */
export function startEventEngine(db: Database, log: Logger) {
  const runner = new InProcessRunner();
  const dispatcher = new OutboxDispatcher(db, runner.deliver, { log });
  dispatcher.start();
  return { runner, dispatcher, stop: () => dispatcher.stop() };
}
