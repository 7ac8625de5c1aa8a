import { resumeRunningReply } from "@/lib/chat/control";
import { authedRoute, otherMethods } from "@/lib/http/route";
import { sseResponse } from "@/lib/http/sse";
import { pathId } from "@/lib/http/validation";

export const dynamic = "force-dynamic";
export const maxDuration = 300;

/** Re-attaches to the running reply from its start (204 when none runs; the stored thread has it all). */
export const GET = authedRoute<{ id: string }>(async (_request, identity, { id }) => {
  const stream = await resumeRunningReply(identity.userId, pathId(id, "Session"));
  if (!stream) return new Response(null, { status: 204 });
  return sseResponse(stream);
});

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
