import { TRPCClientError } from "@trpc/client";
import { fieldErrors, formError } from "@/components/ui/errors";

/**
 * Server messages keyed by the full field path ("patch.shipping.city", "item.price").
 * The server's fieldErrors are keyed by the top-level input key only ("patch"), so for nested
 * inputs the paths are read from the validation issues tRPC sends as the error message.
 */
export function errorsByPath(error: unknown): Record<string, string> {
  const byPath: Record<string, string> = {};
  if (!(error instanceof TRPCClientError)) return byPath;
  if (error.data?.code === "BAD_REQUEST") {
    try {
      const issues = JSON.parse(error.message) as { path?: unknown[]; message?: string }[];
      if (Array.isArray(issues)) {
        for (const issue of issues) {
          const path = (issue.path ?? []).join(".");
          if (issue.message && !(path in byPath)) byPath[path] = issue.message;
        }
      }
    } catch {
      // Not a validation issue list: a domain error, handled below.
    }
  }
  // The top-level summary ("patch") repeats the issues already read with their full paths.
  const paths = Object.keys(byPath);
  for (const [key, message] of Object.entries(fieldErrors(error))) {
    if (message && !paths.some((path) => path === key || path.startsWith(`${key}.`))) byPath[key] = message;
  }
  return byPath;
}

/**
 * Errors for one form: `field(path)` for the inputs it renders (paths relative to `prefix`),
 * and `form` for whatever no input of the form shows, so no message is lost.
 */
export function formErrors(error: unknown, prefix: string, fields: readonly string[]) {
  const byPath = errorsByPath(error);
  const relative = (path: string) => (prefix && path.startsWith(`${prefix}.`) ? path.slice(prefix.length + 1) : path);
  const own: Record<string, string> = {};
  const rest: string[] = [];
  for (const [path, message] of Object.entries(byPath)) {
    const key = relative(path);
    // A domain error names the bare field ("source_id"); a validation issue its full path.
    if (fields.includes(key)) own[key] = message;
    else rest.push(path && path !== prefix ? `${key}: ${message}` : message);
  }
  const general = Object.keys(byPath).length === 0 ? formError(error) : rest.length ? rest.join(" · ") : undefined;
  return { field: (name: string) => own[name], form: general };
}
