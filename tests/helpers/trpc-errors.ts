import { getTRPCErrorShape, TRPCError } from "@trpc/server";
import { expect } from "vitest";
import { appRouter } from "@/server/trpc/root";

/** The TRPCError a call rejects with; fails the test if the call succeeds or throws something else. */
export async function rejection(promise: Promise<unknown>): Promise<TRPCError> {
  let result: unknown;
  try {
    result = await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(TRPCError);
    return error as TRPCError;
  }
  throw new Error(`Expected the call to fail, but it returned ${JSON.stringify(result)}`);
}

/** The error code a call ends with, "OK" when it succeeds. */
export async function outcome(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "OK";
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    throw error;
  }
}

type FormattedShape = { message: string; data: { code: string; httpStatus: number; fieldErrors?: Record<string, string[]> } };

/**
 * The error as an HTTP client receives it: run through the app's errorFormatter, which
 * createCaller skips. This is where `fieldErrors` for forms come from.
 */
export function clientShape(error: TRPCError, path: string): FormattedShape {
  return getTRPCErrorShape({
    config: appRouter._def._config,
    error,
    type: "mutation",
    path,
    input: undefined,
    ctx: undefined,
  }) as FormattedShape;
}
