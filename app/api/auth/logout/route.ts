import { isCrossOrigin } from "@/lib/auth/identity";
import { setCookieHeader } from "@/lib/auth/cookie";
import { ApiError } from "@/lib/http/errors";
import { route, otherMethods } from "@/lib/http/route";
import { isSecure } from "@/lib/http/request";

export const dynamic = "force-dynamic";

/** Forgets the identity cookie; the next page view starts a new guest. */
export const POST = route(async (request) => {
  if (isCrossOrigin(request)) throw new ApiError(403, "cross_origin", "Log out from this site.");
  return new Response(null, { status: 204, headers: { "set-cookie": setCookieHeader(null, isSecure(request)) } });
});

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
