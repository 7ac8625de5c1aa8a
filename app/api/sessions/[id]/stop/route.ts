import { stopRunningReply } from "@/lib/chat/control";
import { authedRoute, otherMethods } from "@/lib/http/route";
import { pathId } from "@/lib/http/validation";

export const dynamic = "force-dynamic";

/** Stops the running reply, keeping what was generated (status "stopped"). */
export const POST = authedRoute<{ id: string }>(async (_request, identity, { id }) => {
  return Response.json(await stopRunningReply(identity.userId, pathId(id, "Session")));
});

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
