import { changePassword, me } from "@/lib/account";
import { changePasswordBody } from "@/lib/api/schemas";
import { requireBrowserSession } from "@/lib/auth/identity";
import { passwordProblem } from "@/lib/auth/password-policy";
import { ApiError } from "@/lib/http/errors";
import { authRequest, withCookies } from "@/lib/http/request";
import { authedRoute, otherMethods } from "@/lib/http/route";
import { readJson } from "@/lib/http/validation";

export const dynamic = "force-dynamic";

/** Changes the password; every other session of the account ends, this browser gets a new one. */
export const POST = authedRoute(async (request, identity) => {
  requireBrowserSession(identity, "Change the password from a signed-in browser.");
  const { currentPassword, newPassword } = await readJson(request, changePasswordBody);
  const { name } = await me(identity.userId);
  const problem = passwordProblem(newPassword, name);
  if (problem) throw new ApiError(422, "invalid_body", `newPassword: ${problem}`);
  return withCookies(new Response(null, { status: 204 }), await changePassword(authRequest(request), currentPassword, newPassword));
});

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
