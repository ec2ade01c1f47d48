import { eq } from "drizzle-orm";
import { expect } from "vitest";
import { apiKeys } from "@/db/schema";
import type { CrossStoreCases } from "./types";

export const cases: CrossStoreCases = {
  "apiKey.revoke": async (ctx) => {
    const key = await ctx.ownerB.caller.apiKey.create({ storeId: ctx.storeB, name: "B's key" });
    const before = await ctx.db.select().from(apiKeys).where(eq(apiKeys.id, key.id));
    return {
      input: { keyId: key.id },
      unchanged: async () => expect(await ctx.db.select().from(apiKeys).where(eq(apiKeys.id, key.id))).toEqual(before),
    };
  },
};
