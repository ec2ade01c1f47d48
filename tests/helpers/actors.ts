import type { Database } from "@/db/client";
import { signUp } from "@/server/accounts/service";
import { createCaller } from "@/server/trpc/root";

let counter = 0;

export function callerFor(db: Database, userId: number | null) {
  return createCaller({ db, userId, requestId: "test" });
}

/** A signed-up user and a tRPC caller acting as them. */
export async function newUser(db: Database, label = "user") {
  counter += 1;
  const email = `${label}-${counter}-${Date.now()}@example.test`;
  const user = await signUp(db, { name: label, email, password: "correct horse battery" });
  return { ...user, caller: callerFor(db, user.id) };
}
