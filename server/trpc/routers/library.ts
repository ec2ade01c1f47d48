import { z } from "zod";
import { applyLibraryRule, deleteLibraryRule, listLibrary, saveToLibrary } from "@/server/rules/library";
import { protectedProcedure, router } from "../init";

const id = z.number().int().positive();

/**
 * The signed-in user's rule library. These are user procedures: the store ids they take are
 * checked by the service (membership and "rules.manage" in each store), never trusted.
 */
export const libraryRouter = router({
  list: protectedProcedure.query(({ ctx }) => listLibrary(ctx.userScope)),
  saveToLibrary: protectedProcedure
    .input(z.object({ storeId: id, ruleId: id, name: z.string().trim().min(1, "Give the library rule a name.").max(120), libraryRuleId: id.optional() }))
    .mutation(({ ctx, input }) => saveToLibrary(ctx.userScope, input)),
  applyToStores: protectedProcedure
    .input(z.object({ libraryRuleId: id, storeIds: z.array(id).min(1, "Choose at least one store.").max(200) }))
    .mutation(({ ctx, input }) => applyLibraryRule(ctx.userScope, input)),
  delete: protectedProcedure.input(z.object({ libraryRuleId: id })).mutation(({ ctx, input }) => deleteLibraryRule(ctx.userScope, input.libraryRuleId)),
});
