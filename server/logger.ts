import pino from "pino";
import { env } from "@/server/env";

/** Structured JSON logs on stdout; child loggers carry the request id. */
export const logger = pino({
  level: env.LOG_LEVEL,
  base: { service: "switchyard" },
  timestamp: pino.stdTimeFunctions.isoTime,
  redact: { paths: ["password", "*.password", "req.headers.cookie", "req.headers.authorization"], remove: true },
});

export type Logger = typeof logger;
