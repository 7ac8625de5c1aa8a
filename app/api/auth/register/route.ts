import { register } from "@/lib/account";
import { createToken } from "@/lib/tokens";
import { registerBody } from "@/lib/api/schemas";
import { rateLimit } from "@/lib/http/rate-limit";
import { authRequest, jsonWithCookies } from "@/lib/http/request";
import { optionalIdentity, requireBrowserSession } from "@/lib/auth/identity";
import { route, otherMethods } from "@/lib/http/route";
import { readJson } from "@/lib/http/validation";

export const dynamic = "force-dynamic";

/**
 * A new account with a name and password, and a session. Made by a guest (the
 * session cookie of one), it takes over the guest's chats and roles. With
 * `token`, the answer also holds a new API token (shown this once).
 */
export const POST = route(async (request) => {
  const identity = await optionalIdentity(request);
  if (identity) requireBrowserSession(identity, "Register from a browser or without credentials, not with a token.");
  const { name, password, token } = await readJson(request, registerBody);
  const at = authRequest(request);
  await rateLimit([["signupsPerIp", at.clientAddress]]);
  const { user, cookies } = await register(at, identity?.userId ?? null, name, password);
  const created = token ? await createToken(user.id, token) : undefined;
  return jsonWithCookies({ user, ...(created ? { token: created } : {}) }, cookies, { status: 201, headers: { "cache-control": "no-store" } });
});

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
