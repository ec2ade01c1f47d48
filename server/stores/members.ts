import { and, asc, eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { storeInvitations, storeMembers, users } from "@/db/schema";
import { findUserByEmail } from "@/server/accounts/service";
import { auditAs } from "@/server/audit/service";
import { DomainError, isUniqueViolation, notFound } from "@/server/errors";
import { effectivePermissions, type Permission } from "@/server/permissions";
import type { StoreScope } from "@/server/scope";

/** A store user may hand out only permissions they hold themselves. */
function assertGrantable(scope: StoreScope, permissions: readonly Permission[]) {
  const missing = permissions.filter((p) => !scope.actor.permissions.includes(p));
  if (missing.length > 0) {
    throw new DomainError("FORBIDDEN", `You cannot grant permissions you do not hold: ${missing.join(", ")}.`, {
      field: "permissions",
    });
  }
}

/**
 * Nor may they change or remove someone who holds more than they do: a manager without
 * billing.manage cannot strip it from, or lock out, a colleague who has it.
 */
function assertOutranks(scope: StoreScope, targetPermissions: readonly string[], email: string) {
  const beyond = targetPermissions.filter((p) => !(scope.actor.permissions as readonly string[]).includes(p));
  if (beyond.length > 0) {
    throw new DomainError("FORBIDDEN", `${email} holds permissions you do not hold (${beyond.join(", ")}); ask the store owner.`);
  }
}

/** The (non-owner) member row of this store, locked for the rest of the transaction. */
async function lockMember(tx: Database, scope: StoreScope, memberId: number) {
  const [member] = await tx
    .select({ permissions: storeMembers.permissions, email: users.email })
    .from(storeMembers)
    .innerJoin(users, eq(users.id, storeMembers.userId))
    .where(and(eq(storeMembers.storeId, scope.storeId), eq(storeMembers.id, memberId), eq(storeMembers.role, "member")))
    .for("update", { of: storeMembers });
  if (!member) throw notFound("Store user");
  assertOutranks(scope, member.permissions, member.email);
  return member;
}

export async function listMembers(scope: StoreScope) {
  const members = await scope.db
    .select({
      id: storeMembers.id,
      userId: users.id,
      email: users.email,
      name: users.name,
      role: storeMembers.role,
      permissions: storeMembers.permissions,
      createdAt: storeMembers.createdAt,
    })
    .from(storeMembers)
    .innerJoin(users, eq(users.id, storeMembers.userId))
    .where(eq(storeMembers.storeId, scope.storeId))
    .orderBy(sql`${storeMembers.role} = 'owner' desc`, asc(users.email));
  const invitations = await scope.db
    .select({
      id: storeInvitations.id,
      email: storeInvitations.email,
      permissions: storeInvitations.permissions,
      createdAt: storeInvitations.createdAt,
    })
    .from(storeInvitations)
    .where(eq(storeInvitations.storeId, scope.storeId))
    .orderBy(asc(storeInvitations.email));
  return {
    members: members.map((m) => ({ ...m, permissions: effectivePermissions(m.role, m.permissions) })),
    invitations: invitations.map((i) => ({ ...i, permissions: effectivePermissions("member", i.permissions) })),
  };
}

/**
 * Adds a person by email: a membership if they have an account, otherwise a pending invitation
 * that becomes a membership when they sign up.
 */
export async function addMember(scope: StoreScope, input: { email: string; permissions: Permission[] }) {
  assertGrantable(scope, input.permissions);
  const existingUser = await findUserByEmail(scope.db, input.email);
  try {
    return await scope.db.transaction(async (tx) => {
      if (existingUser) {
        await tx
          .insert(storeMembers)
          .values({ storeId: scope.storeId, userId: existingUser.id, role: "member", permissions: input.permissions });
        await auditAs(scope, tx, "member.added", { email: existingUser.email, permissions: input.permissions });
        return { kind: "member" as const };
      }
      await tx
        .insert(storeInvitations)
        .values({ storeId: scope.storeId, email: input.email, permissions: input.permissions, invitedByUserId: scope.actor.kind === "user" ? scope.actor.userId : null });
      await auditAs(scope, tx, "invitation.created", { email: input.email, permissions: input.permissions });
      return { kind: "invitation" as const };
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new DomainError(
        "CONFLICT",
        existingUser ? `${input.email} is already a user of this store.` : `${input.email} has already been invited to this store.`,
        { field: "email", cause: error },
      );
    }
    throw error;
  }
}

export async function updateMemberPermissions(scope: StoreScope, memberId: number, permissions: Permission[]) {
  assertGrantable(scope, permissions);
  await scope.db.transaction(async (tx) => {
    const before = await lockMember(tx, scope, memberId);
    await tx
      .update(storeMembers)
      .set({ permissions })
      .where(and(eq(storeMembers.storeId, scope.storeId), eq(storeMembers.id, memberId)));
    await auditAs(scope, tx, "member.permissions_changed", {
      email: before.email,
      from: before.permissions,
      to: permissions,
    });
  });
}

/** Takes effect on the user's next request: every request re-reads the membership. */
export async function removeMember(scope: StoreScope, memberId: number) {
  await scope.db.transaction(async (tx) => {
    const target = await lockMember(tx, scope, memberId);
    await tx
      .delete(storeMembers)
      .where(and(eq(storeMembers.storeId, scope.storeId), eq(storeMembers.id, memberId)));
    await auditAs(scope, tx, "member.removed", { email: target.email });
  });
}

export async function cancelInvitation(scope: StoreScope, invitationId: number) {
  await scope.db.transaction(async (tx) => {
    const [invitation] = await tx
      .select({ email: storeInvitations.email, permissions: storeInvitations.permissions })
      .from(storeInvitations)
      .where(and(eq(storeInvitations.storeId, scope.storeId), eq(storeInvitations.id, invitationId)))
      .for("update");
    if (!invitation) throw notFound("Invitation");
    assertOutranks(scope, invitation.permissions, invitation.email);
    await tx
      .delete(storeInvitations)
      .where(and(eq(storeInvitations.storeId, scope.storeId), eq(storeInvitations.id, invitationId)));
    await auditAs(scope, tx, "invitation.canceled", { email: invitation.email });
  });
}
