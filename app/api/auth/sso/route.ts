import { startSingleSignOn } from "@/lib/account";
import { getConfig } from "@/lib/config";
import { ApiError } from "@/lib/http/errors";
import { authRequest, withCookies } from "@/lib/http/request";
import { route, otherMethods } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** Single sign-on: sends the browser to the OpenID Connect provider, which sends it back to /api/auth/callback/sso. */
export const GET = route(async (request) => {
  if (!getConfig().sso) throw new ApiError(404, "sso_not_configured", "Single sign-on is not configured on this server.");
  const { url, cookies } = await startSingleSignOn(authRequest(request));
  return withCookies(new Response(null, { status: 302, headers: { location: url } }), cookies);
});

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
