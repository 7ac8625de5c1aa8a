import { createTokenBody } from "@/lib/api/schemas";
import { requireBrowserSession } from "@/lib/auth/identity";
import { authedRoute, otherMethods } from "@/lib/http/route";
import { readJson } from "@/lib/http/validation";
import { createToken, listTokens } from "@/lib/tokens";

export const dynamic = "force-dynamic";

export const GET = authedRoute(async (_request, identity) => Response.json({ tokens: await listTokens(identity.userId) }));

/** Creates an API token; the response is the only time the token itself is shown. */
export const POST = authedRoute(async (request, identity) => {
  requireBrowserSession(identity, "Tokens are created from a signed-in browser, not with a token.");
  return Response.json(await createToken(identity.userId, await readJson(request, createTokenBody)), { status: 201, headers: { "cache-control": "no-store" } });
});

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
