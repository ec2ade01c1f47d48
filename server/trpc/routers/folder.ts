import { z } from "zod";
import { folderName } from "@/server/stores/schemas";
import { createFolder, deleteFolder, listFolders, renameFolder, reorderFolders } from "@/server/stores/folders";
import { requirePermission, router, storeProcedure } from "../init";

const folderId = z.number().int().positive();

export const folderRouter = router({
  list: storeProcedure.query(({ ctx }) => listFolders(ctx.scope)),
  create: requirePermission("settings.manage")
    .input(z.object({ name: folderName }))
    .mutation(({ ctx, input }) => createFolder(ctx.scope, input.name)),
  rename: requirePermission("settings.manage")
    .input(z.object({ folderId, name: folderName }))
    .mutation(({ ctx, input }) => renameFolder(ctx.scope, input.folderId, input.name)),
  reorder: requirePermission("settings.manage")
    .input(z.object({ folderIds: z.array(folderId).min(1).max(500) }))
    .mutation(({ ctx, input }) => reorderFolders(ctx.scope, input.folderIds)),
  delete: requirePermission("settings.manage")
    .input(z.object({ folderId }))
    .mutation(({ ctx, input }) => deleteFolder(ctx.scope, input.folderId)),
});
