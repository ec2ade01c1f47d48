import { eq } from "drizzle-orm";
import { expect } from "vitest";
import { folders, storeInvitations, storeMembers } from "@/db/schema";
import { ALL_PERMISSIONS } from "@/server/permissions";
import { newUser } from "../../helpers/actors";
import type { CrossStoreCases } from "./types";

export const cases: CrossStoreCases = {
  "folder.rename": async (ctx) => {
    const [folder] = await ctx.db.select().from(folders).where(eq(folders.storeId, ctx.storeB)).limit(1);
    return {
      input: { folderId: folder!.id, name: "Hijacked" },
      unchanged: async () => {
        const [after] = await ctx.db.select().from(folders).where(eq(folders.id, folder!.id));
        expect(after?.name).toBe(folder!.name);
      },
    };
  },
  "folder.delete": async (ctx) => {
    const [folder] = await ctx.db.select().from(folders).where(eq(folders.storeId, ctx.storeB)).limit(1);
    return {
      input: { folderId: folder!.id },
      unchanged: async () => {
        expect(await ctx.db.select().from(folders).where(eq(folders.id, folder!.id))).toHaveLength(1);
      },
    };
  },
  "folder.reorder": async (ctx) => {
    const ids = (await ctx.db.select().from(folders).where(eq(folders.storeId, ctx.storeB))).map((f) => f.id);
    return {
      input: { folderIds: ids.reverse() },
      unchanged: async () => {
        const after = await ctx.db.select().from(folders).where(eq(folders.storeId, ctx.storeB));
        expect(after.map((f) => f.position).sort()).toEqual([0, 1, 2, 3]);
        expect(after.find((f) => f.id === ids[0])?.position).not.toBe(0);
      },
    };
  },
  "member.updatePermissions": async (ctx) => {
    const outsider = await newUser(ctx.db, "b-member");
    await ctx.ownerB.caller.member.add({ storeId: ctx.storeB, email: outsider.email, permissions: ["orders.read"] });
    const [member] = await ctx.db.select().from(storeMembers).where(eq(storeMembers.userId, outsider.id));
    return {
      input: { memberId: member!.id, permissions: [...ALL_PERMISSIONS] },
      unchanged: async () => {
        const [after] = await ctx.db.select().from(storeMembers).where(eq(storeMembers.id, member!.id));
        expect(after?.permissions).toEqual(["orders.read"]);
      },
    };
  },
  "member.remove": async (ctx) => {
    const outsider = await newUser(ctx.db, "b-member");
    await ctx.ownerB.caller.member.add({ storeId: ctx.storeB, email: outsider.email, permissions: [] });
    const [member] = await ctx.db.select().from(storeMembers).where(eq(storeMembers.userId, outsider.id));
    return {
      input: { memberId: member!.id },
      unchanged: async () => {
        expect(await ctx.db.select().from(storeMembers).where(eq(storeMembers.id, member!.id))).toHaveLength(1);
      },
    };
  },
  "member.cancelInvitation": async (ctx) => {
    await ctx.ownerB.caller.member.add({ storeId: ctx.storeB, email: "pending-b@example.test", permissions: [] });
    const [invitation] = await ctx.db.select().from(storeInvitations).where(eq(storeInvitations.storeId, ctx.storeB));
    return {
      input: { invitationId: invitation!.id },
      unchanged: async () => {
        expect(await ctx.db.select().from(storeInvitations).where(eq(storeInvitations.id, invitation!.id))).toHaveLength(1);
      },
    };
  },
};
