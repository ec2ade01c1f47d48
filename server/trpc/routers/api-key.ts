import { z } from "zod";
import { createApiKeyInput } from "@/server/api-keys/schemas";
import { createApiKey, listApiKeys, revokeApiKey } from "@/server/api-keys/service";
import { storeWebhookSecret } from "@/server/rules/apply";
import { requirePermission, router } from "../init";

/** REST API keys of a store: created (shown once), listed by prefix, revoked. */
export const apiKeyRouter = router({
  list: requirePermission("integrations.manage").query(({ ctx }) => listApiKeys(ctx.scope)),
  create: requirePermission("integrations.manage")
    .input(createApiKeyInput)
    .mutation(({ ctx, input }) => createApiKey(ctx.scope, { name: input.name })),
  /** The secret rules sign posted order JSON with (X-ORDER-DESK-HASH), for receivers to verify. */
  webhookSecret: requirePermission("integrations.manage").query(({ ctx }) => ({ secret: storeWebhookSecret(ctx.scope.storeId) })),
  revoke: requirePermission("integrations.manage")
    .input(z.object({ keyId: z.number().int().positive() }))
    .mutation(({ ctx, input }) => revokeApiKey(ctx.scope, input.keyId)),
});
