import { publicOrigin } from "@/lib/http/request";
import { authedRoute, otherMethods } from "@/lib/http/route";
import { pathId } from "@/lib/http/validation";
import { shareSession } from "@/lib/shares";

export const dynamic = "force-dynamic";

/** A read-only link to the session's visible thread as it is now. */
export const POST = authedRoute<{ id: string }>(async (request, identity, { id }) => {
  const share = await shareSession(identity.userId, pathId(id, "Session"));
  return Response.json({ ...share, url: `${publicOrigin(request)}${share.path}` }, { status: 201 });
});

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
