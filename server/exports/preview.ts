import { and, desc, eq, inArray } from "drizzle-orm";
import { orders } from "@/db/schema";
import { DomainError } from "@/server/errors";
import type { StoreScope } from "@/server/scope";
import { renderExport } from "./render";

/** Preview shows at most this much of each document: enough to read, small enough to ship. */
const PREVIEW_CHARS = 100_000;

/**
 * The editor's live preview: the template rendered over real orders (the ones picked, else the
 * newest few), nothing sent or marked. A template error comes back as a message, not a throw,
 * so the editor shows it beside the text while the user types.
 */
export async function previewExport(
  scope: StoreScope,
  template: { body: string; filenamePattern: string; format: "csv" | "tsv" | "xml" | "json" | "text"; mode: "batch" | "per_order" },
  pick: { orderIds?: number[]; sample: number },
) {
  const ids = pick.orderIds?.length
    ? (await scope.db.select({ id: orders.id }).from(orders).where(and(eq(orders.storeId, scope.storeId), inArray(orders.id, pick.orderIds)))).map((o) => o.id)
    : (await scope.db.select({ id: orders.id }).from(orders).where(eq(orders.storeId, scope.storeId)).orderBy(desc(orders.id)).limit(pick.sample)).map((o) => o.id);
  if (ids.length === 0) return { ok: true as const, orderCount: 0, documents: [] };
  try {
    const documents = await renderExport(scope, template, ids);
    return {
      ok: true as const,
      orderCount: ids.length,
      documents: documents.slice(0, 5).map((d) => {
        const text = d.content.toString("utf8");
        return { fileName: d.fileName, content: text.slice(0, PREVIEW_CHARS), truncated: text.length > PREVIEW_CHARS, bytes: d.content.length };
      }),
    };
  } catch (error) {
    if (error instanceof DomainError && error.code === "BAD_REQUEST") return { ok: false as const, error: error.message };
    throw error;
  }
}
