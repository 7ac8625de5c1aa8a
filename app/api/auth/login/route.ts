import { login } from "@/lib/account";
import { credentialsBody } from "@/lib/api/schemas";
import { isCrossOrigin } from "@/lib/auth/identity";
import { nameKey } from "@/lib/auth/names";
import { UnauthenticatedError } from "@/lib/errors";
import { ApiError } from "@/lib/http/errors";
import { failureLimit, rateLimit } from "@/lib/http/rate-limit";
import { authRequest, jsonWithCookies } from "@/lib/http/request";
import { route, otherMethods } from "@/lib/http/route";
import { readJson } from "@/lib/http/validation";

export const dynamic = "force-dynamic";

/** Checks name and password and starts a session; a guest's chats move to the account. */
export const POST = route(async (request) => {
  if (isCrossOrigin(request)) throw new ApiError(403, "cross_origin", "Log in from this site.");
  const { name, password } = await readJson(request, credentialsBody);
  const at = authRequest(request);
  await rateLimit([["loginsPerIp", at.clientAddress]]);
  const failures = await failureLimit("loginsPerName", `${nameKey(name)}|${at.clientAddress}`);
  const { user, cookies } = await login(at, name, password).catch(async (error: unknown) => {
    if (error instanceof UnauthenticatedError) await failures.failed();
    throw error;
  });
  await failures.succeeded();
  return jsonWithCookies({ user }, cookies);
});

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
