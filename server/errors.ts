/**
 * Errors services throw. `server/trpc` maps the code to a tRPC/HTTP error in one place;
 * `field` lets forms show the message next to the input it is about.
 */
export type DomainErrorCode = "BAD_REQUEST" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "CONFLICT";

export class DomainError extends Error {
  readonly code: DomainErrorCode;
  readonly field?: string;
  /** Several messages at once, keyed like form fields (a rule graph keys them "node:<id>"). */
  readonly fieldErrors?: Record<string, string[]>;

  constructor(code: DomainErrorCode, message: string, options: { field?: string; fieldErrors?: Record<string, string[]>; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = "DomainError";
    this.code = code;
    this.field = options.field;
    this.fieldErrors = options.fieldErrors;
  }
}

export const notFound = (what: string) => new DomainError("NOT_FOUND", `${what} not found.`);

/** PostgreSQL unique_violation, from either driver (postgres.js and PGlite both expose `code`). */
export function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === "23505") return true;
  }
  return false;
}
