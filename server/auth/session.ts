import "server-only";
import { getServerSession } from "next-auth";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { findUserById, type AccountUser } from "@/server/accounts/service";
import { getDb } from "@/server/db";
import { authOptions } from "./options";

/** The signed-in user's id from the verified session cookie, or null. */
export async function currentUserId(): Promise<number | null> {
  const session = await getServerSession(authOptions);
  return session?.user?.id ?? null;
}

/** The signed-in user, re-read from the database (a deleted account is signed out). */
export async function currentUser(): Promise<AccountUser | null> {
  const id = await currentUserId();
  return id === null ? null : findUserById(await getDb(), id);
}

/** Where to send someone without a valid session: say "expired" if they had a cookie. */
export async function signInPath(): Promise<string> {
  const jar = await cookies();
  const hadSession = jar.has("next-auth.session-token") || jar.has("__Secure-next-auth.session-token");
  return hadSession ? "/signin?reason=expired" : "/signin";
}

/**
 * For pages and layouts: the signed-in user, or a redirect to sign in. Next renders layouts and
 * pages in parallel, so each one that needs the user calls this itself.
 */
export async function requireUser(): Promise<AccountUser> {
  const user = await currentUser();
  if (!user) redirect(await signInPath());
  return user;
}
