import { logoutEverywhere } from "@/lib/account";
import { ApiError } from "@/lib/http/errors";
import { authRequest } from "@/lib/http/request";
import { authedRoute, otherMethods } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** Ends every session of the signed-in user, on every device, this one included. */
export const POST = authedRoute(async (request, identity) => {
  if (identity.via !== "cookie") throw new ApiError(403, "session_required", "Log out everywhere from a signed-in browser.");
  const response = new Response(null, { status: 204 });
  for (const cookie of await logoutEverywhere(authRequest(request))) response.headers.append("set-cookie", cookie);
  return response;
});

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
