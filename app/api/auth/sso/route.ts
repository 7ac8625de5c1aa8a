import { SSO_PROVIDER } from "@/lib/auth/auth";
import { authForCookies, authHeaders } from "@/lib/auth/session";
import { getConfig } from "@/lib/config";
import { ApiError } from "@/lib/http/errors";
import { authRequest } from "@/lib/http/request";
import { route, otherMethods } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** Single sign-on: sends the browser to the OpenID Connect provider, which sends it back to /api/auth/callback/sso. */
export const GET = route(async (request) => {
  if (!getConfig().sso) throw new ApiError(404, "sso_not_configured", "Single sign-on is not configured on this server.");
  const at = authRequest(request);
  const { headers, response } = await authForCookies(request.headers.get("cookie"), at.secure).api.signInSocial({
    body: { provider: SSO_PROVIDER, callbackURL: "/", errorCallbackURL: "/login?sso=failed" },
    headers: authHeaders(request, at.clientAddress),
    returnHeaders: true,
  });
  const redirect = new Response(null, { status: 302, headers: { location: response.url! } });
  for (const cookie of headers.getSetCookie()) redirect.headers.append("set-cookie", cookie);
  return redirect;
});

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
