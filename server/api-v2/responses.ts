import { z } from "zod";
import { DomainError, type DomainErrorCode } from "@/server/errors";

/**
 * The REST API's envelope, shaped like Order Desk's: every body has `status` ("success" or
 * "error") and a `message`; errors name the field they are about.
 */
export type Envelope = { status: "success" | "error"; message: string } & Record<string, unknown>;

/** An error the API layer itself raises (auth, body, routing), with its HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export interface FieldIssue {
  field: string;
  message: string;
}

const fieldOf = (path: readonly PropertyKey[]) => (path.length ? path.map(String).join(".") : "body");

/**
 * A union of accepted shapes (Order Desk sends numbers as strings and vice versa) fails with one
 * issue per branch. Say what the branch of the right type objected to, else which types are accepted.
 */
function unionIssue(issue: z.core.$ZodIssueInvalidUnion): FieldIssue {
  const matchedType = issue.errors.find((branch) => branch.length > 0 && branch.every((i) => i.code !== "invalid_type" || i.path.length > 0));
  const inner = matchedType?.[0];
  if (inner) return { field: fieldOf([...issue.path, ...inner.path]), message: inner.message };
  const types = [...new Set(issue.errors.flat().flatMap((i) => (i.code === "invalid_type" && i.path.length === 0 ? [i.expected] : [])))];
  if (types.length === 0) return { field: fieldOf(issue.path), message: issue.message };
  const list = types.length === 1 ? types[0] : `${types.slice(0, -1).join(", ")} or ${types.at(-1)}`;
  return { field: fieldOf(issue.path), message: `Wrong type: expected ${list}.` };
}

/** Zod issues as `{ field, message }`, one per unknown key, with dotted paths ("order_items.0.quantity"). */
export function fieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.flatMap((issue): FieldIssue[] => {
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => ({ field: fieldOf([...issue.path, key]), message: "Unknown field." }));
    }
    if (issue.code === "invalid_union") return [unionIssue(issue)];
    return [{ field: fieldOf(issue.path), message: issue.message }];
  });
}

const HTTP_STATUS: Record<DomainErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
};

/** PostgreSQL data exceptions (class 22, e.g. numeric overflow) and check violations are bad input, not crashes. */
function postgresInputError(error: unknown): string | undefined {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && (code.startsWith("22") || code === "23514")) return code;
  }
  return undefined;
}

/** Maps any error to the API's answer; `unexpected` is true when it deserves a log line. */
export function errorToResponse(error: unknown): { status: number; body: Envelope; unexpected: boolean } {
  if (error instanceof ApiError) {
    return { status: error.status, body: { status: "error", message: error.message, ...error.extra }, unexpected: false };
  }
  if (error instanceof z.ZodError) {
    const errors = fieldIssues(error).slice(0, 50);
    const first = errors[0] ?? { field: "body", message: "Invalid input." };
    return { status: 400, body: { status: "error", message: `${first.field}: ${first.message}`, field: first.field, errors }, unexpected: false };
  }
  if (error instanceof DomainError) {
    const message = error.field ? `${error.field}: ${error.message}` : error.message;
    return { status: HTTP_STATUS[error.code], body: { status: "error", message, ...(error.field ? { field: error.field } : {}) }, unexpected: false };
  }
  if (postgresInputError(error)) {
    return { status: 400, body: { status: "error", message: "A value is out of range for its field (too large or too long)." }, unexpected: false };
  }
  return {
    status: 500,
    body: { status: "error", message: "Something went wrong on our side. Quote the X-Request-Id header if you contact support." },
    unexpected: true,
  };
}
