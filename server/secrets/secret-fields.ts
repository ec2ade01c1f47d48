import { openSecret, sealSecret } from "./secret-box";

/**
 * Connection settings kept as JSON with some fields secret (passwords, private keys): sealed
 * before they are stored, opened only for the transports, and never sent back to the browser.
 */
const hasValue = (settings: Record<string, unknown>, field: string) => typeof settings[field] === "string" && settings[field] !== "";

/** Seals given secrets; an empty one keeps the stored secret when the kind (ftp, sftp...) is the same. */
export function sealSecretFields(next: Record<string, unknown>, fields: readonly string[], previous?: Record<string, unknown> | null): Record<string, unknown> {
  const out = { ...next };
  for (const field of fields) {
    if (hasValue(out, field)) out[field] = sealSecret(String(out[field]));
    else if (previous && previous.kind === next.kind && hasValue(previous, field)) out[field] = previous[field];
    else delete out[field];
  }
  return out;
}

/** The settings with their secrets opened, for the transports only. */
export function openSecretFields(stored: Record<string, unknown>, fields: readonly string[]): Record<string, unknown> {
  const out = { ...stored };
  for (const field of fields) if (hasValue(out, field)) out[field] = openSecret(String(out[field]));
  return out;
}

/** The settings as the UI sees them: secrets removed, and whether each one is stored. */
export function redactSecretFields<F extends string>(stored: Record<string, unknown>, fields: readonly F[]) {
  const settings = { ...stored };
  const storedSecrets: Partial<Record<F, boolean>> = {};
  for (const field of fields) {
    storedSecrets[field] = hasValue(settings, field);
    delete settings[field];
  }
  return { settings, storedSecrets };
}
