import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { auditEvents, storeInvitations, storeMembers } from "@/db/schema";
import { ALL_PERMISSIONS, type Permission } from "@/server/permissions";
import { callerFor, newUser } from "../helpers/actors";
import { auditCount } from "../helpers/audit";
import { createTestDatabase } from "../helpers/database";
import { clientShape, outcome, rejection } from "../helpers/trpc-errors";

type Actor = Awaited<ReturnType<typeof newUser>>;

let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await createTestDatabase();
});

afterAll(() => handle?.close());


async function lastAudit(storeId: number) {
  const [row] = await handle.db
    .select({ action: auditEvents.action, actorLabel: auditEvents.actorLabel, details: auditEvents.details })
    .from(auditEvents)
    .where(eq(auditEvents.storeId, storeId))
    .orderBy(sql`${auditEvents.id} desc`)
    .limit(1);
  return row;
}

async function membershipRows(storeId: number, userId: number) {
  return handle.db
    .select({ id: storeMembers.id, role: storeMembers.role, permissions: storeMembers.permissions })
    .from(storeMembers)
    .where(and(eq(storeMembers.storeId, storeId), eq(storeMembers.userId, userId)));
}

async function memberId(storeId: number, userId: number) {
  const [row] = await membershipRows(storeId, userId);
  if (!row) throw new Error(`user ${userId} is not a member of store ${storeId}`);
  return row.id;
}

async function newStore(label = "members-owner") {
  const owner = await newUser(handle.db, label);
  const storeId = (await owner.caller.store.create({ name: "Members" })).id;
  return { owner, storeId };
}

describe("member.add", () => {
  let owner: Actor;
  let storeId: number;

  beforeAll(async () => {
    ({ owner, storeId } = await newStore());
  });

  it("adds a person with an account as a member, with the given permissions", async () => {
    const person = await newUser(handle.db, "existing");
    const result = await owner.caller.member.add({
      storeId,
      email: person.email.toUpperCase(),
      permissions: ["orders.read", "orders.write", "orders.read"],
    });
    expect(result).toEqual({ kind: "member" });

    expect(await membershipRows(storeId, person.id)).toEqual([
      { id: expect.any(Number), role: "member", permissions: ["orders.read", "orders.write"] },
    ]);
    expect(await lastAudit(storeId)).toEqual({
      action: "member.added",
      actorLabel: owner.email,
      details: { email: person.email, permissions: ["orders.read", "orders.write"] },
    });

    const { members } = await owner.caller.member.list({ storeId });
    expect(members.map((m) => [m.email, m.role])).toEqual([
      [owner.email, "owner"],
      [person.email, "member"],
    ]);
    expect(members[0]!.permissions).toEqual([...ALL_PERMISSIONS]);
    expect(members[1]!.permissions).toEqual(["orders.read", "orders.write"]);

    expect((await person.caller.store.byId({ storeId })).permissions).toEqual(["orders.read", "orders.write"]);
  });

  it("invites an email without an account", async () => {
    const result = await owner.caller.member.add({ storeId, email: "Future.Person@Example.test", permissions: ["dashboard.view"] });
    expect(result).toEqual({ kind: "invitation" });

    const { invitations } = await owner.caller.member.list({ storeId });
    expect(invitations.map((i) => [i.email, i.permissions])).toEqual([["future.person@example.test", ["dashboard.view"]]]);
    expect(await lastAudit(storeId)).toEqual({
      action: "invitation.created",
      actorLabel: owner.email,
      details: { email: "future.person@example.test", permissions: ["dashboard.view"] },
    });
  });

  it.each([
    {
      case: "an existing member",
      email: async () => {
        const person = await newUser(handle.db, "twice");
        await owner.caller.member.add({ storeId, email: person.email, permissions: [] });
        return person.email;
      },
      message: /is already a user of this store/,
    },
    { case: "the owner", email: async () => owner.email, message: /is already a user of this store/ },
    {
      case: "a pending invitation, in another case",
      email: async () => {
        await owner.caller.member.add({ storeId, email: "pending-twice@example.test", permissions: [] });
        return "PENDING-Twice@example.test";
      },
      message: /has already been invited to this store/,
    },
  ])("refuses to add $case again: CONFLICT naming the email, nothing written", async ({ email, message }) => {
    const address = await email();
    const auditBefore = await auditCount(handle.db, storeId);
    const listBefore = await owner.caller.member.list({ storeId });

    const error = await rejection(owner.caller.member.add({ storeId, email: address, permissions: ["orders.read"] }));
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toMatch(message);
    expect(error.message).toContain(address.toLowerCase());
    expect(clientShape(error, "member.add").data.fieldErrors).toEqual({ email: [error.message] });

    expect(await auditCount(handle.db, storeId)).toBe(auditBefore);
    expect(await owner.caller.member.list({ storeId })).toEqual(listBefore);
  });

  it.each([
    { case: "a bad email", input: { email: "nope", permissions: [] } },
    { case: "an unknown permission", input: { email: "x@example.test", permissions: ["orders.burn"] } },
  ])("rejects $case with BAD_REQUEST", async ({ input }) => {
    const auditBefore = await auditCount(handle.db, storeId);
    expect(await outcome(owner.caller.member.add({ storeId, ...(input as { email: string; permissions: Permission[] }) }))).toBe(
      "BAD_REQUEST",
    );
    expect(await auditCount(handle.db, storeId)).toBe(auditBefore);
  });
});

describe("granting permissions one does not hold", () => {
  let owner: Actor;
  let manager: Actor;
  let storeId: number;
  const managerPermissions: Permission[] = ["users.manage", "orders.read", "orders.write"];

  beforeAll(async () => {
    ({ owner, storeId } = await newStore());
    manager = await newUser(handle.db, "manager");
    await owner.caller.member.add({ storeId, email: manager.email, permissions: managerPermissions });
  });

  it("lets a manager grant permissions they hold", async () => {
    const helper = await newUser(handle.db, "helper");
    expect(await manager.caller.member.add({ storeId, email: helper.email, permissions: ["orders.read"] })).toEqual({ kind: "member" });
    expect((await membershipRows(storeId, helper.id))[0]?.permissions).toEqual(["orders.read"]);
  });

  it.each([
    { case: "adding a member", grant: ["billing.manage"] as Permission[], kind: "member" },
    { case: "adding a member", grant: ["orders.read", "billing.manage", "settings.manage"] as Permission[], kind: "member" },
    { case: "inviting", grant: ["billing.manage"] as Permission[], kind: "invitation" },
  ])("is FORBIDDEN when $case with $grant, and writes nothing", async ({ grant, kind }) => {
    const target = kind === "member" ? await newUser(handle.db, "target") : null;
    const email = target?.email ?? `invitee-${grant.length}@example.test`;
    const auditBefore = await auditCount(handle.db, storeId);

    const error = await rejection(manager.caller.member.add({ storeId, email, permissions: grant }));
    expect(error.code).toBe("FORBIDDEN");
    const missing = grant.filter((p) => !managerPermissions.includes(p));
    expect(error.message).toBe(`You cannot grant permissions you do not hold: ${missing.join(", ")}.`);
    expect(clientShape(error, "member.add").data.fieldErrors).toEqual({ permissions: [error.message] });

    expect(await auditCount(handle.db, storeId)).toBe(auditBefore);
    if (target) expect(await membershipRows(storeId, target.id)).toEqual([]);
    const invitations = await handle.db
      .select()
      .from(storeInvitations)
      .where(and(eq(storeInvitations.storeId, storeId), eq(storeInvitations.email, email)));
    expect(invitations).toEqual([]);
  });

  it("is FORBIDDEN when changing a member's permissions to ones the manager lacks", async () => {
    const target = await newUser(handle.db, "upgrade-me");
    await owner.caller.member.add({ storeId, email: target.email, permissions: ["orders.read"] });
    const id = await memberId(storeId, target.id);
    const auditBefore = await auditCount(handle.db, storeId);

    const error = await rejection(manager.caller.member.updatePermissions({ storeId, memberId: id, permissions: ["orders.read", "billing.manage"] }));
    expect(error.code).toBe("FORBIDDEN");
    expect(error.message).toContain("billing.manage");
    expect((await membershipRows(storeId, target.id))[0]?.permissions).toEqual(["orders.read"]);
    expect(await auditCount(handle.db, storeId)).toBe(auditBefore);
  });

  it("does not let a manager raise their own permissions", async () => {
    const id = await memberId(storeId, manager.id);
    expect(await outcome(manager.caller.member.updatePermissions({ storeId, memberId: id, permissions: [...ALL_PERMISSIONS] }))).toBe(
      "FORBIDDEN",
    );
    expect((await membershipRows(storeId, manager.id))[0]?.permissions).toEqual(managerPermissions);
  });

  it.each(["remove", "demote", "cancel the invitation of"] as const)(
    "does not let a manager %s someone holding permissions the manager lacks",
    async (action) => {
      const senior = await newUser(handle.db, "senior");
      const seniorPermissions: Permission[] = ["orders.read", "billing.manage"];
      if (action === "cancel the invitation of") {
        await owner.caller.member.add({ storeId, email: "senior-invitee@example.test", permissions: seniorPermissions });
      } else {
        await owner.caller.member.add({ storeId, email: senior.email, permissions: seniorPermissions });
      }
      const auditBefore = await auditCount(handle.db, storeId);
      const attempt =
        action === "remove"
          ? manager.caller.member.remove({ storeId, memberId: await memberId(storeId, senior.id) })
          : action === "demote"
            ? manager.caller.member.updatePermissions({ storeId, memberId: await memberId(storeId, senior.id), permissions: ["orders.read"] })
            : manager.caller.member.cancelInvitation({
                storeId,
                invitationId: (
                  await handle.db.select().from(storeInvitations).where(eq(storeInvitations.email, "senior-invitee@example.test"))
                )[0]!.id,
              });
      const error = await rejection(attempt);
      expect(error.code).toBe("FORBIDDEN");
      expect(error.message).toContain("billing.manage");
      expect(await auditCount(handle.db, storeId)).toBe(auditBefore);
      if (action === "cancel the invitation of") {
        expect(await handle.db.select().from(storeInvitations).where(eq(storeInvitations.email, "senior-invitee@example.test"))).toHaveLength(1);
      } else {
        expect((await membershipRows(storeId, senior.id))[0]?.permissions).toEqual(seniorPermissions);
      }
    },
  );

  it("is FORBIDDEN altogether to a member without users.manage", async () => {
    const clerk = await newUser(handle.db, "clerk");
    await owner.caller.member.add({ storeId, email: clerk.email, permissions: ["orders.read"] });
    expect(await outcome(clerk.caller.member.add({ storeId, email: "friend@example.test", permissions: [] }))).toBe("FORBIDDEN");
    expect(await outcome(clerk.caller.member.list({ storeId }))).toBe("FORBIDDEN");
  });
});

describe("changes take effect on the very next call", () => {
  it("a removed member is NOT_FOUND with the same caller object", async () => {
    const { owner, storeId } = await newStore();
    const member = await newUser(handle.db, "leaving");
    await owner.caller.member.add({ storeId, email: member.email, permissions: [...ALL_PERMISSIONS] });
    const caller = member.caller;

    expect((await caller.store.byId({ storeId })).store.id).toBe(storeId);
    expect(await caller.folder.list({ storeId })).toHaveLength(4);

    await owner.caller.member.remove({ storeId, memberId: await memberId(storeId, member.id) });

    expect(await outcome(caller.store.byId({ storeId }))).toBe("NOT_FOUND");
    expect(await outcome(caller.folder.list({ storeId }))).toBe("NOT_FOUND");
    expect(await outcome(caller.folder.create({ storeId, name: "Sneaky" }))).toBe("NOT_FOUND");
    expect((await caller.store.list()).map((s) => s.id)).not.toContain(storeId);
    expect(await membershipRows(storeId, member.id)).toEqual([]);
    expect(await lastAudit(storeId)).toEqual({ action: "member.removed", actorLabel: owner.email, details: { email: member.email } });
  });

  it("updated permissions apply to the next call, both ways", async () => {
    const { owner, storeId } = await newStore();
    const member = await newUser(handle.db, "changing");
    await owner.caller.member.add({ storeId, email: member.email, permissions: ["orders.read"] });
    const id = await memberId(storeId, member.id);
    const caller = member.caller;

    expect(await outcome(caller.store.overview({ storeId }))).toBe("FORBIDDEN");

    await owner.caller.member.updatePermissions({ storeId, memberId: id, permissions: ["dashboard.view", "orders.read"] });
    expect(await caller.store.overview({ storeId })).toEqual({ folderCount: 4, memberCount: 2, invitationCount: 0 });
    expect((await caller.store.byId({ storeId })).permissions).toEqual(["dashboard.view", "orders.read"]);
    expect(await lastAudit(storeId)).toEqual({
      action: "member.permissions_changed",
      actorLabel: owner.email,
      details: { email: member.email, from: ["orders.read"], to: ["dashboard.view", "orders.read"] },
    });

    await owner.caller.member.updatePermissions({ storeId, memberId: id, permissions: [] });
    expect(await outcome(caller.store.overview({ storeId }))).toBe("FORBIDDEN");
    expect((await caller.store.byId({ storeId })).permissions).toEqual([]);
  });
});

describe("the owner's membership", () => {
  it("cannot be removed or edited, by the owner or by a manager", async () => {
    const { owner, storeId } = await newStore();
    const manager = await newUser(handle.db, "would-be-usurper");
    await owner.caller.member.add({ storeId, email: manager.email, permissions: ["users.manage"] });
    const ownerMemberId = await memberId(storeId, owner.id);
    const auditBefore = await auditCount(handle.db, storeId);

    for (const actor of [owner, manager]) {
      expect(await outcome(actor.caller.member.remove({ storeId, memberId: ownerMemberId }))).toBe("NOT_FOUND");
      expect(await outcome(actor.caller.member.updatePermissions({ storeId, memberId: ownerMemberId, permissions: [] }))).toBe(
        "NOT_FOUND",
      );
    }

    expect(await membershipRows(storeId, owner.id)).toEqual([{ id: ownerMemberId, role: "owner", permissions: [] }]);
    expect((await owner.caller.store.byId({ storeId })).permissions).toEqual([...ALL_PERMISSIONS]);
    expect(await auditCount(handle.db, storeId)).toBe(auditBefore);
  });
});

describe("member.remove / member.updatePermissions with unknown ids", () => {
  it("are NOT_FOUND and write no audit row", async () => {
    const { owner, storeId } = await newStore();
    const auditBefore = await auditCount(handle.db, storeId);
    expect(await outcome(owner.caller.member.remove({ storeId, memberId: 2_000_000_000 }))).toBe("NOT_FOUND");
    expect(await outcome(owner.caller.member.updatePermissions({ storeId, memberId: 2_000_000_000, permissions: [] }))).toBe("NOT_FOUND");
    expect(await outcome(owner.caller.member.cancelInvitation({ storeId, invitationId: 2_000_000_000 }))).toBe("NOT_FOUND");
    expect(await auditCount(handle.db, storeId)).toBe(auditBefore);
  });
});

describe("member.cancelInvitation", () => {
  it("removes the invitation, so a later sign-up joins nothing", async () => {
    const { owner, storeId } = await newStore();
    await owner.caller.member.add({ storeId, email: "changed-mind@example.test", permissions: ["orders.read"] });
    const [invitation] = (await owner.caller.member.list({ storeId })).invitations;

    await owner.caller.member.cancelInvitation({ storeId, invitationId: invitation!.id });
    expect((await owner.caller.member.list({ storeId })).invitations).toEqual([]);
    expect(await lastAudit(storeId)).toEqual({
      action: "invitation.canceled",
      actorLabel: owner.email,
      details: { email: "changed-mind@example.test" },
    });
    expect(await outcome(owner.caller.member.cancelInvitation({ storeId, invitationId: invitation!.id }))).toBe("NOT_FOUND");

    const joined = await callerFor(handle.db, null).account.signUp({
      name: "Changed",
      email: "changed-mind@example.test",
      password: "correct horse battery",
    });
    expect(await membershipRows(storeId, joined.id)).toEqual([]);
  });
});
