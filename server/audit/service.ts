import { and, desc, eq, lt } from "drizzle-orm";
import type { Database } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { describeActor, type StoreScope } from "@/server/scope";

export type AuditAction =
  | "store.created"
  | "store.archived"
  | "store.unarchived"
  | "settings.updated"
  | "folder.created"
  | "folder.renamed"
  | "folder.deleted"
  | "folders.reordered"
  | "member.added"
  | "member.joined"
  | "member.permissions_changed"
  | "member.removed"
  | "invitation.created"
  | "invitation.canceled"
  | "order.moved_to_store"
  | "api_key.created"
  | "api_key.revoked"
  | "export_template.created"
  | "export_template.updated"
  | "export_template.deleted"
  | "import_template.source_updated";

/** Writes an audit row; pass the transaction so the record commits with the change it describes. */
export async function recordAudit(
  db: Database,
  entry: { storeId: number; actorUserId: number | null; actorLabel: string; action: AuditAction; details?: Record<string, unknown> },
): Promise<void> {
  await db.insert(auditEvents).values({ ...entry, details: entry.details ?? {} });
}

/** Audit entry for the acting store user. */
export function auditAs(scope: StoreScope, db: Database, action: AuditAction, details?: Record<string, unknown>) {
  return recordAudit(db, {
    storeId: scope.storeId,
    actorUserId: scope.actor.kind === "user" ? scope.actor.userId : null,
    actorLabel: describeActor(scope.actor).label,
    action,
    details,
  });
}

/** Newest first, keyset-paginated by id. */
export async function listAuditEvents(scope: StoreScope, page: { cursor?: number; limit: number }) {
  const rows = await scope.db
    .select({
      id: auditEvents.id,
      action: auditEvents.action,
      actorLabel: auditEvents.actorLabel,
      details: auditEvents.details,
      createdAt: auditEvents.createdAt,
    })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.storeId, scope.storeId),
        page.cursor === undefined ? undefined : lt(auditEvents.id, page.cursor),
      ),
    )
    .orderBy(desc(auditEvents.id))
    .limit(page.limit + 1);
  const hasMore = rows.length > page.limit;
  const items = hasMore ? rows.slice(0, page.limit) : rows;
  return { items, nextCursor: hasMore ? items[items.length - 1]?.id : undefined };
}
