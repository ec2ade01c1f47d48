import { eq } from "drizzle-orm";
import { expect } from "vitest";
import { ruleToGraph } from "@/rules";
import { rules, ruleVersions } from "@/db/schema";
import type { CrossStoreCases } from "./types";

const graphOf = (name: string, tag: string) =>
  ruleToGraph({ version: 1, id: "draft", name, trigger: { kind: "manual", nodeId: "t" }, scope: { kind: "order" }, body: [{ kind: "action", nodeId: "a", action: { kind: "add_tag", input: { tag } } }] });

export const cases: CrossStoreCases = {
  "rule.resetToLibrary": async (ctx) => {
    // A rule of store B saved to B's owner's library, then edited in B (overridden): a reset
    // would change it, so it must stay out of reach through store A.
    const { id: ruleId } = await ctx.ownerB.caller.rule.save({ storeId: ctx.storeB, name: "B's library rule", graph: graphOf("B's library rule", "b") });
    await ctx.ownerB.caller.library.saveToLibrary({ storeId: ctx.storeB, ruleId, name: "B's library rule" });
    await ctx.ownerB.caller.rule.save({ storeId: ctx.storeB, ruleId, name: "B's edit", graph: graphOf("B's edit", "edited") });
    const snapshot = async () => ({
      rule: (await ctx.db.select().from(rules).where(eq(rules.id, ruleId)))[0],
      versions: (await ctx.db.select().from(ruleVersions).where(eq(ruleVersions.ruleId, ruleId))).length,
    });
    const before = await snapshot();
    expect(before.rule).toMatchObject({ overridden: true });
    return { input: { ruleId }, unchanged: async () => expect(await snapshot()).toEqual(before) };
  },
};
