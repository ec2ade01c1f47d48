import { z } from "zod";
import { listAuditEvents } from "@/server/audit/service";
import { createStoreInput, updateSettingsInput } from "@/server/stores/schemas";
import {
  archiveStore,
  createStore,
  getStore,
  getStoreOverview,
  listReachableStores,
  unarchiveStore,
  updateStoreSettings,
} from "@/server/stores/service";
import { isOwner } from "@/server/scope";
import { ownerProcedure, protectedProcedure, requirePermission, router, storeProcedure } from "../init";

export const storeRouter = router({
  /** Stores the signed-in user can reach (for the switcher). */
  list: protectedProcedure
    .input(z.object({ includeArchived: z.boolean().default(false) }).default({ includeArchived: false }))
    .query(({ ctx, input }) => listReachableStores(ctx.userScope, input)),
  create: protectedProcedure.input(createStoreInput).mutation(({ ctx, input }) => createStore(ctx.userScope, input)),

  /** The store and what the caller may do in it; the UI hides what is not allowed. */
  byId: storeProcedure.query(async ({ ctx }) => ({
    store: await getStore(ctx.scope),
    role: isOwner(ctx.scope.actor) ? ("owner" as const) : ("member" as const),
    permissions: ctx.scope.actor.permissions,
  })),
  overview: requirePermission("dashboard.view").query(({ ctx }) => getStoreOverview(ctx.scope)),
  updateSettings: requirePermission("settings.manage")
    .input(updateSettingsInput)
    .mutation(({ ctx, input: { name, timezone, currency, decrementStockOnOrder } }) =>
      updateStoreSettings(ctx.scope, { name, timezone, currency, decrementStockOnOrder }),
    ),
  archive: ownerProcedure.mutation(({ ctx }) => archiveStore(ctx.scope)),
  unarchive: ownerProcedure.mutation(({ ctx }) => unarchiveStore(ctx.scope)),
  auditLog: requirePermission("users.manage")
    .input(z.object({ cursor: z.number().int().positive().optional(), limit: z.number().int().min(1).max(100).default(50) }))
    .query(({ ctx, input }) => listAuditEvents(ctx.scope, input)),
});
