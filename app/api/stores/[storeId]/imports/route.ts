// Import upload: the file is the request body (any size up to IMPORT_MAX_MB), streamed to disk.
import { z } from "zod";
import { DomainError } from "@/server/errors";
import { env } from "@/server/env";
import { storeRoute } from "@/server/http/store-route";
import { IMPORT_TARGETS } from "@/server/imports/mapping";
import { createImportUpload } from "@/server/imports/service";
import { withUploadedFile } from "@/server/imports/upload";

const query = z.object({ target: z.enum(IMPORT_TARGETS), templateId: z.coerce.number().int().positive().optional() });

export const POST = storeRoute("templates.manage", async (req, scope) => {
  const url = new URL(req.url);
  const parsed = query.safeParse({ target: url.searchParams.get("target"), templateId: url.searchParams.get("templateId") || undefined });
  if (!parsed.success) throw new DomainError("BAD_REQUEST", "Say what the file holds: orders, inventory or shipments.", { field: "target" });
  const fileName = decodeURIComponent(req.headers.get("x-file-name") ?? "upload.csv");
  const declared = req.headers.get("content-length");
  const maxBytes = env.IMPORT_MAX_MB * 1024 * 1024;
  const result = await withUploadedFile(req.body, declared ? Number(declared) : null, maxBytes, (path) =>
    createImportUpload(scope, { path, fileName, target: parsed.data.target, templateId: parsed.data.templateId, maxBytes }),
  );
  return Response.json(result, { status: 201 });
});
