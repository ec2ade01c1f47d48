import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

/**
 * Secrets at rest (FTP/SFTP passwords, cart tokens): AES-256-GCM, so a tampered value fails to
 * open instead of decrypting to garbage. Stored as "v1.<iv>.<tag>.<ciphertext>" (base64url); the
 * version lets the key or cipher change later without guessing.
 */
const VERSION = "v1";

function secretsKey(): Buffer {
  const configured = process.env.SECRETS_KEY;
  if (configured) return Buffer.from(configured, "base64");
  const serverSecret = process.env.NEXTAUTH_SECRET;
  if (!serverSecret) throw new Error("Neither SECRETS_KEY nor NEXTAUTH_SECRET is set; secrets cannot be stored.");
  return Buffer.from(hkdfSync("sha256", serverSecret, "switchyard", "secrets:v1", 32));
}

export function sealSecret(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", secretsKey(), iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), body].map((p) => (typeof p === "string" ? p : p.toString("base64url"))).join(".");
}

export function openSecret(sealed: string): string {
  const [version, iv, tag, body] = sealed.split(".");
  if (version !== VERSION || iv === undefined || tag === undefined || body === undefined) throw new Error("Not a sealed secret.");
  const decipher = createDecipheriv("aes-256-gcm", secretsKey(), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  try {
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
  } catch (cause) {
    throw new Error("A stored secret cannot be decrypted: SECRETS_KEY (or NEXTAUTH_SECRET) changed since it was saved.", { cause });
  }
}

export const isSealedSecret = (value: string) => value.startsWith(`${VERSION}.`) && value.split(".").length === 4;
