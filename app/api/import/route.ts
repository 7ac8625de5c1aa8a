import { IMPORT_MAX_BYTES, importFile } from "@/lib/import";
import { ApiError } from "@/lib/http/errors";
import { authedRoute, otherMethods } from "@/lib/http/route";

export const dynamic = "force-dynamic";
export const maxDuration = 300;

/**
 * Imports a Parley export (GET /api/export), or ChatGPT's or Claude's
 * conversations.json, into the caller's account, read as it arrives: all of it
 * or nothing; importing the same file again adds nothing.
 */
export const POST = authedRoute(async (request, identity) => {
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(request.headers.get("content-type") ?? "")) {
    throw new ApiError(415, "unsupported_media_type", "Send the file as JSON with Content-Type: application/json.");
  }
  if (Number(request.headers.get("content-length")) > IMPORT_MAX_BYTES) throw new ApiError(413, "body_too_large", `The file is larger than ${IMPORT_MAX_BYTES} bytes.`);
  const body = request.body ?? new ReadableStream<Uint8Array>({ start: (c) => c.close() });
  return Response.json(await importFile(identity.userId, body), { status: 201 });
});

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
