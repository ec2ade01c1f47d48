import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { auditEvents, storeInvitations, storeMembers, users } from "@/db/schema";
import { signUp, verifyCredentials } from "@/server/accounts/service";
import { DomainError } from "@/server/errors";
import { callerFor, newUser } from "../helpers/actors";
import { createTestDatabase } from "../helpers/database";
import { clientShape, rejection } from "../helpers/trpc-errors";

let handle: DatabaseHandle;
const PASSWORD = "correct horse battery";

beforeAll(async () => {
  handle = await createTestDatabase();
});

afterAll(() => handle?.close());

const anonymous = () => callerFor(handle.db, null);

describe("account.signUp", () => {
  it("creates the account with the email lower-cased", async () => {
    const result = await anonymous().account.signUp({ name: "  Ada  ", email: "Ada.Lovelace@Example.TEST", password: PASSWORD });
    expect(result.email).toBe("ada.lovelace@example.test");

    const [row] = await handle.db.select().from(users).where(eq(users.id, result.id));
    expect(row).toMatchObject({ email: "ada.lovelace@example.test", name: "Ada" });
    // The password is stored hashed, never as given.
    expect(row!.passwordHash).not.toContain(PASSWORD);
    expect(row!.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it("refuses a second account for the same email in any case, with a field error on email", async () => {
    await anonymous().account.signUp({ name: "First", email: "twice@example.test", password: PASSWORD });

    const error = await rejection(
      anonymous().account.signUp({ name: "Second", email: "TWICE@Example.test", password: PASSWORD }),
    );
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toMatch(/already exists/);
    expect(error.cause).toBeInstanceOf(DomainError);
    expect((error.cause as DomainError).field).toBe("email");

    const shape = clientShape(error, "account.signUp");
    expect(shape.data.code).toBe("CONFLICT");
    expect(shape.data.httpStatus).toBe(409);
    expect(shape.data.fieldErrors).toEqual({ email: [error.message] });

    const rows = await handle.db.select().from(users).where(sql`lower(${users.email}) = 'twice@example.test'`);
    expect(rows.map((u) => u.name)).toEqual(["First"]);
  });

  it.each([
    { field: "email", input: { name: "X", email: "not-an-email", password: PASSWORD } },
    { field: "email", input: { name: "X", email: "", password: PASSWORD } },
    { field: "password", input: { name: "X", email: "short-pw@example.test", password: "123456789" } },
    { field: "password", input: { name: "X", email: "long-pw@example.test", password: "x".repeat(201) } },
    { field: "name", input: { name: "   ", email: "blank-name@example.test", password: PASSWORD } },
    { field: "name", input: { name: "n".repeat(101), email: "long-name@example.test", password: PASSWORD } },
  ])("rejects an invalid $field with BAD_REQUEST and a field error", async ({ field, input }) => {
    const before = await handle.db.select({ n: sql<number>`count(*)::int` }).from(users);

    const error = await rejection(anonymous().account.signUp(input));
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.cause).toBeInstanceOf(z.ZodError);

    const fieldErrors = clientShape(error, "account.signUp").data.fieldErrors;
    expect(Object.keys(fieldErrors ?? {})).toEqual([field]);
    expect(fieldErrors?.[field]?.[0]).toEqual(expect.any(String));

    const after = await handle.db.select({ n: sql<number>`count(*)::int` }).from(users);
    expect(after[0]!.n).toBe(before[0]!.n);
  });
});

describe("verifyCredentials", () => {
  let user: Awaited<ReturnType<typeof newUser>>;

  beforeAll(async () => {
    user = await newUser(handle.db, "credentials");
  });

  it("returns the user for the right password, whatever the email's case", async () => {
    expect(await verifyCredentials(handle.db, user.email.toUpperCase(), PASSWORD)).toEqual({
      id: user.id,
      email: user.email,
      name: "credentials",
    });
  });

  it.each([
    { case: "wrong password", email: () => user.email, password: "correct horse battery!" },
    { case: "empty password", email: () => user.email, password: "" },
    { case: "unknown email", email: () => "nobody@example.test", password: PASSWORD },
  ])("returns null for $case", async ({ email, password }) => {
    expect(await verifyCredentials(handle.db, email(), password)).toBeNull();
  });
});

describe("pending invitations at sign-up", () => {
  it("become memberships with the invited permissions, are deleted and audited", async () => {
    const ownerA = await newUser(handle.db, "inviter-a");
    const ownerB = await newUser(handle.db, "inviter-b");
    const storeA = (await ownerA.caller.store.create({ name: "Invites A" })).id;
    const storeB = (await ownerB.caller.store.create({ name: "Invites B" })).id;
    const storeC = (await ownerB.caller.store.create({ name: "Not invited" })).id;

    // Invited in different cases: the match must not depend on how the inviter typed it.
    expect(
      await ownerA.caller.member.add({ storeId: storeA, email: "Newcomer@Example.test", permissions: ["orders.read", "orders.write"] }),
    ).toEqual({ kind: "invitation" });
    expect(await ownerB.caller.member.add({ storeId: storeB, email: "newcomer@example.test", permissions: [] })).toEqual({
      kind: "invitation",
    });

    const joined = await anonymous().account.signUp({ name: "Newcomer", email: "NEWCOMER@example.test", password: PASSWORD });

    const memberships = await handle.db
      .select({ storeId: storeMembers.storeId, role: storeMembers.role, permissions: storeMembers.permissions })
      .from(storeMembers)
      .where(eq(storeMembers.userId, joined.id))
      .orderBy(storeMembers.storeId);
    expect(memberships).toEqual([
      { storeId: storeA, role: "member", permissions: ["orders.read", "orders.write"] },
      { storeId: storeB, role: "member", permissions: [] },
    ]);

    const pending = await handle.db
      .select()
      .from(storeInvitations)
      .where(sql`lower(${storeInvitations.email}) = 'newcomer@example.test'`);
    expect(pending).toEqual([]);

    for (const [storeId, permissions] of [
      [storeA, ["orders.read", "orders.write"]],
      [storeB, []],
    ] as const) {
      const audit = await handle.db
        .select({ action: auditEvents.action, actorUserId: auditEvents.actorUserId, actorLabel: auditEvents.actorLabel, details: auditEvents.details })
        .from(auditEvents)
        .where(and(eq(auditEvents.storeId, storeId), eq(auditEvents.action, "member.joined")));
      expect(audit).toEqual([
        {
          action: "member.joined",
          actorUserId: joined.id,
          actorLabel: "newcomer@example.test",
          details: { email: "newcomer@example.test", permissions },
        },
      ]);
    }

    // And the new user can use exactly what they were given.
    const caller = callerFor(handle.db, joined.id);
    expect((await caller.store.list()).map((s) => s.id).sort()).toEqual([storeA, storeB].sort());
    expect((await caller.store.byId({ storeId: storeA })).permissions).toEqual(["orders.read", "orders.write"]);
    expect((await rejection(caller.store.byId({ storeId: storeC }))).code).toBe("NOT_FOUND");
  });

  it("are left alone when the sign-up fails", async () => {
    const owner = await newUser(handle.db, "inviter-c");
    const storeId = (await owner.caller.store.create({ name: "Invites C" })).id;
    const existing = await newUser(handle.db, "already-here");
    // An invitation row for an email that already has an account (written directly: the
    // router would have made a membership) must survive a failed duplicate sign-up.
    await handle.db.insert(storeInvitations).values({ storeId, email: existing.email, permissions: ["orders.read"] });

    const error = await rejection(anonymous().account.signUp({ name: "Dup", email: existing.email, password: PASSWORD }));
    expect(error.code).toBe("CONFLICT");

    expect(await handle.db.select().from(storeInvitations).where(eq(storeInvitations.storeId, storeId))).toHaveLength(1);
    expect(await handle.db.select().from(storeMembers).where(eq(storeMembers.userId, existing.id))).toEqual([]);
    const joinedRows = await handle.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.storeId, storeId), eq(auditEvents.action, "member.joined")));
    expect(joinedRows).toEqual([]);
  });
});

describe("account.me", () => {
  it("is UNAUTHORIZED without a session", async () => {
    const error = await rejection(anonymous().account.me());
    expect(error.code).toBe("UNAUTHORIZED");
    expect(error.message).toMatch(/sign in/i);
  });

  it("is UNAUTHORIZED for a session whose user no longer exists", async () => {
    const gone = await signUp(handle.db, { name: "Gone", email: "gone@example.test", password: PASSWORD });
    await handle.db.delete(users).where(eq(users.id, gone.id));
    expect((await rejection(callerFor(handle.db, gone.id).account.me())).code).toBe("UNAUTHORIZED");
  });

  it("returns the signed-in user", async () => {
    const user = await newUser(handle.db, "me");
    expect(await user.caller.account.me()).toEqual({ id: user.id, email: user.email, name: "me" });
  });
});
