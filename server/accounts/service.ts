import { eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { storeInvitations, storeMembers, users } from "@/db/schema";
import { recordAudit } from "@/server/audit/service";
import { burnPasswordCheck, hashPassword, verifyPassword } from "@/server/auth/password";
import { DomainError, isUniqueViolation } from "@/server/errors";
import type { SignUpInput } from "./schemas";

export interface AccountUser {
  id: number;
  email: string;
  name: string;
}

const byEmail = (email: string) => sql`lower(${users.email}) = ${email.toLowerCase()}`;

/**
 * Creates the account and, in the same transaction, turns every pending invitation for this
 * email into a store membership.
 */
export async function signUp(db: Database, input: SignUpInput): Promise<AccountUser> {
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction(async (tx) => {
      const [user] = await tx
        .insert(users)
        .values({ email: input.email, name: input.name, passwordHash })
        .returning({ id: users.id, email: users.email, name: users.name });
      if (!user) throw new Error("insert returned no row");

      const invitations = await tx
        .delete(storeInvitations)
        .where(sql`lower(${storeInvitations.email}) = ${input.email}`)
        .returning();
      for (const invitation of invitations) {
        await tx.insert(storeMembers).values({
          storeId: invitation.storeId,
          userId: user.id,
          role: "member",
          permissions: invitation.permissions,
        });
        await recordAudit(tx, {
          storeId: invitation.storeId,
          actorUserId: user.id,
          actorLabel: user.email,
          action: "member.joined",
          details: { email: user.email, permissions: invitation.permissions },
        });
      }
      return user;
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new DomainError("CONFLICT", "An account with this email already exists. Sign in instead.", {
        field: "email",
        cause: error,
      });
    }
    throw error;
  }
}

/** The user for these credentials, or null; the caller must not say which part was wrong. */
export async function verifyCredentials(db: Database, email: string, password: string): Promise<AccountUser | null> {
  const [user] = await db.select().from(users).where(byEmail(email)).limit(1);
  if (!user) {
    await burnPasswordCheck(password);
    return null;
  }
  if (!(await verifyPassword(user.passwordHash, password))) return null;
  return { id: user.id, email: user.email, name: user.name };
}

export async function findUserById(db: Database, id: number): Promise<AccountUser | null> {
  const [user] = await db
    .select({ id: users.id, email: users.email, name: users.name })
    .from(users)
    .where(eq(users.id, id))
    .limit(1);
  return user ?? null;
}

export async function findUserByEmail(db: Database, email: string): Promise<AccountUser | null> {
  const [user] = await db
    .select({ id: users.id, email: users.email, name: users.name })
    .from(users)
    .where(byEmail(email))
    .limit(1);
  return user ?? null;
}
