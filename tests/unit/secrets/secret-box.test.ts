import { afterEach, describe, expect, it } from "vitest";
import { isSealedSecret, openSecret, sealSecret } from "@/server/secrets/secret-box";

describe("secret box", () => {
  const saved = process.env.SECRETS_KEY;
  afterEach(() => {
    if (saved === undefined) delete process.env.SECRETS_KEY;
    else process.env.SECRETS_KEY = saved;
  });

  it("round-trips, never stores the plain text, and uses a fresh IV each time", () => {
    const a = sealSecret("ftp-pässword");
    const b = sealSecret("ftp-pässword");
    expect(a).not.toContain("ftp");
    expect(a).not.toBe(b);
    expect(isSealedSecret(a)).toBe(true);
    expect(openSecret(a)).toBe("ftp-pässword");
  });

  it("refuses a tampered value and a value sealed under another key", () => {
    const sealed = sealSecret("secret");
    const parts = sealed.split(".");
    parts[3] = Buffer.from("garbage").toString("base64url");
    expect(() => openSecret(parts.join("."))).toThrow(/cannot be decrypted/);
    process.env.SECRETS_KEY = Buffer.alloc(32, 7).toString("base64");
    expect(() => openSecret(sealed)).toThrow(/SECRETS_KEY/);
    expect(() => openSecret("plain")).toThrow(/Not a sealed secret/);
  });
});
