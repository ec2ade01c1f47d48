import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ruleToGraph, type Rule } from "@/rules";
import type { DatabaseHandle } from "@/db/client";
import { folders, libraryRules, rules, ruleVersions } from "@/db/schema";
import { newUser } from "../helpers/actors";
import { createTestDatabase } from "../helpers/database";
import { rejection } from "../helpers/trpc-errors";

let handle: DatabaseHandle;
let supplier: Awaited<ReturnType<typeof newUser>>;
let client: Awaited<ReturnType<typeof newUser>>;
let storeA: number;
let storeB: number;
let storeC: number;
/** A client's store where the supplier is a member without "rules.manage". */
let storeD: number;
/** The supplier's store without a "Wholesale" folder. */
let storeE: number;
const wholesale = new Map<number, number>();

beforeAll(async () => {
  handle = await createTestDatabase();
  supplier = await newUser(handle.db, "supplier");
  client = await newUser(handle.db, "client");
  storeA = (await supplier.caller.store.create({ name: "Supplier A" })).id;
  storeB = (await supplier.caller.store.create({ name: "Client B" })).id;
  storeC = (await supplier.caller.store.create({ name: "Client C" })).id;
  storeE = (await supplier.caller.store.create({ name: "Client E" })).id;
  storeD = (await client.caller.store.create({ name: "Client D" })).id;
  await client.caller.member.add({ storeId: storeD, email: supplier.email, permissions: ["orders.read"] });
  // Created in a different order per store, so the ids differ; C spells it in another case.
  await supplier.caller.folder.create({ storeId: storeB, name: "Returns" });
  for (const [storeId, name] of [[storeA, "Wholesale"], [storeB, "Wholesale"], [storeC, "WHOLESALE"], [storeD, "Wholesale"]] as const) {
    const caller = storeId === storeD ? client.caller : supplier.caller;
    await caller.folder.create({ storeId, name });
    const [row] = await handle.db.select({ id: folders.id }).from(folders).where(and(eq(folders.storeId, storeId), eq(folders.name, name)));
    wholesale.set(storeId, row!.id);
  }
});
afterAll(() => handle?.close());

const moveRule = (name: string, folderId: number, tag = "wholesale"): Rule => ({
  version: 1,
  id: "draft",
  name,
  trigger: { kind: "order.created", nodeId: "t" },
  scope: { kind: "order" },
  body: [
    { kind: "action", nodeId: "tag", action: { kind: "add_tag", input: { tag } } },
    { kind: "action", nodeId: "move", action: { kind: "move_to_folder", input: { folderId } } },
  ],
});

const ruleRow = async (ruleId: number) => (await handle.db.select().from(rules).where(eq(rules.id, ruleId)))[0]!;
const movedTo = (dsl: unknown) => (dsl as Rule).body.flatMap((s) => (s.kind === "action" && s.action.kind === "move_to_folder" ? [s.action.input.folderId] : []));
const tagOf = (dsl: unknown) => (dsl as Rule).body.flatMap((s) => (s.kind === "action" && s.action.kind === "add_tag" ? [s.action.input.tag] : []));
const countRows = async () => ({
  rules: (await handle.db.select({ id: rules.id }).from(rules)).length,
  versions: (await handle.db.select({ id: ruleVersions.id }).from(ruleVersions)).length,
});

describe("the rule library", () => {
  let sourceRuleId: number;
  let libraryRuleId: number;
  let ruleB: number;
  let ruleC: number;

  it("saves a store rule to the library with the names of its folders", async () => {
    sourceRuleId = (await supplier.caller.rule.save({ storeId: storeA, name: "Wholesale orders", graph: ruleToGraph(moveRule("Wholesale orders", wholesale.get(storeA)!)) })).id;
    const saved = await supplier.caller.library.saveToLibrary({ storeId: storeA, ruleId: sourceRuleId, name: "Wholesale orders" });
    libraryRuleId = saved.id;
    expect(saved.version).toBe(1);
    const [row] = await handle.db.select().from(libraryRules).where(eq(libraryRules.id, libraryRuleId));
    expect(row!.ownerUserId).toBe(supplier.id);
    expect(row!.folderNames).toEqual({ [String(wholesale.get(storeA))]: "Wholesale" });
    expect((await ruleRow(sourceRuleId)).libraryRuleId).toBe(libraryRuleId);
  });

  it("refuses to save from a store the user cannot manage rules in, or a rule of another store", async () => {
    const other = (await client.caller.rule.save({ storeId: storeD, name: "Client's", graph: ruleToGraph(moveRule("Client's", wholesale.get(storeD)!)) })).id;
    expect((await rejection(supplier.caller.library.saveToLibrary({ storeId: storeD, ruleId: other, name: "stolen" }))).code).toBe("FORBIDDEN");
    expect((await rejection(supplier.caller.library.saveToLibrary({ storeId: storeA, ruleId: other, name: "stolen" }))).code).toBe("NOT_FOUND");
    expect((await rejection(client.caller.library.saveToLibrary({ storeId: storeA, ruleId: sourceRuleId, name: "stolen" }))).code).toBe("NOT_FOUND");
    expect(await client.caller.library.list()).toEqual([]);
  });

  it("applies it to other stores, remapping folders by name (case-insensitive), created off and linked", async () => {
    const results = await supplier.caller.library.applyToStores({ libraryRuleId, storeIds: [storeB, storeC] });
    expect(results.map((r) => [r.storeId, r.status])).toEqual([
      [storeB, "created"],
      [storeC, "created"],
    ]);
    ruleB = results[0]!.ruleId;
    ruleC = results[1]!.ruleId;
    const b = await ruleRow(ruleB);
    const c = await ruleRow(ruleC);
    expect(b.storeId).toBe(storeB);
    expect(movedTo(b.dsl)).toEqual([wholesale.get(storeB)]);
    expect(wholesale.get(storeB)).not.toBe(wholesale.get(storeA));
    expect(movedTo(c.dsl)).toEqual([wholesale.get(storeC)]);
    expect(b).toMatchObject({ enabled: false, libraryRuleId, libraryVersion: 1, overridden: false, ownerUserId: supplier.id, version: 1 });

    const listed = await supplier.caller.rule.list({ storeId: storeB });
    expect(listed.find((r) => r.id === ruleB)).toMatchObject({ libraryRuleId, overridden: false });
    const [entry] = await supplier.caller.library.list();
    expect(entry!.stores.map((s) => s.storeId).sort()).toEqual([storeA, storeB, storeC].sort());
  });

  it("re-applies a new library version: linked rules are updated, rules edited in their store are skipped", async () => {
    // C's manager edits the rule in C: it is overridden from now on.
    await supplier.caller.rule.save({ storeId: storeC, ruleId: ruleC, name: "Wholesale orders (C)", graph: ruleToGraph(moveRule("Wholesale orders (C)", wholesale.get(storeC)!, "c-only")) });
    expect((await ruleRow(ruleC)).overridden).toBe(true);

    await supplier.caller.rule.save({ storeId: storeA, ruleId: sourceRuleId, name: "Wholesale orders", graph: ruleToGraph(moveRule("Wholesale orders", wholesale.get(storeA)!, "wholesale-v2")) });
    const saved = await supplier.caller.library.saveToLibrary({ storeId: storeA, ruleId: sourceRuleId, name: "Wholesale orders", libraryRuleId });
    expect(saved).toEqual({ id: libraryRuleId, version: 2 });

    const results = await supplier.caller.library.applyToStores({ libraryRuleId, storeIds: [storeB, storeC] });
    expect(results.map((r) => [r.storeId, r.ruleId, r.status])).toEqual([
      [storeB, ruleB, "updated"],
      [storeC, ruleC, "skipped_overridden"],
    ]);
    const b = await ruleRow(ruleB);
    expect(b).toMatchObject({ version: 2, libraryVersion: 2, overridden: false });
    expect(tagOf(b.dsl)).toEqual(["wholesale-v2"]);
    expect(movedTo(b.dsl)).toEqual([wholesale.get(storeB)]);
    const c = await ruleRow(ruleC);
    expect(tagOf(c.dsl)).toEqual(["c-only"]);
    expect(c.libraryVersion).toBe(1);

    const [entry] = await supplier.caller.library.list();
    expect(entry!.stores.find((s) => s.storeId === storeC)).toMatchObject({ ruleId: ruleC, overridden: true, libraryVersion: 1 });
  });

  it("resets an overridden rule to the library", async () => {
    const reset = await supplier.caller.rule.resetToLibrary({ storeId: storeC, ruleId: ruleC });
    expect(reset.libraryVersion).toBe(2);
    const c = await ruleRow(ruleC);
    expect(c).toMatchObject({ overridden: false, libraryVersion: 2, name: "Wholesale orders" });
    expect(tagOf(c.dsl)).toEqual(["wholesale-v2"]);
    expect(movedTo(c.dsl)).toEqual([wholesale.get(storeC)]);
    // A rule not from the library cannot be reset.
    const plain = (await supplier.caller.rule.save({ storeId: storeC, name: "Plain", graph: ruleToGraph(moveRule("Plain", wholesale.get(storeC)!)) })).id;
    expect((await rejection(supplier.caller.rule.resetToLibrary({ storeId: storeC, ruleId: plain }))).code).toBe("BAD_REQUEST");
  });

  it("refuses a store the user cannot manage, naming it, and saves nothing anywhere", async () => {
    const before = await countRows();
    const bBefore = await ruleRow(ruleB);
    const error = await rejection(supplier.caller.library.applyToStores({ libraryRuleId, storeIds: [storeB, storeD] }));
    expect(error.code).toBe("FORBIDDEN");
    expect(error.message).toContain("Client D");
    expect(await countRows()).toEqual(before);
    expect(await ruleRow(ruleB)).toEqual(bBefore);
    // A store the user is not a member of at all is not revealed.
    const stranger = await newUser(handle.db, "stranger");
    const strangersStore = (await stranger.caller.store.create({ name: "Secret" })).id;
    const hidden = await rejection(supplier.caller.library.applyToStores({ libraryRuleId, storeIds: [strangersStore] }));
    expect(hidden.code).toBe("NOT_FOUND");
    expect(hidden.message).not.toContain("Secret");
    expect(await countRows()).toEqual(before);
  });

  it("refuses a store without a folder of the same name, naming the folder and the store", async () => {
    const before = await countRows();
    const error = await rejection(supplier.caller.library.applyToStores({ libraryRuleId, storeIds: [storeB, storeE] }));
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toContain('"Wholesale"');
    expect(error.message).toContain("Client E");
    expect(await countRows()).toEqual(before);
  });

  it("keeps library rules private to their owner", async () => {
    expect((await rejection(client.caller.library.applyToStores({ libraryRuleId, storeIds: [storeD] }))).code).toBe("NOT_FOUND");
    expect((await rejection(client.caller.library.delete({ libraryRuleId }))).code).toBe("NOT_FOUND");
  });

  it("deletes a library rule; the store rules stay, unlinked", async () => {
    await supplier.caller.library.delete({ libraryRuleId });
    expect(await supplier.caller.library.list()).toEqual([]);
    const b = await ruleRow(ruleB);
    expect(b.libraryRuleId).toBeNull();
    expect(movedTo(b.dsl)).toEqual([wholesale.get(storeB)]);
  });
});
