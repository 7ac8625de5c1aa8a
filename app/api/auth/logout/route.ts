import { logout } from "@/lib/account";
import { isCrossOrigin } from "@/lib/auth/identity";
import { ApiError } from "@/lib/http/errors";
import { authRequest, withCookies } from "@/lib/http/request";
import { route, otherMethods } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** Ends this browser's session (the cookie no longer works anywhere); the next page view starts a new guest. */
export const POST = route(async (request) => {
  if (isCrossOrigin(request)) throw new ApiError(403, "cross_origin", "Log out from this site.");
  return withCookies(new Response(null, { status: 204 }), await logout(authRequest(request)));
});

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
