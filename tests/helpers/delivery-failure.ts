import { expect } from "vitest";
import { DeliveryError } from "@/server/delivery/errors";

/** The DeliveryError a transport call rejects with (the test fails if it resolves or throws another error). */
export async function deliveryFailure(promise: Promise<unknown>): Promise<DeliveryError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DeliveryError);
  return error as DeliveryError;
}
