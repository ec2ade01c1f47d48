import "server-only";
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { users } from "@/db/schema";
import { currentUserId } from "@/server/auth/session";
import { getDb } from "@/server/db";
import { DomainError } from "@/server/errors";
import { logger } from "@/server/logger";
import type { Permission } from "@/server/permissions";
import type { StoreScope } from "@/server/scope";
import { resolveStoreAccess } from "@/server/stores/service";

const STATUS: Record<DomainError["code"], number> = { BAD_REQUEST: 400, UNAUTHORIZED: 401, FORBIDDEN: 403, NOT_FOUND: 404, CONFLICT: 409 };

/**
 * Route handlers the UI calls outside tRPC (file uploads, downloads): the session and the store
 * are resolved exactly as storeProcedure does (non-members get 404, missing permission 403), and
 * domain errors become JSON `{ error, field }` with their HTTP status.
 */
export function storeRoute<P extends { storeId: string }>(permission: Permission, handler: (req: Request, scope: StoreScope, params: P) => Promise<Response>) {
  return async (req: Request, route: { params: Promise<P> }): Promise<Response> => {
    try {
      const params = await route.params;
      const userId = await currentUserId();
      if (userId === null) throw new DomainError("UNAUTHORIZED", "Sign in first.");
      const db = await getDb();
      const storeId = Number(params.storeId);
      const access = Number.isSafeInteger(storeId) && storeId > 0 ? await resolveStoreAccess(db, storeId, userId) : null;
      if (!access) throw new DomainError("NOT_FOUND", "Store not found.");
      if (!access.permissions.includes(permission)) throw new DomainError("FORBIDDEN", `You need the "${permission}" permission to do this.`);
      const [user] = await db.select({ email: users.email }).from(users).where(eq(users.id, userId));
      const scope: StoreScope = {
        db,
        storeId: access.storeId,
        actor: { kind: "user", userId, email: user?.email ?? "", role: access.role, permissions: access.permissions },
      };
      return await handler(req, scope, params);
    } catch (error) {
      if (error instanceof DomainError) return Response.json({ error: error.message, field: error.field }, { status: STATUS[error.code] });
      logger.error({ err: error, requestId: req.headers.get("x-request-id") ?? randomUUID(), url: req.url }, "store route failed");
      return Response.json({ error: "Something went wrong on our side; nothing was changed. Try again." }, { status: 500 });
    }
  };
}
