import type { Database } from "@/db/client";
import type { newUser } from "../../helpers/actors";

export interface CrossStoreContext {
  db: Database;
  storeA: number;
  storeB: number;
  ownerA: Awaited<ReturnType<typeof newUser>>;
  ownerB: Awaited<ReturnType<typeof newUser>>;
}

/**
 * For each id-taking store procedure: set up a row in store B and return the input that aims at
 * it (storeId A is added by the test) and a check that the row is unchanged afterwards. The call
 * must fail (NOT_FOUND/BAD_REQUEST), unless `succeedsWith` is given (filters such as a list by
 * folder ids): then it must succeed and its result must pass that check (e.g. be empty).
 */
export type CrossStoreCases = Record<
  string,
  (ctx: CrossStoreContext) => Promise<{
    input: Record<string, unknown>;
    unchanged: () => Promise<void>;
    succeedsWith?: (result: unknown) => void;
  }>
>;
