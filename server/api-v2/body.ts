import { ApiError } from "./responses";

/**
 * The largest JSON body accepted. A full order stays well below it (1,000 items with their
 * metadata is about 5 MB at the schema's limits); anything larger is refused before it is parsed.
 */
export const MAX_BODY_BYTES = 5 * 1024 * 1024;

const tooLarge = (limit: number) =>
  new ApiError(413, `The request body is larger than ${Math.round(limit / 1024 / 1024)} MB; nothing was saved. Send fewer records per request.`);

/**
 * Reads and parses a JSON body, counting bytes as they arrive so a huge body is refused without
 * being buffered (also when it comes chunked, without a Content-Length).
 */
export async function readJsonBody(req: Request, limit = MAX_BODY_BYTES): Promise<unknown> {
  const declared = Number(req.headers.get("content-length") ?? "");
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  if (!req.body) throw new ApiError(400, "body: Send a JSON body.", { field: "body" });

  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (text.trim() === "") throw new ApiError(400, "body: Send a JSON body.", { field: "body" });
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ApiError(400, `body: Malformed JSON (${(error as Error).message}).`, { field: "body" });
  }
}
