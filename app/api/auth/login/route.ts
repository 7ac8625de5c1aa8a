import { login } from "@/lib/account";
import { credentialsBody } from "@/lib/api/schemas";
import { isCrossOrigin, optionalIdentity } from "@/lib/auth/identity";
import { setCookieHeader, signIdentity } from "@/lib/auth/cookie";
import { UnauthenticatedError } from "@/lib/errors";
import { ApiError } from "@/lib/http/errors";
import { clientIp } from "@/lib/http/client-address";
import { failureLimit, rateLimit } from "@/lib/http/rate-limit";
import { route, otherMethods } from "@/lib/http/route";
import { readJson } from "@/lib/http/validation";
import { isSecure } from "@/lib/http/request";

export const dynamic = "force-dynamic";

/** Checks name and password and sets the identity cookie; a guest's sessions move to the account. */
export const POST = route(async (request) => {
  if (isCrossOrigin(request)) throw new ApiError(403, "cross_origin", "Log in from this site.");
  const { name, password } = await readJson(request, credentialsBody);
  const ip = clientIp(request);
  await rateLimit([["loginsPerIp", ip]]);
  const failures = await failureLimit("loginsPerName", `${name.normalize("NFKC").toLowerCase()}|${ip}`);
  const current = await optionalIdentity(request);
  const user = await login(name, password, current?.via === "cookie" ? current.userId : null).catch(async (error: unknown) => {
    if (error instanceof UnauthenticatedError) await failures.failed();
    throw error;
  });
  await failures.succeeded();
  return Response.json({ user }, { headers: { "set-cookie": setCookieHeader(await signIdentity(user.id), isSecure(request)) } });
});

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
