import { createSessionBody, listSessionsQuery } from "@/lib/api/schemas";
import { createSession, listSessions } from "@/lib/chat/sessions";
import { authedRoute, otherMethods } from "@/lib/http/route";
import { readJson, readQuery } from "@/lib/http/validation";

export const dynamic = "force-dynamic";

export const GET = authedRoute(async (request, identity) => {
  const query = readQuery(request, listSessionsQuery);
  return Response.json(await listSessions(identity.userId, query));
});

export const POST = authedRoute(async (request, identity) => {
  const body = await readJson(request, createSessionBody);
  return Response.json(await createSession(identity.userId, body), { status: 201 });
});

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
