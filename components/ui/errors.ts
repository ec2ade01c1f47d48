import { TRPCClientError } from "@trpc/client";

/** Field-level messages sent by the server (zod issues or a domain error tied to a field). */
export function fieldErrors(error: unknown): Record<string, string | undefined> {
  if (!(error instanceof TRPCClientError)) return {};
  const raw = (error.data as { fieldErrors?: Record<string, string[] | undefined> } | undefined)?.fieldErrors ?? {};
  return Object.fromEntries(Object.entries(raw).map(([key, messages]) => [key, messages?.[0]]));
}

/** A message for the whole form, when the error is not about one field. */
export function formError(error: unknown): string | undefined {
  if (!error) return undefined;
  if (Object.keys(fieldErrors(error)).length > 0) return undefined;
  if (error instanceof TRPCClientError) {
    return error.data?.code === "INTERNAL_SERVER_ERROR" ? "Something went wrong on our side. Please try again." : error.message;
  }
  return "Could not reach Switchyard. Check your connection and try again.";
}
