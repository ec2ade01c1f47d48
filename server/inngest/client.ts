import { Inngest } from "inngest";
import { env } from "@/server/env";

/**
 * The Inngest client. Checkpointing is off so Inngest drives every step over /api/inngest (the
 * classic protocol the contract test exercises), the same step-by-step shape as the embedded engine.
 */
export const inngest = new Inngest({
  id: "switchyard",
  eventKey: env.INNGEST_EVENT_KEY,
  signingKey: env.INNGEST_SIGNING_KEY,
  baseUrl: env.INNGEST_BASE_URL,
  isDev: env.INNGEST_DEV,
  checkpointing: false,
});
