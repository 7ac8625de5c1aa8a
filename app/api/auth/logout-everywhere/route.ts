import { logoutEverywhere } from "@/lib/account";
import { requireBrowserSession } from "@/lib/auth/identity";
import { authRequest, withCookies } from "@/lib/http/request";
import { authedRoute, otherMethods } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** Ends every session of the signed-in user, on every device, this one included. */
export const POST = authedRoute(async (request, identity) => {
  requireBrowserSession(identity, "Log out everywhere from a signed-in browser.");
  return withCookies(new Response(null, { status: 204 }), await logoutEverywhere(authRequest(request)));
});

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
