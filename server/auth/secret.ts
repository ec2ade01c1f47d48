import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

/**
 * The embedded setup must run with no configuration, so it generates a session secret once and
 * keeps it beside the database. With PostgreSQL (a real deployment) NEXTAUTH_SECRET is required:
 * every server behind the load balancer must share it.
 */
export function ensureAuthSecret(options: { embedded: boolean; pgliteDir: string }): string {
  if (process.env.NEXTAUTH_SECRET) return process.env.NEXTAUTH_SECRET;
  if (!options.embedded) {
    throw new Error("NEXTAUTH_SECRET must be set when DATABASE_URL is set (e.g. `openssl rand -base64 48`).");
  }
  const file = join(dirname(resolve(options.pgliteDir)), "auth-secret");
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(48).toString("base64"), { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  const secret = readFileSync(file, "utf8").trim();
  process.env.NEXTAUTH_SECRET = secret;
  return secret;
}
