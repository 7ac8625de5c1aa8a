import { changePassword, me } from "@/lib/account";
import { changePasswordBody } from "@/lib/api/schemas";
import { passwordProblem } from "@/lib/auth/password-policy";
import { ApiError } from "@/lib/http/errors";
import { authRequest } from "@/lib/http/request";
import { authedRoute, otherMethods } from "@/lib/http/route";
import { readJson } from "@/lib/http/validation";

export const dynamic = "force-dynamic";

/** Changes the password; every other session of the account ends, this browser gets a new one. */
export const POST = authedRoute(async (request, identity) => {
  if (identity.via !== "cookie") throw new ApiError(403, "session_required", "Change the password from a signed-in browser.");
  const { currentPassword, newPassword } = await readJson(request, changePasswordBody);
  const { name } = await me(identity.userId);
  const problem = passwordProblem(newPassword, name);
  if (problem) throw new ApiError(422, "invalid_body", `newPassword: ${problem}`);
  const response = new Response(null, { status: 204 });
  for (const cookie of await changePassword(authRequest(request), currentPassword, newPassword)) response.headers.append("set-cookie", cookie);
  return response;
});

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
