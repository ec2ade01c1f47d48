// The production (and dev) entry point: migrate, seed, then serve Next.js with request ids and a
// graceful shutdown that lets in-flight requests finish and closes the database cleanly.
import { randomUUID } from "node:crypto";
import next from "next";
import { DatabaseLockedError } from "@/db/pglite-lock";
import { appliedMigration } from "@/db/client";
import { ensureAuthSecret } from "@/server/auth/secret";
import { closeDatabase, getDatabaseHandle } from "@/server/db";
import { env, usesEmbeddedDatabase } from "@/server/env";
import { startEventEngine } from "@/server/events/engine";
import { createGracefulServer } from "@/server/http/graceful";
import { logger } from "@/server/logger";
import { DEMO_LOGIN, DEMO_STORE_USER, seedDemoIfEmpty } from "@/server/seed/demo";

const dev = process.argv.includes("--dev");
const embedded = usesEmbeddedDatabase();
const REQUEST_ID = /^[\w.-]{1,100}$/;

async function main() {
  ensureAuthSecret({ embedded, pgliteDir: env.PGLITE_DIR });
  process.env.NEXTAUTH_URL ??= `http://localhost:${env.PORT}`;

  const handle = await getDatabaseHandle();
  await handle.migrate();
  logger.info({ migration: await appliedMigration(handle.db), database: embedded ? "embedded" : "postgresql" }, "database ready");

  const seeded = env.SEED_DEMO ? await seedDemoIfEmpty(handle.db) : null;
  if (seeded) {
    logger.info({ login: DEMO_LOGIN.email, storeUser: DEMO_STORE_USER.email }, "seeded the demo account");
    console.log(
      `\n  Demo account: ${DEMO_LOGIN.email} / ${DEMO_LOGIN.password}` +
        `\n  Store user:   ${DEMO_STORE_USER.email} / ${DEMO_STORE_USER.password}` +
        `\n  REST API (Acme Prints; this key is shown only now):` +
        `\n    curl -H "ORDERDESK-STORE-ID: ${seeded.apiStoreId}" -H "ORDERDESK-API-KEY: ${seeded.apiKey}" http://localhost:${env.PORT}/api/v2/test\n`,
    );
  }

  // Undelivered outbox events from before a restart go out now.
  const events = startEventEngine(handle.db, logger);

  const app = next({ dev, dir: process.cwd(), hostname: env.HOST, port: env.PORT });
  await app.prepare();
  const handleRequest = app.getRequestHandler();

  const { server, shutdown } = createGracefulServer((req, res) => {
    const incoming = req.headers["x-request-id"];
    const requestId = typeof incoming === "string" && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    req.headers["x-request-id"] = requestId;
    res.setHeader("x-request-id", requestId);
    const started = performance.now();
    res.on("finish", () => {
      const entry = { requestId, method: req.method, url: req.url, status: res.statusCode, ms: Math.round(performance.now() - started) };
      if (req.url?.startsWith("/_next/")) logger.debug(entry, "request");
      else logger.info(entry, "request");
    });
    handleRequest(req, res).catch((error: unknown) => {
      logger.error({ err: error, requestId }, "unhandled request error");
      if (!res.headersSent) res.writeHead(500).end("Internal Server Error");
    });
  }, {
    timeoutMs: env.SHUTDOWN_TIMEOUT_SECONDS * 1000,
    onTimeout: () => logger.warn("shutdown timeout reached; closing remaining connections"),
  });

  server.listen(env.PORT, env.HOST, () => {
    logger.info({ url: `http://localhost:${env.PORT}`, dev }, "Switchyard is listening");
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down: finishing in-flight requests");
    await shutdown();
    await events.stop();
    await app.close().catch(() => {});
    await closeDatabase();
    logger.info("stopped");
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

main().catch(async (error: unknown) => {
  if (error instanceof DatabaseLockedError) {
    console.error(`\n${error.message}\n`);
  } else {
    logger.fatal({ err: error }, "failed to start");
  }
  await closeDatabase().catch(() => {});
  process.exit(1);
});
