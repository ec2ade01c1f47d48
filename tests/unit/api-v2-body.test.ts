import { describe, expect, it } from "vitest";
import { z } from "zod";
import { readJsonBody } from "@/server/api-v2/body";
import { ApiError, errorToResponse, fieldIssues } from "@/server/api-v2/responses";
import { DomainError } from "@/server/errors";
import { orderInput } from "@/server/orders/schemas";

/** A request whose body arrives in chunks, without a Content-Length (as a chunked upload does). */
function chunked(chunks: string[]): Request {
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
  return new Request("http://x/api/v2/orders", { method: "POST", body: stream, duplex: "half" } as RequestInit);
}

async function apiError(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe("readJsonBody", () => {
  it("parses JSON sent in chunks", async () => {
    expect(await readJsonBody(chunked(['{"a":', '[1,2', "]}"]))).toEqual({ a: [1, 2] });
  });

  it("refuses a body over the limit while it streams in, with 413", async () => {
    const error = await apiError(readJsonBody(chunked(["[", "1,".repeat(600), "1]"]), 1000));
    expect(error.status).toBe(413);
  });

  it("refuses a declared Content-Length over the limit before reading", async () => {
    const req = new Request("http://x/", { method: "POST", body: "{}", headers: { "content-length": "999999" } });
    expect((await apiError(readJsonBody(req, 1000))).status).toBe(413);
  });

  it.each([
    ["malformed JSON", '{"email": '],
    ["an empty body", "  "],
  ])("answers 400 naming the body for %s", async (_label, text) => {
    const error = await apiError(readJsonBody(new Request("http://x/", { method: "POST", body: text })));
    expect(error.status).toBe(400);
    expect(error.message).toMatch(/^body: /);
  });
});

describe("errorToResponse", () => {
  const issuesOf = (input: unknown) => fieldIssues(orderInput.safeParse(input).error!);

  it("names unknown fields one by one, with their path", () => {
    expect(issuesOf({ foo: 1, shipping: { bar: 2 } })).toEqual([
      { field: "shipping.bar", message: "Unknown field." },
      { field: "foo", message: "Unknown field." },
    ]);
  });

  it("says which types a field accepts, or what the right type objected to", () => {
    expect(issuesOf({ email: {} })).toEqual([{ field: "email", message: "Wrong type: expected string, number or null." }]);
    expect(issuesOf({ order_items: [{ quantity: "two" }] })).toEqual([{ field: "order_items.0.quantity", message: "Expected a whole number." }]);
    expect(issuesOf({ order_items: [{ quantity: -1 }] })).toEqual([{ field: "order_items.0.quantity", message: "Must not be negative." }]);
    expect(issuesOf({ checkout_data: { gift: { nested: true } } })[0]?.field).toBe("checkout_data.gift");
  });

  it("maps validation, domain and database errors to 4xx with the field first in the message", () => {
    const zod = errorToResponse(orderInput.safeParse({ order_total: "12.345678" }).error as z.ZodError);
    expect(zod.status).toBe(400);
    expect(zod.body).toMatchObject({ status: "error", field: "order_total" });
    expect(zod.body.message).toMatch(/^order_total: /);

    expect(errorToResponse(new DomainError("NOT_FOUND", "Order not found."))).toMatchObject({ status: 404, body: { status: "error", message: "Order not found." } });
    expect(errorToResponse(new DomainError("BAD_REQUEST", "No such folder.", { field: "folder_id" })).body.message).toBe("folder_id: No such folder.");
    expect(errorToResponse(new DomainError("CONFLICT", "Taken.")).status).toBe(409);
    expect(errorToResponse(Object.assign(new Error("numeric field overflow"), { code: "22003" })).status).toBe(400);
  });

  it("hides unexpected errors behind a 500 that asks for the request id", () => {
    const mapped = errorToResponse(new Error("connection refused at 10.0.0.3"));
    expect(mapped).toMatchObject({ status: 500, unexpected: true });
    expect(mapped.body.message).not.toContain("10.0.0.3");
  });
});
