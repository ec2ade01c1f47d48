import { z } from "zod";
import type { DatabaseTarget } from "@/db/client";

/** Every setting Switchyard reads, validated once. `.env.example` documents the same list. */
const envSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  /** PostgreSQL connection URL. Unset: the embedded PGlite database in PGLITE_DIR. */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  PGLITE_DIR: z.string().min(1).default("./.data/pglite"),
  /** Signs session cookies. Unset with the embedded database: generated once into .data/. */
  NEXTAUTH_SECRET: z.string().min(32).optional(),
  NEXTAUTH_URL: z.url().optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Seed the demo account into an empty database on start. */
  SEED_DEMO: z.stringbool().default(true),
  /** Seconds to let in-flight requests finish on SIGTERM before closing anyway. */
  SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().min(0).default(20),
  /** REST API leaky bucket per store: requests allowed in a burst (unset: 20, as Order Desk). */
  RATE_LIMIT_BURST: z.coerce.number().int().min(1).max(1_000_000).optional(),
  /** REST API leaky bucket per store: requests per second it refills (unset: 3, as Order Desk). */
  RATE_LIMIT_PER_SECOND: z.coerce.number().positive().max(1_000_000).optional(),
  /** Inngest Cloud: events go to Inngest, which calls /api/inngest to run the jobs. Unset: the embedded engine runs them. */
  INNGEST_EVENT_KEY: z.string().min(1).optional(),
  /** Verifies Inngest's calls to /api/inngest (required in cloud mode). */
  INNGEST_SIGNING_KEY: z.string().min(1).optional(),
  /** A self-hosted Inngest server (e.g. http://inngest:8288); also switches jobs to Inngest. */
  INNGEST_BASE_URL: z.url().optional(),
  /** Hosts webhooks and FTP/SFTP exports may reach although they resolve to a private address (comma-separated, e.g. an intranet ERP). */
  WEBHOOK_ALLOWED_HOSTS: z
    .string()
    .default("")
    .transform((v) => v.split(",").map((h) => h.trim().toLowerCase()).filter(Boolean)),
  /** Embedded engine: how long a claimed run is held; a run whose server died is resumed after it. */
  JOB_LEASE_SECONDS: z.coerce.number().int().min(1).max(86_400).default(300),
  /**
   * Encrypts stored secrets (FTP/SFTP passwords, cart tokens): 32 bytes, base64. Unset: derived
   * from NEXTAUTH_SECRET, so rotating that secret makes stored secrets unreadable.
   */
  SECRETS_KEY: z
    .string()
    .refine((v) => Buffer.from(v, "base64").length === 32, "Expected 32 bytes in base64 (e.g. `openssl rand -base64 32`).")
    .optional(),
  /** Where mail leaves: smtp://user:pass@host:587 or smtps://... Unset: email delivery is refused with a clear message. */
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  /** The sender of every email (a store's reply-to is its own). */
  MAIL_FROM: z.string().min(3).default("Switchyard <no-reply@switchyard.local>"),
  /** Largest import upload, in megabytes. */
  IMPORT_MAX_MB: z.coerce.number().int().min(1).max(2048).default(100),
  /** Talk to a local Inngest dev server (no signing). */
  INNGEST_DEV: z.stringbool().default(false),
});

export type Env = z.infer<typeof envSchema>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  // An empty variable means "unset" (as in `DATABASE_URL= npm start`).
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ""));
  const result = envSchema.safeParse(present);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment configuration:\n${lines.join("\n")}`);
  }
  return result.data;
}

export const env: Env = parseEnv(process.env);

export function databaseTarget(config: Env = env): DatabaseTarget {
  return config.DATABASE_URL ? { url: config.DATABASE_URL } : { pgliteDir: config.PGLITE_DIR };
}

export const usesEmbeddedDatabase = (config: Env = env) => !config.DATABASE_URL;

/** Jobs run on Inngest (cloud or self-hosted) rather than the embedded engine. */
export const usesInngest = (config: Env = env) => Boolean(config.INNGEST_EVENT_KEY || config.INNGEST_BASE_URL);
