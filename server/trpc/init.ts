import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { z } from "zod";
import { findUserById } from "@/server/accounts/service";
import { DomainError } from "@/server/errors";
import type { Permission } from "@/server/permissions";
import { isOwner, type StoreScope } from "@/server/scope";
import { resolveStoreAccess } from "@/server/stores/service";
import type { TrpcContext } from "./context";

/**
 * Who may call a procedure. Every procedure declares it through the builder it starts from, and
 * the isolation test walks the router to prove each one holds.
 *  - public: anyone; user: any signed-in user (no store involved);
 *  - store: members of the input's store holding `permission` ("member" = any member, "owner" = owner only).
 */
export type Access =
  | { scope: "public" }
  | { scope: "user" }
  | { scope: "store"; permission: Permission | "member" | "owner" };

export interface Meta {
  access?: Access;
}

const t = initTRPC
  .context<TrpcContext>()
  .meta<Meta>()
  .create({
    transformer: superjson,
    errorFormatter({ shape, error }) {
      const cause = error.cause;
      const fieldErrors =
        cause instanceof z.ZodError
          ? fieldErrorsByPath(cause)
          : cause instanceof DomainError
            ? (cause.fieldErrors ?? (cause.field ? { [cause.field]: [cause.message] } : undefined))
            : undefined;
      return { ...shape, data: { ...shape.data, fieldErrors, stack: undefined } };
    },
  });

/** Messages keyed by the full path of the field ("name", "patch.shipping.city"), first one wins. */
function fieldErrorsByPath(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".") || "_form";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Domain errors become tRPC errors here and nowhere else; unexpected errors are logged once. */
const errorMapping = t.middleware(async ({ ctx, next, path, type }) => {
  const result = await next();
  if (!result.ok) {
    const cause = result.error.cause;
    if (cause instanceof DomainError) {
      throw new TRPCError({ code: cause.code, message: cause.message, cause });
    }
    if (result.error.code === "INTERNAL_SERVER_ERROR") {
      ctx.log?.error({ err: cause ?? result.error, path, type, requestId: ctx.requestId }, "procedure failed");
    }
  }
  return result;
});

export const publicProcedure = t.procedure.use(errorMapping).meta({ access: { scope: "public" } });

export const protectedProcedure = publicProcedure.meta({ access: { scope: "user" } }).use(async ({ ctx, next }) => {
  // The session may outlive the account; re-read the user on every request.
  const user = ctx.userId === null ? null : await findUserById(ctx.db, ctx.userId);
  if (!user) {
    throw new TRPCError({ code: "UNAUTHORIZED", message: "Your session has expired. Please sign in again." });
  }
  return next({ ctx: { user, userScope: { db: ctx.db, userId: user.id, email: user.email } } });
});

export const storeInput = z.object({ storeId: z.number().int().positive() });

/**
 * The one place a store is resolved: membership is read from the database on every call, so a
 * removed user is refused on their next request. Non-members get NOT_FOUND (a store's existence
 * is not revealed). Any member passes; narrow it with requirePermission or ownerProcedure.
 */
export const storeProcedure = protectedProcedure
  .meta({ access: { scope: "store", permission: "member" } })
  .input(storeInput)
  .use(async ({ ctx, input, next }) => {
    const access = await resolveStoreAccess(ctx.db, input.storeId, ctx.user.id);
    if (!access) throw new TRPCError({ code: "NOT_FOUND", message: "Store not found." });
    const scope: StoreScope = {
      db: ctx.db,
      storeId: access.storeId,
      actor: { kind: "user", userId: ctx.user.id, email: ctx.user.email, role: access.role, permissions: access.permissions },
    };
    return next({ ctx: { scope } });
  });

/** A store procedure for members holding `permission`; others get FORBIDDEN. */
export function requirePermission(permission: Permission) {
  return storeProcedure.meta({ access: { scope: "store", permission } }).use(({ ctx, next }) => {
    if (!ctx.scope.actor.permissions.includes(permission)) {
      throw new TRPCError({ code: "FORBIDDEN", message: `You need the "${permission}" permission to do this.` });
    }
    return next();
  });
}

/** Store procedures only the owner may call (archiving the store). */
export const ownerProcedure = storeProcedure
  .meta({ access: { scope: "store", permission: "owner" } })
  .use(({ ctx, next }) => {
    if (!isOwner(ctx.scope.actor)) {
      throw new TRPCError({ code: "FORBIDDEN", message: "Only the store owner can do this." });
    }
    return next();
  });
