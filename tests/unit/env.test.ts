import { describe, expect, it } from "vitest";
import { databaseTarget, parseEnv, usesEmbeddedDatabase, usesInngest } from "@/server/env";

function parseError(source: Record<string, string | undefined>): string {
  try {
    parseEnv(source);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`parseEnv accepted ${JSON.stringify(source)}`);
}

describe("parseEnv", () => {
  it("fills in defaults for an empty environment", () => {
    expect(parseEnv({})).toEqual({
      NODE_ENV: "development",
      PGLITE_DIR: "./.data/pglite",
      PORT: 3000,
      HOST: "0.0.0.0",
      LOG_LEVEL: "info",
      SEED_DEMO: true,
      SHUTDOWN_TIMEOUT_SECONDS: 20,
      WEBHOOK_ALLOWED_HOSTS: [],
      JOB_LEASE_SECONDS: 300,
      IMPORT_MAX_MB: 100,
      MAIL_FROM: "Switchyard <no-reply@switchyard.local>",
      INNGEST_DEV: false,
    });
  });

  it("reads the webhook allow-list as lower-cased host names and tells when jobs go to Inngest", () => {
    const env = parseEnv({ WEBHOOK_ALLOWED_HOSTS: " ERP.internal, 127.0.0.1 ,", INNGEST_BASE_URL: "http://inngest:8288" });
    expect(env.WEBHOOK_ALLOWED_HOSTS).toEqual(["erp.internal", "127.0.0.1"]);
    expect(usesInngest(env)).toBe(true);
    expect(usesInngest(parseEnv({}))).toBe(false);
  });

  it("reads and coerces given values", () => {
    const env = parseEnv({
      NODE_ENV: "production",
      DATABASE_URL: "postgresql://app:secret@db.internal:5432/switchyard",
      NEXTAUTH_SECRET: "s".repeat(32),
      NEXTAUTH_URL: "https://orders.example.com",
      PORT: "8080",
      LOG_LEVEL: "warn",
      SHUTDOWN_TIMEOUT_SECONDS: "2.5",
      UNRELATED: "ignored",
    });
    expect(env).toMatchObject({
      NODE_ENV: "production",
      DATABASE_URL: "postgresql://app:secret@db.internal:5432/switchyard",
      PORT: 8080,
      LOG_LEVEL: "warn",
      SHUTDOWN_TIMEOUT_SECONDS: 2.5,
    });
    expect(env).not.toHaveProperty("UNRELATED");
  });

  it("treats empty variables as unset", () => {
    const env = parseEnv({ DATABASE_URL: "", PORT: "", SEED_DEMO: "", NEXTAUTH_SECRET: "", LOG_LEVEL: "" });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.NEXTAUTH_SECRET).toBeUndefined();
    expect(env).toMatchObject({ PORT: 3000, SEED_DEMO: true, LOG_LEVEL: "info" });
    expect(usesEmbeddedDatabase(env)).toBe(true);
  });

  it.each([
    ["false", false],
    ["0", false],
    ["no", false],
    ["off", false],
    ["true", true],
    ["1", true],
    ["yes", true],
  ])("SEED_DEMO=%j -> %s", (value, expected) => {
    expect(parseEnv({ SEED_DEMO: value }).SEED_DEMO).toBe(expected);
  });

  it.each([
    { variable: "DATABASE_URL", value: "mysql://root@localhost/switchyard" },
    { variable: "DATABASE_URL", value: "not a url" },
    { variable: "DATABASE_URL", value: "localhost:5432/switchyard" },
    { variable: "PORT", value: "eighty" },
    { variable: "PORT", value: "70000" },
    { variable: "PORT", value: "0" },
    { variable: "LOG_LEVEL", value: "verbose" },
    { variable: "NODE_ENV", value: "staging" },
    { variable: "SEED_DEMO", value: "maybe" },
    { variable: "NEXTAUTH_SECRET", value: "too-short" },
    { variable: "SHUTDOWN_TIMEOUT_SECONDS", value: "-1" },
  ])("rejects $variable=$value with a message naming the variable", ({ variable, value }) => {
    const message = parseError({ [variable]: value });
    expect(message).toMatch(/^Invalid environment configuration:\n/);
    expect(message).toMatch(new RegExp(`^  ${variable}: \\S.*$`, "m"));
    // Secrets and URLs are not echoed back into logs.
    if (value.length > 3) expect(message).not.toContain(value);
  });

  it("lists every invalid variable, one per line", () => {
    const message = parseError({ DATABASE_URL: "mysql://x", PORT: "x" });
    const lines = message.split("\n").slice(1);
    expect(lines.map((l) => l.trim().split(":")[0]).sort()).toEqual(["DATABASE_URL", "PORT"]);
  });
});

describe("databaseTarget", () => {
  it.each([
    { env: {}, target: { pgliteDir: "./.data/pglite" }, embedded: true },
    { env: { PGLITE_DIR: "/var/lib/switchyard" }, target: { pgliteDir: "/var/lib/switchyard" }, embedded: true },
    {
      env: { DATABASE_URL: "postgres://postgres@127.0.0.1:5432/app", PGLITE_DIR: "/ignored" },
      target: { url: "postgres://postgres@127.0.0.1:5432/app" },
      embedded: false,
    },
  ])("$env -> $target", ({ env, target, embedded }) => {
    const config = parseEnv(env);
    expect(databaseTarget(config)).toEqual(target);
    expect(usesEmbeddedDatabase(config)).toBe(embedded);
  });
});
