import { eq } from "drizzle-orm";
import { expect } from "vitest";
import { ruleToGraph } from "@/rules";
import { orders, ruleRuns, rules, ruleVersions } from "@/db/schema";
import { ingestOrder } from "@/server/orders/ingest";
import { ALL_PERMISSIONS } from "@/server/permissions";
import type { CrossStoreCases, CrossStoreContext } from "./types";

const graphOf = (name: string) =>
  ruleToGraph({ version: 1, id: "draft", name, trigger: { kind: "manual", nodeId: "t" }, scope: { kind: "order" }, body: [{ kind: "action", nodeId: "a", action: { kind: "add_tag", input: { tag: "b" } } }] });

/** A rule of store B (saved, two versions), and a check that it and its versions are unchanged. */
async function ruleOfB(ctx: CrossStoreContext) {
  const saved = await ctx.ownerB.caller.rule.save({ storeId: ctx.storeB, name: "B's rule", graph: graphOf("B's rule") });
  await ctx.ownerB.caller.rule.save({ storeId: ctx.storeB, ruleId: saved.id, name: "B's rule", graph: graphOf("B's rule") });
  const snapshot = async () => ({
    rule: (await ctx.db.select().from(rules).where(eq(rules.id, saved.id)))[0],
    versions: (await ctx.db.select().from(ruleVersions).where(eq(ruleVersions.ruleId, saved.id))).length,
  });
  const before = await snapshot();
  expect(before.rule).toBeDefined();
  return { ruleId: saved.id, unchanged: async () => expect(await snapshot()).toEqual(before) };
}

/** An order of store B, and a check that it (and its rule runs) did not change. */
async function orderOfB(ctx: CrossStoreContext) {
  const scope = { db: ctx.db, storeId: ctx.storeB, actor: { kind: "system" as const, name: "test", permissions: ALL_PERMISSIONS } };
  const { orderId } = await ingestOrder(scope, { email: "b@example.test" }, { via: "test" });
  const snapshot = async () => ({
    order: (await ctx.db.select().from(orders).where(eq(orders.id, orderId)))[0],
    runs: (await ctx.db.select().from(ruleRuns).where(eq(ruleRuns.orderId, orderId))).length,
  });
  const before = await snapshot();
  return { orderId, unchanged: async () => expect(await snapshot()).toEqual(before) };
}

/** A rule and an order of store A, for inputs that mix A's rows with B's. */
async function ruleOfA(ctx: CrossStoreContext) {
  return (await ctx.ownerA.caller.rule.save({ storeId: ctx.storeA, name: "A's rule", graph: graphOf("A's rule") })).id;
}

export const cases: CrossStoreCases = {
  "rule.byId": async (ctx) => {
    const { ruleId, unchanged } = await ruleOfB(ctx);
    return { input: { ruleId }, unchanged };
  },
  "rule.save": async (ctx) => {
    const { ruleId, unchanged } = await ruleOfB(ctx);
    return { input: { ruleId, name: "hijacked", graph: graphOf("hijacked") }, unchanged };
  },
  "rule.setEnabled": async (ctx) => {
    const { ruleId, unchanged } = await ruleOfB(ctx);
    return { input: { ruleId, enabled: true }, unchanged };
  },
  "rule.reorder": async (ctx) => {
    const { ruleId, unchanged } = await ruleOfB(ctx);
    return { input: { ruleIds: [ruleId] }, unchanged };
  },
  "rule.duplicate": async (ctx) => {
    const { ruleId, unchanged } = await ruleOfB(ctx);
    return { input: { ruleId }, unchanged };
  },
  "rule.delete": async (ctx) => {
    const { ruleId, unchanged } = await ruleOfB(ctx);
    return { input: { ruleId }, unchanged };
  },
  "rule.versions": async (ctx) => {
    const { ruleId, unchanged } = await ruleOfB(ctx);
    return { input: { ruleId }, unchanged };
  },
  "rule.restore": async (ctx) => {
    const { ruleId, unchanged } = await ruleOfB(ctx);
    return { input: { ruleId, version: 1 }, unchanged };
  },
  "rule.testOnOrder": async (ctx) => {
    // A's own rule on B's order: the order must stay out of reach.
    const ruleId = await ruleOfA(ctx);
    const { orderId, unchanged } = await orderOfB(ctx);
    return { input: { ruleId, orderId }, unchanged };
  },
  "rule.backtest": async (ctx) => {
    const { ruleId, unchanged } = await ruleOfB(ctx);
    return { input: { ruleId, limit: 5 }, unchanged };
  },
  "rule.runsForOrder": async (ctx) => {
    const { orderId, unchanged } = await orderOfB(ctx);
    return { input: { orderId }, unchanged };
  },
  "rule.runOnOrders": async (ctx) => {
    const ruleId = await ruleOfA(ctx);
    const { orderId, unchanged } = await orderOfB(ctx);
    return { input: { ruleIds: [ruleId], orderIds: [orderId] }, unchanged };
  },
};
