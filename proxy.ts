// Every page view gets its Content-Security-Policy (with a fresh script nonce)
// and a signed-in user: a browser without a session becomes a new guest
// (Better Auth's anonymous user; at most PARLEY_RATE_GUESTS_PER_IP of them per
// address), or is sent to /login when the operator turned guests off (shared
// chats, /s/…, are for anyone and need neither). A legacy
// identity cookie is exchanged for a session once. The API itself never creates
// identities (programs use tokens).
import { NextResponse, type NextRequest } from "next/server";
import { getConfig } from "./lib/config";
import { LEGACY_COOKIE, legacyUserId } from "./lib/auth/legacy-cookie";
import { authForCookies, authHeaders, sessionCookieFor } from "./lib/auth/session";
import { userExists } from "./lib/db/auth-store";
import { clientIp } from "./lib/http/client-address";
import { newNonce, pageSecurityPolicy } from "./lib/http/content-security";
import { ApiError, toErrorResponse } from "./lib/http/errors";
import { rateLimit } from "./lib/http/rate-limit";
import { isSecure, withCookies } from "./lib/http/request";

/** Whether the browser has (or now gets) a session, and the Set-Cookie headers that give it one. */
async function ensureSession(request: NextRequest): Promise<{ signedIn: boolean; cookies: string[] }> {
  const secure = isSecure(request);
  const current = await authForCookies(request.headers.get("cookie"), secure).api.getSession({ headers: request.headers, returnHeaders: true });
  // A session older than a day comes back extended, with a fresh cookie.
  if (current.response) return { signedIn: true, cookies: current.headers.getSetCookie() };
  const legacy = await legacyUserId(request.cookies.get(LEGACY_COOKIE)?.value);
  if (legacy && (await userExists(legacy))) {
    return { signedIn: true, cookies: [await sessionCookieFor(legacy, secure), `${LEGACY_COOKIE}=; Path=/; Max-Age=0`] };
  }
  if (!getConfig().access.guests) return { signedIn: false, cookies: [] };
  const address = clientIp(request);
  await rateLimit([["guestsPerIp", address]]);
  const guest = await authForCookies(null, secure).api.signInAnonymous({ headers: authHeaders(request, address), returnHeaders: true });
  return { signedIn: true, cookies: guest.headers.getSetCookie() };
}

export async function proxy(request: NextRequest) {
  const nonce = newNonce();
  const policy = pageSecurityPolicy(nonce);
  // A shared chat is for anyone with its link: its readers get no guest account and no redirect to /login.
  const sharedChat = request.nextUrl.pathname.startsWith("/s/");
  let session: Awaited<ReturnType<typeof ensureSession>> = { signedIn: false, cookies: [] };
  try {
    if (!sharedChat) session = await ensureSession(request);
  } catch (error) {
    if (error instanceof ApiError) return toErrorResponse(error);
    throw error;
  }
  if (!session.signedIn && !sharedChat && request.nextUrl.pathname !== "/login") return NextResponse.redirect(new URL("/login", request.url));
  // Seen by this very render (server components read the request's cookies) and kept by the browser.
  for (const cookie of session.cookies) {
    const pair = cookie.split(";")[0] ?? "";
    const at = pair.indexOf("=");
    request.cookies.set(pair.slice(0, at), decodeURIComponent(pair.slice(at + 1)));
  }
  // Next.js reads the nonce from the request's policy for its own scripts; the layout reads x-nonce.
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", policy);
  headers.set("x-nonce", nonce);
  // For the 404 page, which is told nothing else about what was asked for.
  headers.set("x-parley-path", request.nextUrl.pathname);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", policy);
  return withCookies(response, session.cookies);
}

export const config = {
  // Pages only: not the API (/api, and /v1 the OpenAI-compatible one), not static files.
  matcher: ["/((?!api/|v1/|_next/static|_next/image|favicon.ico|robots.txt).*)"],
};
