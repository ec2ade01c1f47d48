// Serves the job functions to Inngest when it is configured: Inngest registers them and calls back here to run each step.
import { serve } from "inngest/next";
import { usesInngest } from "@/server/env";
import { inngest } from "@/server/inngest/client";
import { inngestFunctions } from "@/server/inngest/register";

const served = serve({ client: inngest, functions: inngestFunctions });

const notConfigured = () =>
  Response.json(
    { message: "Jobs run in the embedded engine. Set INNGEST_EVENT_KEY or INNGEST_BASE_URL (and INNGEST_SIGNING_KEY) to run them on Inngest." },
    { status: 404 },
  );

export const GET = usesInngest() ? served.GET : notConfigured;
export const POST = usesInngest() ? served.POST : notConfigured;
export const PUT = usesInngest() ? served.PUT : notConfigured;
