import "server-only";
import { randomUUID } from "node:crypto";
import { headers } from "next/headers";
import { currentUserId } from "@/server/auth/session";
import { getDb } from "@/server/db";
import { logger } from "@/server/logger";
import { createCaller } from "./root";

/** The same procedures, called from server components, with the same checks. */
export async function serverCaller() {
  const requestId = (await headers()).get("x-request-id") ?? randomUUID();
  return createCaller({ db: await getDb(), userId: await currentUserId(), requestId, log: logger.child({ requestId }) });
}
