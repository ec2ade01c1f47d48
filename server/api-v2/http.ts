import { randomUUID } from "node:crypto";
import { getDb } from "@/server/db";
import { env } from "@/server/env";
import { logger } from "@/server/logger";
import type { StoreScope } from "@/server/scope";
import { resolveApiScope } from "./auth";
import { readJsonBody } from "./body";
import { DEFAULT_RATE_LIMIT, LeakyBucketLimiter } from "./rate-limit";
import { ApiError, errorToResponse, type Envelope } from "./responses";

export interface ApiContext<P> {
  req: Request;
  url: URL;
  params: P;
  scope: StoreScope;
  /** The parsed JSON body (size-limited); only read when a handler asks for it. */
  json(): Promise<unknown>;
}

/** What a handler answers: the envelope's fields besides `status`, and the HTTP status if not 200. */
export type ApiResult = { message: string; httpStatus?: number } & Record<string, unknown>;

/** One limiter per process (kept on globalThis: the custom server and the Next.js bundle load modules apart). */
const LIMITER = Symbol.for("switchyard.api-v2.rate-limiter");
function limiter(): LeakyBucketLimiter {
  const holder = globalThis as { [LIMITER]?: LeakyBucketLimiter };
  holder[LIMITER] ??= new LeakyBucketLimiter({
    burst: env.RATE_LIMIT_BURST ?? DEFAULT_RATE_LIMIT.burst,
    perSecond: env.RATE_LIMIT_PER_SECOND ?? DEFAULT_RATE_LIMIT.perSecond,
  });
  return holder[LIMITER];
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(4)} seconds`;

/** The answer in the envelope: status and message first, then execution_time, then the rest. */
function respond(status: number, body: Envelope, started: number, headers: Headers): Response {
  const { status: outcome, message, ...rest } = body;
  headers.set("cache-control", "no-store");
  return Response.json({ status: outcome, message, execution_time: seconds(performance.now() - started), ...rest }, { status, headers });
}

/**
 * Wraps a REST v2 handler: authenticates the key, takes a token from the store's bucket,
 * runs the handler and maps every error to the envelope with a 4xx (or a logged 500).
 * Route files stay one line per method.
 */
export function apiRoute<P extends Record<string, string> = Record<string, never>>(handler: (ctx: ApiContext<P>) => Promise<ApiResult>) {
  return async (req: Request, route: { params: Promise<P> }): Promise<Response> => {
    const started = performance.now();
    const headers = new Headers();
    try {
      const scope = await resolveApiScope(await getDb(), req.headers);
      const decision = limiter().take(String(scope.storeId));
      headers.set("X-Tokens-Remaining", String(decision.remaining));
      if (!decision.allowed) {
        headers.set("X-Retry-After", String(decision.retryAfterSeconds));
        headers.set("Retry-After", String(decision.retryAfterSeconds));
        const { burst, perSecond } = limiter().config;
        throw new ApiError(
          429,
          `Rate limit exceeded: ${burst} requests in a burst, then ${perSecond} per second. Retry after ${decision.retryAfterSeconds} s.`,
        );
      }
      const { httpStatus = 200, ...result } = await handler({ req, url: new URL(req.url), params: await route.params, scope, json: () => readJsonBody(req) });
      return respond(httpStatus, { status: "success", ...result }, started, headers);
    } catch (error) {
      const mapped = errorToResponse(error);
      if (mapped.unexpected) {
        const requestId = req.headers.get("x-request-id") ?? randomUUID();
        logger.error({ err: error, requestId, method: req.method, url: req.url }, "REST API request failed");
      }
      return respond(mapped.status, mapped.body, started, headers);
    }
  };
}

/** Unknown paths under /api/v2 answer in the envelope too, without touching the database. */
export function unknownEndpoint(req: Request): Response {
  const path = new URL(req.url).pathname;
  return respond(
    404,
    { status: "error", message: `No such endpoint: ${req.method} ${path}. The endpoints are listed in /api/v2/openapi.json.` },
    performance.now(),
    new Headers(),
  );
}
