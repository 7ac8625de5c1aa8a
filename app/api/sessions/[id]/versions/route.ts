import { showVersionBody } from "@/lib/api/schemas";
import { showVersion } from "@/lib/chat/sessions";
import { authedRoute, otherMethods } from "@/lib/http/route";
import { pathId, readJson } from "@/lib/http/validation";

export const dynamic = "force-dynamic";

/** Shows another version of a message; answers the thread's first page from the new head. */
export const POST = authedRoute<{ id: string }>(async (request, identity, { id }) => {
  const { messageId, limit } = await readJson(request, showVersionBody);
  return Response.json(await showVersion(identity.userId, pathId(id, "Session"), messageId, limit));
});

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
