import { randomBytes } from "node:crypto";
import { renderTemplate, TemplateError } from "@/server/templates/liquid";
import { DeliveryError } from "./errors";

const MAX_NAME = 200;
const FILENAME_LIMITS = { timeoutMs: 500, maxOutputBytes: 64 * 1024 };

/**
 * A name that is safe as one path segment on any server: no slashes, no "..", no control
 * characters, none of the characters Windows servers refuse, no leading dot (hidden files).
 */
export function sanitizeFileName(raw: string): string {
  const cleaned = raw
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f]+/g, "")
    .replace(/[/\\<>:"|?*]+/g, "-")
    .replace(/\.{2,}/g, ".")
    .trim()
    .replace(/^[.\s]+/, "")
    .replace(/[.\s]+$/, "");
  if (cleaned.length <= MAX_NAME) return cleaned;
  // Keep the extension when shortening: "orders-….csv" still opens as a CSV.
  const extension = /\.[A-Za-z0-9]{1,10}$/.exec(cleaned)?.[0] ?? "";
  return cleaned.slice(0, MAX_NAME - extension.length).replace(/[.\s]+$/, "") + extension;
}

/**
 * Renders a file name pattern (Liquid), e.g. "orders-{{ 'now' | local_date: '%Y%m%d-%H%M%S' }}.xml"
 * or "order-{{ order.id }}.xml", then makes the result safe (see sanitizeFileName).
 */
export async function renderFileName(pattern: string, variables: Record<string, unknown>, timezone: string): Promise<string> {
  const rendered = await renderTemplate(pattern, variables, { timezone, limits: FILENAME_LIMITS });
  const name = sanitizeFileName(rendered);
  if (!name) throw new TemplateError(`The file name pattern "${pattern}" gave an empty file name.`);
  return name;
}

/** Refuses a file name that would leave the target directory or that a server may mangle. */
export function assertFileName(fileName: string): void {
  if (!fileName || sanitizeFileName(fileName) !== fileName) {
    throw new DeliveryError(`"${fileName}" cannot be used as a file name (no slashes, "..", control characters or leading dots).`, { retryable: false });
  }
}

/** The name a file is uploaded under before it is renamed into place: hidden, and never matches "*.xml". */
export const temporaryName = (fileName: string) => `.${fileName.slice(0, 200)}.${randomBytes(4).toString("hex")}.part`;
