import type { Database } from "@/db/client";
import type { Logger } from "@/server/logger";

/** Per-request context. `userId` comes from the verified session, nothing else. */
export interface TrpcContext {
  db: Database;
  userId: number | null;
  requestId: string;
  log?: Logger;
}
