import { updateSessionBody } from "@/lib/api/schemas";
import { deleteSession, getSession, updateSession } from "@/lib/chat/sessions";
import { authedRoute, otherMethods } from "@/lib/http/route";
import { pathId, readJson } from "@/lib/http/validation";

export const dynamic = "force-dynamic";

type Params = { id: string };

export const GET = authedRoute<Params>(async (_request, identity, { id }) => {
  return Response.json(await getSession(identity.userId, pathId(id, "Session")));
});

export const PATCH = authedRoute<Params>(async (request, identity, { id }) => {
  const sessionId = pathId(id, "Session");
  const body = await readJson(request, updateSessionBody);
  return Response.json(await updateSession(identity.userId, sessionId, body));
});

export const DELETE = authedRoute<Params>(async (_request, identity, { id }) => {
  await deleteSession(identity.userId, pathId(id, "Session"));
  return new Response(null, { status: 204 });
});

export const { POST, PUT } = otherMethods("GET", "PATCH", "DELETE");
