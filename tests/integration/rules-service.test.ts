import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ruleToGraph, type Rule, type RuleGraph } from "@/rules";
import type { DatabaseHandle } from "@/db/client";
import { rules } from "@/db/schema";
import { ingestOrder } from "@/server/orders/ingest";
import { orderInput } from "@/server/orders/schemas";
import { ALL_PERMISSIONS } from "@/server/permissions";
import { newUser } from "../helpers/actors";
import { createTestDatabase } from "../helpers/database";

let handle: DatabaseHandle;
let owner: Awaited<ReturnType<typeof newUser>>;
let stranger: Awaited<ReturnType<typeof newUser>>;
let storeId: number;
let strangersStore: number;

beforeAll(async () => {
  handle = await createTestDatabase();
  owner = await newUser(handle.db, "rule-service");
  stranger = await newUser(handle.db, "rule-stranger");
  storeId = (await owner.caller.store.create({ name: "Rule service" })).id;
  strangersStore = (await stranger.caller.store.create({ name: "Not yours" })).id;
});
afterAll(() => handle?.close());

const tagRule = (name: string, tag = "x", condition?: Rule["body"][number]): Rule => ({
  version: 1,
  id: "draft",
  name,
  trigger: { kind: "order.created", nodeId: "t" },
  scope: { kind: "order" },
  body: condition ? [condition] : [{ kind: "action", nodeId: "a", action: { kind: "add_tag", input: { tag } } }],
});

/** The fieldErrors a refused save carries (keyed by node). */
async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  const cause = (error as TRPCError).cause as { fieldErrors?: Record<string, string[]> } | undefined;
  return { message: (error as TRPCError).message, fieldErrors: cause?.fieldErrors ?? {} };
}

const ruleCount = async () => (await handle.db.select().from(rules).where(eq(rules.storeId, storeId))).length;

describe("saving rules", () => {
  it("refuses bad graphs with a message naming the node, and saves nothing", async () => {
    const before = await ruleCount();
    const good = ruleToGraph(tagRule("Cycle"));
    const cyclic: RuleGraph = { ...good, edges: [...good.edges, { id: "a:next->t", source: "a", target: "t", sourceHandle: null }] };
    const cycle = await refusal(owner.caller.rule.save({ storeId, name: "Cycle", graph: cyclic }));
    expect(Object.keys(cycle.fieldErrors).some((k) => k.startsWith("node:") || k.startsWith("edge:"))).toBe(true);

    const regex = await refusal(
      owner.caller.rule.save({
        storeId,
        name: "Backtracking",
        graph: ruleToGraph(
          tagRule("Backtracking", "x", {
            kind: "if",
            nodeId: "slow",
            condition: { field: "email", op: "matches_regex", value: "(a+)+$" },
            then: [{ kind: "action", nodeId: "a", action: { kind: "add_tag", input: { tag: "x" } } }],
            else: [],
          }),
        ),
      }),
    );
    expect(regex.fieldErrors["node:slow"]?.join(" ")).toMatch(/pattern|backtrack/i);

    const unreachable = await refusal(
      owner.caller.rule.save({
        storeId,
        name: "Elsewhere",
        graph: ruleToGraph({ ...tagRule("Elsewhere"), body: [{ kind: "action", nodeId: "copy", action: { kind: "copy_to_store", input: { storeId: strangersStore } } }] }),
      }),
    );
    expect(unreachable.fieldErrors["node:copy"]?.[0]).toMatch(/store .* not one you can reach/);

    const notAGraph = await refusal(owner.caller.rule.save({ storeId, name: "Junk", graph: { nodes: "nope" } }));
    expect(notAGraph.message.length).toBeGreaterThan(0);
    expect(await ruleCount()).toBe(before);
  });

  it("versions every save, restores an old version as a new one, reorders, duplicates and deletes", async () => {
    const first = await owner.caller.rule.save({ storeId, name: "Versioned", graph: ruleToGraph(tagRule("Versioned", "one")) });
    await owner.caller.rule.save({ storeId, ruleId: first.id, name: "Versioned", graph: ruleToGraph(tagRule("Versioned", "two")) });
    const versions = await owner.caller.rule.versions({ storeId, ruleId: first.id });
    expect(versions.map((v) => v.version)).toEqual([2, 1]);
    const restored = await owner.caller.rule.restore({ storeId, ruleId: first.id, version: 1 });
    expect(restored.version).toBe(3);
    const current = await owner.caller.rule.byId({ storeId, ruleId: first.id });
    expect(JSON.stringify(current.dsl)).toContain('"one"');

    const copy = await owner.caller.rule.duplicate({ storeId, ruleId: first.id });
    const ids = (await owner.caller.rule.list({ storeId })).map((r) => r.id);
    await owner.caller.rule.reorder({ storeId, ruleIds: [...ids].reverse() });
    expect((await owner.caller.rule.list({ storeId })).map((r) => r.id)).toEqual([...ids].reverse());
    await expect(owner.caller.rule.reorder({ storeId, ruleIds: ids.slice(1) })).rejects.toThrow(/every rule/);
    await owner.caller.rule.delete({ storeId, ruleId: copy.id });
    expect((await owner.caller.rule.list({ storeId })).map((r) => r.id)).not.toContain(copy.id);
  });

  it("tests a rule on an order and backtests it, explaining and changing nothing", async () => {
    const scope = { db: handle.db, storeId, actor: { kind: "system" as const, name: "test", permissions: ALL_PERMISSIONS } };
    const us = await ingestOrder(scope, orderInput.parse({ shipping: { country: "US" } }), { via: "test" });
    await ingestOrder(scope, orderInput.parse({ shipping: { country: "DE" } }), { via: "test" });
    const graph = ruleToGraph(
      tagRule("US only", "x", {
        kind: "if",
        nodeId: "c",
        condition: { field: "shipping.country", op: "equals", value: "us" },
        then: [{ kind: "action", nodeId: "a", action: { kind: "add_tag", input: { tag: "domestic" } } }],
        else: [],
      }),
    );
    const tested = await owner.caller.rule.testOnOrder({ storeId, name: "US only", graph, orderId: us.orderId });
    expect(tested.intents.map((i) => i.kind)).toEqual(["add_tag"]);
    expect(tested.explanation.join("\n")).toMatch(/equals "us" \(ignoring case\)/);
    const backtest = await owner.caller.rule.backtest({ storeId, name: "US only", graph, limit: 10 });
    expect(backtest.matched).toBe(1);
    const order = await owner.caller.order.byId({ storeId, orderId: us.orderId });
    expect(order.tags).toEqual([]);
  });
});
