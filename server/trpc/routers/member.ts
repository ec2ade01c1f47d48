import { z } from "zod";
import { emailInput } from "@/server/accounts/schemas";
import { ALL_PERMISSIONS, type Permission } from "@/server/permissions";
import { addMember, cancelInvitation, listMembers, removeMember, updateMemberPermissions } from "@/server/stores/members";
import { requirePermission, router } from "../init";

const permissionList = z
  .array(z.enum(ALL_PERMISSIONS as [Permission, ...Permission[]]))
  .max(ALL_PERMISSIONS.length)
  .transform((list) => [...new Set(list)]);
const id = z.number().int().positive();

export const memberRouter = router({
  list: requirePermission("users.manage").query(({ ctx }) => listMembers(ctx.scope)),
  add: requirePermission("users.manage")
    .input(z.object({ email: emailInput, permissions: permissionList }))
    .mutation(({ ctx, input }) => addMember(ctx.scope, input)),
  updatePermissions: requirePermission("users.manage")
    .input(z.object({ memberId: id, permissions: permissionList }))
    .mutation(({ ctx, input }) => updateMemberPermissions(ctx.scope, input.memberId, input.permissions)),
  remove: requirePermission("users.manage")
    .input(z.object({ memberId: id }))
    .mutation(({ ctx, input }) => removeMember(ctx.scope, input.memberId)),
  cancelInvitation: requirePermission("users.manage")
    .input(z.object({ invitationId: id }))
    .mutation(({ ctx, input }) => cancelInvitation(ctx.scope, input.invitationId)),
});
