import { z } from "zod";
import {
  backtestRule,
  deleteRule,
  duplicateRule,
  getRule,
  listRuleRunsForOrder,
  listManualRules,
  listRules,
  listRuleVersions,
  reorderRules,
  restoreRuleVersion,
  runRulesManually,
  saveRule,
  setRuleEnabled,
  testRuleOnOrder,
} from "@/server/rules/service";
import { resetToLibrary } from "@/server/rules/library";
import { requirePermission, router } from "../init";

const ruleId = z.number().int().positive();
const orderId = z.number().int().positive();
const name = z.string().trim().min(1, "Give the rule a name.").max(120);
/** The editor's graph; its shape is checked by the rule compiler, with errors tied to nodes. */
const graph = z.unknown();

export const ruleRouter = router({
  list: requirePermission("rules.manage").query(({ ctx }) => listRules(ctx.scope)),
  byId: requirePermission("rules.manage")
    .input(z.object({ ruleId }))
    .query(({ ctx, input }) => getRule(ctx.scope, input.ruleId)),
  save: requirePermission("rules.manage")
    .input(z.object({ ruleId: ruleId.optional(), name, graph }))
    .mutation(({ ctx, input }) => saveRule(ctx.scope, input)),
  setEnabled: requirePermission("rules.manage")
    .input(z.object({ ruleId, enabled: z.boolean() }))
    .mutation(({ ctx, input }) => setRuleEnabled(ctx.scope, input.ruleId, input.enabled)),
  reorder: requirePermission("rules.manage")
    .input(z.object({ ruleIds: z.array(ruleId).max(1000) }))
    .mutation(({ ctx, input }) => reorderRules(ctx.scope, input.ruleIds)),
  duplicate: requirePermission("rules.manage")
    .input(z.object({ ruleId }))
    .mutation(({ ctx, input }) => duplicateRule(ctx.scope, input.ruleId)),
  delete: requirePermission("rules.manage")
    .input(z.object({ ruleId }))
    .mutation(({ ctx, input }) => deleteRule(ctx.scope, input.ruleId)),
  /** Drops the store's edits to a rule applied from the caller's library: its library version again. */
  resetToLibrary: requirePermission("rules.manage")
    .input(z.object({ ruleId }))
    .mutation(({ ctx, input }) => resetToLibrary(ctx.scope, input.ruleId)),
  versions: requirePermission("rules.manage")
    .input(z.object({ ruleId }))
    .query(({ ctx, input }) => listRuleVersions(ctx.scope, input.ruleId)),
  restore: requirePermission("rules.manage")
    .input(z.object({ ruleId, version: z.number().int().positive() }))
    .mutation(({ ctx, input }) => restoreRuleVersion(ctx.scope, input.ruleId, input.version)),
  testOnOrder: requirePermission("rules.manage")
    .input(z.object({ ruleId: ruleId.optional(), name: name.optional(), graph: graph.optional(), orderId }))
    .mutation(({ ctx, input }) => testRuleOnOrder(ctx.scope, input)),
  backtest: requirePermission("rules.manage")
    .input(z.object({ ruleId: ruleId.optional(), name: name.optional(), graph: graph.optional(), folderId: z.number().int().positive().optional(), limit: z.number().int().min(1).max(500).default(50) }))
    .mutation(({ ctx, input }) => backtestRule(ctx.scope, input)),
  runsForOrder: requirePermission("orders.read")
    .input(z.object({ orderId }))
    .query(({ ctx, input }) => listRuleRunsForOrder(ctx.scope, input.orderId)),
  manualRules: requirePermission("orders.write").query(({ ctx }) => listManualRules(ctx.scope)),
  runOnOrders: requirePermission("orders.write")
    .input(z.object({ ruleIds: z.array(ruleId).min(1).max(50), orderIds: z.array(orderId).min(1).max(500) }))
    .mutation(({ ctx, input }) => runRulesManually(ctx.scope, input)),
});
