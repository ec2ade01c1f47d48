// tRPC endpoint for the web UI; the session decides who calls, storeProcedure decides where.
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { currentUserId } from "@/server/auth/session";
import { getDb } from "@/server/db";
import { logger } from "@/server/logger";
import { appRouter } from "@/server/trpc/root";

const handler = (req: Request) =>
  fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: async () => {
      const requestId = req.headers.get("x-request-id") ?? crypto.randomUUID();
      return { db: await getDb(), userId: await currentUserId(), requestId, log: logger.child({ requestId }) };
    },
  });

export { handler as GET, handler as POST };
