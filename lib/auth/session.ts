// The signed-in user behind a request's session cookie (Better Auth), and the
// Set-Cookie headers that start or end a session.
import { serializeSignedCookie } from "better-call";
import { auth, CLIENT_ADDRESS_HEADER, SECURE_SESSION_COOKIE, SESSION_COOKIE, type Auth } from "./auth";
import { authSecret } from "./secret";

export type SignedIn = { userId: string; guest: boolean };

/** The Better Auth that set this request's cookie: the __Host- one when it carries that cookie. */
export function authForCookies(cookieHeader: string | null, fallbackSecure = false): Auth {
  if (cookieHeader?.includes(`${SECURE_SESSION_COOKIE}=`)) return auth(true);
  if (cookieHeader?.includes(`${SESSION_COOKIE}=`)) return auth(false);
  return auth(fallbackSecure);
}

/** The session's user, or null (no cookie, a forged one, or a session that ended). */
export async function signedIn(headers: Headers): Promise<SignedIn | null> {
  const found = await authForCookies(headers.get("cookie")).api.getSession({ headers, query: { disableRefresh: true } });
  return found ? { userId: found.user.id, guest: Boolean(found.user.isAnonymous) } : null;
}

/**
 * The headers to hand Better Auth for a request: its cookies and user agent, and
 * the client address we worked out (never a header the client chose).
 */
export function authHeaders(request: Request, clientAddress: string): Headers {
  const headers = new Headers();
  for (const name of ["cookie", "user-agent"]) {
    const value = request.headers.get(name);
    if (value) headers.set(name, value);
  }
  headers.set(CLIENT_ADDRESS_HEADER, clientAddress);
  return headers;
}

/** A Set-Cookie that starts a new session for an existing user (legacy cookies, see legacy-cookie.ts). */
export async function sessionCookieFor(userId: string, secure: boolean): Promise<string> {
  const authn = auth(secure);
  const context = await authn.$context;
  const session = await context.internalAdapter.createSession(userId);
  const cookie = context.authCookies.sessionToken;
  return serializeSignedCookie(cookie.name, session.token, authSecret(), {
    ...cookie.attributes,
    maxAge: context.sessionConfig.expiresIn,
  });
}
