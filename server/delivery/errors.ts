import type { z } from "zod";
import { DomainError } from "@/server/errors";

/**
 * A delivery that failed, in words the store owner understands. `retryable` says whether trying
 * again later can help (server down, timeout, 4xx reply) or not (wrong password, bad path).
 */
export class DeliveryError extends DomainError {
  readonly retryable: boolean;

  constructor(message: string, options: { retryable: boolean; cause?: unknown; field?: string }) {
    super("BAD_REQUEST", message, { cause: options.cause, field: options.field });
    this.name = "DeliveryError";
    this.retryable = options.retryable;
  }
}

/** Validates a destination config with its schema; problems become one non-retryable message. */
export function parseConfig<S extends z.ZodType>(schema: S, config: unknown, what: string): z.output<S> {
  const result = schema.safeParse(config);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => (i.path.length ? `${i.path.map(String).join(".")}: ${i.message}` : i.message)).join("; ");
  throw new DeliveryError(`The ${what} destination is not set up correctly: ${problems}`, { retryable: false });
}

type ErrorLike = { code?: unknown; message?: unknown; reason?: unknown };

const TLS_CODES = new Set([
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "CERT_HAS_EXPIRED",
  "CERT_NOT_YET_VALID",
  "ERR_TLS_CERT_ALTNAME_INVALID",
  "ERR_SSL_WRONG_VERSION_NUMBER",
]);

/** The first `code` along the cause chain (libraries wrap socket errors). */
export function errorCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 10; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as ErrorLike).code;
    if (typeof code === "string" && code) return code;
  }
  return undefined;
}

export const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Socket-level failures common to every transport (refused, timed out, reset, DNS, TLS), or
 * undefined when the error is something else. `where` is "host:port".
 */
export function networkError(error: unknown, where: string, host: string): DeliveryError | undefined {
  const code = errorCode(error);
  const message = messageOf(error);
  const fail = (text: string, retryable: boolean) => new DeliveryError(text, { retryable, cause: error });
  if (code === "ECONNREFUSED" || /ECONNREFUSED/.test(message)) return fail(`Could not connect to ${where} (connection refused).`, true);
  if (code === "ENOTFOUND" || /ENOTFOUND/.test(message)) return fail(`Could not find the server ${host} (no such host name).`, false);
  if (code === "EAI_AGAIN") return fail(`Could not look up ${host} (DNS did not answer).`, true);
  if (code === "ETIMEDOUT" || code === "ESOCKETTIMEDOUT" || /\btime(d)? ?out\b/i.test(message)) return fail(`${where} did not answer in time (timed out).`, true);
  if (code === "ECONNRESET" || code === "EPIPE" || /ECONNRESET|closed (the )?connection|connection lost|socket hang up|FIN packet/i.test(message)) {
    return fail(`The connection to ${where} was dropped.`, true);
  }
  if (code === "EHOSTUNREACH" || code === "ENETUNREACH") return fail(`Could not reach ${where} (no route to the host).`, true);
  if ((code && TLS_CODES.has(code)) || /certificate|self[- ]signed|wrong version number/i.test(message)) {
    return fail(`The secure connection to ${where} failed: ${message}. If the server uses a self-signed certificate, allow it in the destination settings.`, false);
  }
  return undefined;
}

/** Runs `work`, failing with a retryable timeout after `ms` (and calling `onTimeout` to clean up). */
export async function withTimeout<T>(work: Promise<T>, ms: number, what: string, onTimeout?: () => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onTimeout?.();
      reject(new DeliveryError(`${what} took longer than ${Math.round(ms / 1000)} s and was stopped.`, { retryable: true }));
    }, ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** A failure waiting will not fix (a bad template, a refused host, a wrong password): no retry. */
export const isPermanentFailure = (error: unknown) => error instanceof DomainError && !(error instanceof DeliveryError && error.retryable);
