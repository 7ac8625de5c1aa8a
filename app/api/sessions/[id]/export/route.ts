import { exportQuery } from "@/lib/api/schemas";
import { exportSession, sessionDocument, sessionMarkdown } from "@/lib/export";
import { attachment, fileName } from "@/lib/http/download";
import { authedRoute, otherMethods } from "@/lib/http/route";
import { pathId, readQuery } from "@/lib/http/validation";

export const dynamic = "force-dynamic";

/** One chat as a file: Parley's JSON (every branch, lossless) or Markdown (the visible thread). */
export const GET = authedRoute<{ id: string }>(async (request, identity, { id }) => {
  const { format } = readQuery(request, exportQuery);
  const session = await exportSession(identity.userId, pathId(id, "Session"));
  if (format === "markdown") {
    return new Response(sessionMarkdown(session), {
      headers: { "content-type": "text/markdown; charset=utf-8", "content-disposition": attachment(fileName(session.title, "md")) },
    });
  }
  return Response.json(sessionDocument(session), { headers: { "content-disposition": attachment(fileName(session.title, "json")) } });
});

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
