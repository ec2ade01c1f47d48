// REST v2 GET /openapi.json: the OpenAPI 3.1 document, generated from the endpoints' zod schemas (no key needed).
import { openApiDocument } from "@/server/api-v2/openapi";

export function GET() {
  return Response.json(openApiDocument(), { headers: { "cache-control": "public, max-age=300" } });
}
