import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { auditEvents, folders, storeMembers, stores } from "@/db/schema";
import { ALL_PERMISSIONS, type Permission } from "@/server/permissions";
import { newUser } from "../helpers/actors";
import { auditCount } from "../helpers/audit";
import { createTestDatabase } from "../helpers/database";
import { clientShape, outcome, rejection } from "../helpers/trpc-errors";

type Actor = Awaited<ReturnType<typeof newUser>>;

let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await createTestDatabase();
});

afterAll(() => handle?.close());

async function auditRows(storeId: number, action?: string) {
  return handle.db
    .select({ action: auditEvents.action, actorLabel: auditEvents.actorLabel, details: auditEvents.details })
    .from(auditEvents)
    .where(and(eq(auditEvents.storeId, storeId), action ? eq(auditEvents.action, action) : undefined))
    .orderBy(asc(auditEvents.id));
}


/** A new owner with a store, plus a member of it holding `permissions`. */
async function storeWithMember(permissions: Permission[], name = "Shop") {
  const owner = await newUser(handle.db, "owner");
  const member = await newUser(handle.db, "member");
  const storeId = (await owner.caller.store.create({ name })).id;
  await owner.caller.member.add({ storeId, email: member.email, permissions });
  return { owner, member, storeId };
}

describe("store.create", () => {
  it("makes the creator owner, adds the default folders in order and audits it", async () => {
    const owner = await newUser(handle.db, "creator");
    const store = await owner.caller.store.create({ name: "  Corner Shop  ", timezone: "Europe/Berlin", currency: "eur" });
    expect(store.name).toBe("Corner Shop");

    const [row] = await handle.db.select().from(stores).where(eq(stores.id, store.id));
    expect(row).toMatchObject({ ownerUserId: owner.id, name: "Corner Shop", timezone: "Europe/Berlin", currency: "EUR", archivedAt: null });

    const members = await handle.db
      .select({ userId: storeMembers.userId, role: storeMembers.role })
      .from(storeMembers)
      .where(eq(storeMembers.storeId, store.id));
    expect(members).toEqual([{ userId: owner.id, role: "owner" }]);

    const list = await owner.caller.folder.list({ storeId: store.id });
    expect(list.map((f) => [f.name, f.position])).toEqual([
      ["New", 0],
      ["Prepared", 1],
      ["Closed", 2],
      ["Canceled", 3],
    ]);

    expect(await auditRows(store.id)).toEqual([
      { action: "store.created", actorLabel: owner.email, details: { name: "Corner Shop" } },
    ]);

    const view = await owner.caller.store.byId({ storeId: store.id });
    expect(view.role).toBe("owner");
    expect(view.permissions).toEqual([...ALL_PERMISSIONS]);
  });

  it("defaults to UTC and USD", async () => {
    const owner = await newUser(handle.db, "defaults");
    const { id } = await owner.caller.store.create({ name: "Plain" });
    const { store } = await owner.caller.store.byId({ storeId: id });
    expect(store).toMatchObject({ name: "Plain", timezone: "UTC", currency: "USD", archivedAt: null });
  });

  it.each([
    { field: "name", input: { name: "" } },
    { field: "timezone", input: { name: "Shop", timezone: "Mars/Olympus_Mons" } },
    { field: "currency", input: { name: "Shop", currency: "ZZZ" } },
  ])("rejects a bad $field without creating anything", async ({ field, input }) => {
    const owner = await newUser(handle.db, "bad-create");
    const error = await rejection(owner.caller.store.create(input));
    expect(error.code).toBe("BAD_REQUEST");
    expect(Object.keys(clientShape(error, "store.create").data.fieldErrors ?? {})).toEqual([field]);
    expect(await handle.db.select().from(stores).where(eq(stores.ownerUserId, owner.id))).toEqual([]);
  });

  it("accepts every IANA time zone name, not only the runtime's canonical spelling", async () => {
    const owner = await newUser(handle.db, "zones");
    for (const timezone of ["Asia/Kolkata", "Asia/Calcutta", "Europe/Kyiv", "Europe/Kiev", "Etc/UTC"]) {
      const { id } = await owner.caller.store.create({ name: timezone, timezone });
      expect((await owner.caller.store.byId({ storeId: id })).store.timezone).toBe(timezone);
    }
  });
});

describe("store.list", () => {
  it("shows owned stores and stores the user was added to, never the owner's other stores", async () => {
    const owner = await newUser(handle.db, "multi-owner");
    const member = await newUser(handle.db, "multi-member");
    const shared = (await owner.caller.store.create({ name: "B Shared" })).id;
    const privateOne = (await owner.caller.store.create({ name: "A Private" })).id;
    const own = (await member.caller.store.create({ name: "C Own" })).id;
    await owner.caller.member.add({ storeId: shared, email: member.email, permissions: ["orders.read"] });

    expect((await member.caller.store.list()).map((s) => ({ id: s.id, name: s.name, role: s.role }))).toEqual([
      { id: shared, name: "B Shared", role: "member" },
      { id: own, name: "C Own", role: "owner" },
    ]);
    expect((await owner.caller.store.list()).map((s) => [s.id, s.role])).toEqual([
      [privateOne, "owner"],
      [shared, "owner"],
    ]);
    expect((await rejection(member.caller.store.byId({ storeId: privateOne }))).code).toBe("NOT_FOUND");
  });
});

describe("store.updateSettings", () => {
  let owner: Actor;
  let storeId: number;

  beforeAll(async () => {
    owner = await newUser(handle.db, "settings");
    storeId = (await owner.caller.store.create({ name: "Before" })).id;
  });

  it.each([
    { field: "name", patch: { name: "   " } },
    { field: "name", patch: { name: "x".repeat(81) } },
    { field: "timezone", patch: { timezone: "Europe/Atlantis" } },
    { field: "timezone", patch: { timezone: "" } },
    { field: "currency", patch: { currency: "EURO" } },
    { field: "currency", patch: { currency: "XYZ" } },
  ])("rejects $field $patch with a field error and changes nothing", async ({ field, patch }) => {
    const auditBefore = await auditCount(handle.db, storeId);
    const error = await rejection(
      owner.caller.store.updateSettings({ storeId, name: "Valid", timezone: "UTC", currency: "USD", ...patch }),
    );
    expect(error.code).toBe("BAD_REQUEST");
    const fieldErrors = clientShape(error, "store.updateSettings").data.fieldErrors ?? {};
    expect(Object.keys(fieldErrors)).toEqual([field]);
    expect(fieldErrors[field]![0]!.length).toBeGreaterThan(5);

    const { store } = await owner.caller.store.byId({ storeId });
    expect(store).toMatchObject({ name: "Before", timezone: "UTC", currency: "USD" });
    expect(await auditCount(handle.db, storeId)).toBe(auditBefore);
  });

  it("saves the settings and audits the changed fields", async () => {
    const result = await owner.caller.store.updateSettings({ storeId, name: "After", timezone: "Asia/Tokyo", currency: "jpy" });
    expect(result).toEqual({ changed: true });

    const { store } = await owner.caller.store.byId({ storeId });
    expect(store).toMatchObject({ name: "After", timezone: "Asia/Tokyo", currency: "JPY" });

    const rows = await auditRows(storeId, "settings.updated");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: "settings.updated",
      actorLabel: owner.email,
      details: {
        changes: {
          name: { from: "Before", to: "After" },
          timezone: { from: "UTC", to: "Asia/Tokyo" },
          currency: { from: "USD", to: "JPY" },
        },
      },
    });

    await owner.caller.store.updateSettings({ storeId, name: "After", timezone: "Asia/Tokyo", currency: "CHF" });
    const next = await auditRows(storeId, "settings.updated");
    expect(next).toHaveLength(2);
    expect(next[1]!.details).toMatchObject({ changes: { currency: { from: "JPY", to: "CHF" } } });
    expect(next[1]!.details.changes).not.toHaveProperty("name");
    expect(next[1]!.details.changes).not.toHaveProperty("timezone");
  });

  it("records only settings fields as changes (not the storeId)", async () => {
    await owner.caller.store.updateSettings({ storeId, name: "Only name", timezone: "Asia/Tokyo", currency: "CHF" });
    const rows = await auditRows(storeId, "settings.updated");
    expect(rows.at(-1)!.details).toEqual({ changes: { name: { from: "After", to: "Only name" } } });
  });

  it("writes no audit row when nothing changed", async () => {
    const before = await auditCount(handle.db, storeId);
    const { store } = await owner.caller.store.byId({ storeId });
    expect(
      await owner.caller.store.updateSettings({ storeId, name: store.name, timezone: store.timezone, currency: store.currency }),
    ).toEqual({ changed: false });
    expect(await auditCount(handle.db, storeId)).toBe(before);
  });

  it("is FORBIDDEN to a member without settings.manage", async () => {
    const { member, storeId: id } = await storeWithMember(ALL_PERMISSIONS.filter((p) => p !== "settings.manage"));
    const error = await rejection(member.caller.store.updateSettings({ storeId: id, name: "Hacked", timezone: "UTC", currency: "USD" }));
    expect(error.code).toBe("FORBIDDEN");
    expect((await member.caller.store.byId({ storeId: id })).store.name).toBe("Shop");
  });
});

describe("store.archive / store.unarchive", () => {
  it("hides an archived store from members, keeps it for the owner, and brings it back", async () => {
    const { owner, member, storeId } = await storeWithMember([...ALL_PERMISSIONS], "Seasonal");

    // A member holding every permission is still not the owner.
    expect((await rejection(member.caller.store.archive({ storeId }))).code).toBe("FORBIDDEN");

    await owner.caller.store.archive({ storeId });

    expect((await member.caller.store.list()).map((s) => s.id)).not.toContain(storeId);
    expect((await member.caller.store.list({ includeArchived: true })).map((s) => s.id)).not.toContain(storeId);
    expect(await outcome(member.caller.store.byId({ storeId }))).toBe("NOT_FOUND");
    expect(await outcome(member.caller.folder.list({ storeId }))).toBe("NOT_FOUND");

    expect((await owner.caller.store.list()).map((s) => s.id)).not.toContain(storeId);
    const withArchived = await owner.caller.store.list({ includeArchived: true });
    expect(withArchived.find((s) => s.id === storeId)?.archivedAt).toBeInstanceOf(Date);
    expect((await owner.caller.store.byId({ storeId })).store.archivedAt).toBeInstanceOf(Date);

    const again = await rejection(owner.caller.store.archive({ storeId }));
    expect(again.code).toBe("CONFLICT");
    expect(again.message).toMatch(/already archived/);

    await owner.caller.store.unarchive({ storeId });
    expect((await member.caller.store.byId({ storeId })).store.archivedAt).toBeNull();
    expect((await member.caller.store.list()).map((s) => s.id)).toContain(storeId);

    const notArchived = await rejection(owner.caller.store.unarchive({ storeId }));
    expect(notArchived.code).toBe("CONFLICT");
    expect(notArchived.message).toMatch(/not archived/);

    expect((await auditRows(storeId)).map((r) => r.action).filter((a) => a.startsWith("store."))).toEqual([
      "store.created",
      "store.archived",
      "store.unarchived",
    ]);
  });
});

describe("folders", () => {
  let owner: Actor;
  let storeId: number;
  const names = async () => (await owner.caller.folder.list({ storeId })).map((f) => f.name);

  beforeAll(async () => {
    owner = await newUser(handle.db, "folders");
    storeId = (await owner.caller.store.create({ name: "Folders" })).id;
  });

  it("creates a folder at the end and audits it", async () => {
    const folder = await owner.caller.folder.create({ storeId, name: "  Shipped " });
    expect(folder).toMatchObject({ name: "Shipped" });
    expect(await names()).toEqual(["New", "Prepared", "Closed", "Canceled", "Shipped"]);
    const list = await owner.caller.folder.list({ storeId });
    expect(list.at(-1)).toEqual({ id: folder!.id, name: "Shipped", position: 4 });
    expect(await auditRows(storeId, "folder.created")).toEqual([
      { action: "folder.created", actorLabel: owner.email, details: { name: "Shipped" } },
    ]);
  });

  it.each(["shipped", "SHIPPED", "new"])("refuses to create a duplicate name %j (case-insensitive)", async (name) => {
    const auditBefore = await auditCount(handle.db, storeId);
    const error = await rejection(owner.caller.folder.create({ storeId, name }));
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toBe(`A folder named "${name}" already exists.`);
    expect(clientShape(error, "folder.create").data.fieldErrors).toEqual({ name: [error.message] });
    expect(await names()).toEqual(["New", "Prepared", "Closed", "Canceled", "Shipped"]);
    expect(await auditCount(handle.db, storeId)).toBe(auditBefore);
  });

  it("allows the same folder name in another store", async () => {
    const other = await newUser(handle.db, "folders-other");
    const otherStore = (await other.caller.store.create({ name: "Other" })).id;
    await other.caller.folder.create({ storeId: otherStore, name: "Shipped" });
    expect((await other.caller.folder.list({ storeId: otherStore })).map((f) => f.name)).toContain("Shipped");
  });

  it("renames a folder, refusing a name another folder has", async () => {
    const list = await owner.caller.folder.list({ storeId });
    const prepared = list.find((f) => f.name === "Prepared")!;

    const error = await rejection(owner.caller.folder.rename({ storeId, folderId: prepared.id, name: "CLOSED" }));
    expect(error.code).toBe("CONFLICT");
    expect(await names()).toContain("Prepared");

    await owner.caller.folder.rename({ storeId, folderId: prepared.id, name: "Packed" });
    expect(await names()).toEqual(["New", "Packed", "Closed", "Canceled", "Shipped"]);
    expect(await auditRows(storeId, "folder.renamed")).toEqual([
      { action: "folder.renamed", actorLabel: owner.email, details: { from: "Prepared", to: "Packed" } },
    ]);

    // Changing only the case of its own name is not a conflict with itself.
    await owner.caller.folder.rename({ storeId, folderId: prepared.id, name: "PACKED" });
    expect(await names()).toContain("PACKED");
  });

  it("renaming an unknown folder is NOT_FOUND", async () => {
    expect(await outcome(owner.caller.folder.rename({ storeId, folderId: 2_000_000_000, name: "X" }))).toBe("NOT_FOUND");
  });

  it("reorders folders to exactly the given order", async () => {
    const ids = (await owner.caller.folder.list({ storeId })).map((f) => f.id);
    const reversed = [...ids].reverse();
    await owner.caller.folder.reorder({ storeId, folderIds: reversed });
    const after = await owner.caller.folder.list({ storeId });
    expect(after.map((f) => f.id)).toEqual(reversed);
    expect(after.map((f) => f.position)).toEqual([0, 1, 2, 3, 4]);
    const [audit] = await auditRows(storeId, "folders.reordered");
    expect(audit?.details).toEqual({ order: reversed });
  });

  describe("reorder with a wrong set of ids", () => {
    const cases: { name: string; ids: (current: number[], foreign: number) => number[] }[] = [
      { name: "one missing", ids: (c) => c.slice(1) },
      { name: "one repeated instead of another", ids: (c) => [c[0]!, ...c.slice(0, -1)] },
      { name: "an extra id", ids: (c) => [...c, 2_000_000_000] },
      { name: "another store's folder swapped in", ids: (c, foreign) => [...c.slice(1), foreign] },
    ];

    it.each(cases)("$name is BAD_REQUEST and leaves the order alone", async ({ ids }) => {
      const other = await newUser(handle.db, "reorder-foreign");
      const foreignStore = (await other.caller.store.create({ name: "Foreign" })).id;
      const [foreign] = await handle.db.select().from(folders).where(eq(folders.storeId, foreignStore)).limit(1);

      const before = await owner.caller.folder.list({ storeId });
      const auditBefore = await auditCount(handle.db, storeId);
      const error = await rejection(owner.caller.folder.reorder({ storeId, folderIds: ids(before.map((f) => f.id), foreign!.id) }));
      expect(error.code).toBe("BAD_REQUEST");
      expect(error.message).toMatch(/reload/);
      expect(await owner.caller.folder.list({ storeId })).toEqual(before);
      expect(await auditCount(handle.db, storeId)).toBe(auditBefore);
      expect((await other.caller.folder.list({ storeId: foreignStore })).find((f) => f.id === foreign!.id)?.position).toBe(
        foreign!.position,
      );
    });
  });

  it("deletes folders but never the last one", async () => {
    const other = await newUser(handle.db, "delete-folders");
    const id = (await other.caller.store.create({ name: "Deleting" })).id;
    const list = await other.caller.folder.list({ storeId: id });
    const [last, ...rest] = list;

    for (const folder of rest) await other.caller.folder.delete({ storeId: id, folderId: folder.id });
    expect(await other.caller.folder.list({ storeId: id })).toEqual([last]);
    expect((await auditRows(id, "folder.deleted")).map((r) => r.details)).toEqual([
      { name: "Prepared" },
      { name: "Closed" },
      { name: "Canceled" },
    ]);

    const error = await rejection(other.caller.folder.delete({ storeId: id, folderId: last!.id }));
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toMatch(/at least one folder/);
    expect(await other.caller.folder.list({ storeId: id })).toEqual([last]);

    expect(await outcome(other.caller.folder.delete({ storeId: id, folderId: rest[0]!.id }))).toBe("NOT_FOUND");
  });

  it("is FORBIDDEN to members without settings.manage", async () => {
    const { member, storeId: id } = await storeWithMember(["orders.read", "orders.write"]);
    const [folder] = await member.caller.folder.list({ storeId: id });
    expect(await outcome(member.caller.folder.create({ storeId: id, name: "Mine" }))).toBe("FORBIDDEN");
    expect(await outcome(member.caller.folder.rename({ storeId: id, folderId: folder!.id, name: "Mine" }))).toBe("FORBIDDEN");
    expect(await outcome(member.caller.folder.delete({ storeId: id, folderId: folder!.id }))).toBe("FORBIDDEN");
    expect((await member.caller.folder.list({ storeId: id })).map((f) => f.name)).toEqual(["New", "Prepared", "Closed", "Canceled"]);
  });
});

describe("store.auditLog", () => {
  it("pages through every event, newest first, without gaps or repeats", async () => {
    const owner = await newUser(handle.db, "audit");
    const storeId = (await owner.caller.store.create({ name: "Audited" })).id;
    for (const name of ["A", "B", "C", "D", "E", "F"]) await owner.caller.folder.create({ storeId, name });
    // Another store's events must not show up.
    const stranger = await newUser(handle.db, "audit-other");
    const otherStore = (await stranger.caller.store.create({ name: "Elsewhere" })).id;
    await stranger.caller.folder.create({ storeId: otherStore, name: "Z" });

    const all = await owner.caller.store.auditLog({ storeId, limit: 100 });
    expect(all.nextCursor).toBeUndefined();
    expect(all.items.map((e) => [e.action, e.details])).toEqual([
      ...["F", "E", "D", "C", "B", "A"].map((name) => ["folder.created", { name }]),
      ["store.created", { name: "Audited" }],
    ]);

    const pages: number[][] = [];
    let cursor: number | undefined;
    do {
      const page = await owner.caller.store.auditLog({ storeId, limit: 3, cursor });
      pages.push(page.items.map((e) => e.id));
      cursor = page.nextCursor;
      expect(pages.length).toBeLessThan(10);
    } while (cursor !== undefined);

    expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
    expect(pages.flat()).toEqual(all.items.map((e) => e.id));

    // An exact multiple of the page size ends without an extra, empty page.
    const exact = await owner.caller.store.auditLog({ storeId, limit: 7 });
    expect(exact.items).toHaveLength(7);
    expect(exact.nextCursor).toBeUndefined();
  });

  it("is visible only with users.manage", async () => {
    const { member: without, storeId, owner } = await storeWithMember(ALL_PERMISSIONS.filter((p) => p !== "users.manage"));
    const withIt = await newUser(handle.db, "auditor");
    await owner.caller.member.add({ storeId, email: withIt.email, permissions: ["users.manage"] });

    expect(await outcome(without.caller.store.auditLog({ storeId }))).toBe("FORBIDDEN");
    const log = await withIt.caller.store.auditLog({ storeId });
    expect(log.items.map((e) => e.action)).toEqual(["member.added", "member.added", "store.created"]);
  });
});
