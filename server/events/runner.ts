import type { OutboxEvent } from "@/db/schema";
import type { EventName } from "./outbox";

export type EventHandler = (event: OutboxEvent) => Promise<void>;

/**
 * The in-process runner (embedded default): outbox events are handed to the handlers registered
 * for their name. The rules issue registers the Inngest functions here, and sends to Inngest
 * instead when it is configured.
 */
export class InProcessRunner {
  private readonly handlers = new Map<string, EventHandler[]>();

  on(name: EventName, handler: EventHandler) {
    this.handlers.set(name, [...(this.handlers.get(name) ?? []), handler]);
  }

  /** Delivery succeeds only when every handler succeeds; handlers must be idempotent (event id). */
  readonly deliver = async (event: OutboxEvent) => {
    for (const handler of this.handlers.get(event.name) ?? []) await handler(event);
  };
}
