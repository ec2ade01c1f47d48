import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { ALL_PERMISSIONS } from "@/server/permissions";
import type { Access } from "@/server/trpc/init";
import { appRouter } from "@/server/trpc/root";
import { callerFor, newUser } from "../helpers/actors";
import { createTestDatabase } from "../helpers/database";
import type { CrossStoreCases } from "./cross-store/types";
import { outcome } from "../helpers/trpc-errors";

type AnyCaller = Record<string, unknown>;
type ProcedureDef = { _def: { meta?: { access?: Access }; inputs: unknown[] } };

const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, ProcedureDef>).map(([path, p]) => ({
  path,
  access: p._def.meta?.access,
  inputKeys: p._def.inputs.flatMap((schema) => {
    const shape = (schema as { shape?: Record<string, unknown> }).shape;
    return shape ? Object.keys(shape) : [];
  }),
}));

/** Deliberately public procedures; adding one means adding it here, on purpose. */
const PUBLIC = ["account.signUp"];

function call(caller: unknown, path: string, input: unknown): Promise<unknown> {
  const fn = path.split(".").reduce((node, key) => (node as AnyCaller)[key], caller) as (i: unknown) => Promise<unknown>;
  return fn(input);
}


let handle: DatabaseHandle;
let ownerA: Awaited<ReturnType<typeof newUser>>;
let ownerB: Awaited<ReturnType<typeof newUser>>;
let bare: Awaited<ReturnType<typeof newUser>>;
let everything: Awaited<ReturnType<typeof newUser>>;
let storeA: number;
let storeB: number;

beforeAll(async () => {
  handle = await createTestDatabase();
  [ownerA, ownerB, bare, everything] = await Promise.all([
    newUser(handle.db, "owner-a"),
    newUser(handle.db, "owner-b"),
    newUser(handle.db, "no-permissions"),
    newUser(handle.db, "all-permissions"),
  ]);
  storeA = (await ownerA.caller.store.create({ name: "Store A" })).id;
  storeB = (await ownerB.caller.store.create({ name: "Store B" })).id;
  await ownerA.caller.member.add({ storeId: storeA, email: bare.email, permissions: [] });
  await ownerA.caller.member.add({ storeId: storeA, email: everything.email, permissions: [...ALL_PERMISSIONS] });
});

afterAll(() => handle?.close());

describe("every procedure declares who may call it", () => {
  it("has an access level on each procedure", () => {
    expect(procedures.length).toBeGreaterThan(10);
    expect(procedures.filter((p) => !p.access).map((p) => p.path)).toEqual([]);
  });

  it("has only the listed public procedures", () => {
    expect(procedures.filter((p) => p.access?.scope === "public").map((p) => p.path).sort()).toEqual(PUBLIC);
  });
});

const storeScoped = procedures.filter((p) => p.access?.scope === "store");
const userScoped = procedures.filter((p) => p.access?.scope === "user" || p.access?.scope === "store");

describe.each(userScoped)("$path without a session", ({ path }) => {
  it("is UNAUTHORIZED", async () => {
    expect(await outcome(call(callerFor(handle.db, null), path, { storeId: storeA }))).toBe("UNAUTHORIZED");
  });
});

describe.each(storeScoped)("$path ($access.permission)", ({ path, access }) => {
  const permission = access?.scope === "store" ? access.permission : "member";

  it("is NOT_FOUND for the owner of another store", async () => {
    expect(await outcome(call(ownerA.caller, path, { storeId: storeB }))).toBe("NOT_FOUND");
  });

  it("is NOT_FOUND for a store that does not exist", async () => {
    expect(await outcome(call(ownerA.caller, path, { storeId: 2_000_000_000 }))).toBe("NOT_FOUND");
  });

  it("is refused to a member without the permission, allowed past the guard otherwise", async () => {
    const code = await outcome(call(bare.caller, path, { storeId: storeA }));
    if (permission === "member") expect(["OK", "BAD_REQUEST"]).toContain(code);
    else expect(code).toBe("FORBIDDEN");
  });

  it("lets a member with every permission through, except owner-only procedures", async () => {
    const code = await outcome(call(everything.caller, path, { storeId: storeA }));
    if (permission === "owner") expect(code).toBe("FORBIDDEN");
    else expect(["OK", "BAD_REQUEST"]).toContain(code);
  });
});

/**
 * Procedures that take the id of a row inside a store must not reach a row of another store
 * through a store the caller does own. Each one gets a case in cross-store/*.ts; the first test
 * fails when a new id-taking procedure has none.
 */
const modules = import.meta.glob<{ cases: CrossStoreCases }>("./cross-store/*.ts", { eager: true });
const crossStoreCases: CrossStoreCases = Object.assign({}, ...Object.values(modules).map((m) => m.cases ?? {}));

describe("row ids of another store", () => {
  const idTaking = storeScoped.filter((p) => p.inputKeys.some((k) => k !== "storeId" && /Ids?$/.test(k)));

  it("has a cross-store case for every procedure that takes a row id", () => {
    expect(idTaking.map((p) => p.path).sort()).toEqual(Object.keys(crossStoreCases).sort());
  });

  it.each(Object.keys(crossStoreCases))("%s cannot reach store B's rows through store A", async (path) => {
    const { input, unchanged, succeedsWith } = await crossStoreCases[path]!({ db: handle.db, storeA, storeB, ownerA, ownerB });
    const attempt = call(ownerA.caller, path, { storeId: storeA, ...input });
    if (succeedsWith) succeedsWith(await attempt);
    else expect(["NOT_FOUND", "BAD_REQUEST"]).toContain(await outcome(attempt));
    await unchanged();
  });
});
