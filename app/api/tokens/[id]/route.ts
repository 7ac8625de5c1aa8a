import { authedRoute, otherMethods } from "@/lib/http/route";
import { pathId } from "@/lib/http/validation";
import { revokeToken } from "@/lib/tokens";

export const dynamic = "force-dynamic";

/** Revokes a token: requests with it get 401 from now on. */
export const DELETE = authedRoute<{ id: string }>(async (_request, identity, { id }) => {
  await revokeToken(identity.userId, pathId(id, "Token"));
  return new Response(null, { status: 204 });
});

export const { GET, POST, PUT, PATCH } = otherMethods("DELETE");
