// The identity cookie: a signed token (HS256, jose) naming the user. Browsers
// get one as guests on their first page view (proxy.ts); logging in replaces it.
import { jwtVerify, SignJWT } from "jose";
import { signingKey } from "./secret";

export const COOKIE_NAME = "parley_id";
const LIFETIME_S = 400 * 24 * 3600; // browsers cap cookies at 400 days
/** A cookie older than this is re-issued on the next page view, so active users never expire. */
export const REFRESH_AFTER_S = 7 * 24 * 3600;

export type CookieIdentity = { userId: string; issuedAt: number };

export async function signIdentity(userId: string): Promise<string> {
  return new SignJWT({}).setProtectedHeader({ alg: "HS256" }).setSubject(userId).setIssuedAt().setExpirationTime(`${LIFETIME_S}s`).sign(signingKey());
}

export async function verifyIdentity(token: string | undefined): Promise<CookieIdentity | null> {
  if (!token) return null;
  try {
    const { payload } = await jwtVerify(token, signingKey(), { algorithms: ["HS256"] });
    return payload.sub && payload.iat ? { userId: payload.sub, issuedAt: payload.iat } : null;
  } catch {
    return null;
  }
}

/** The cookie's value in a Cookie request header. */
export function readCookie(header: string | null, name = COOKIE_NAME): string | undefined {
  for (const pair of header?.split(";") ?? []) {
    const [key, ...value] = pair.trim().split("=");
    if (key === name) return value.join("=");
  }
  return undefined;
}

export function cookieAttributes(secure: boolean) {
  return { httpOnly: true, sameSite: "lax" as const, secure, path: "/", maxAge: LIFETIME_S };
}

/** A Set-Cookie header value for the identity (or, with null, one that removes it). */
export function setCookieHeader(token: string | null, secure: boolean): string {
  const parts = [`${COOKIE_NAME}=${token ?? ""}`, "Path=/", "HttpOnly", "SameSite=Lax", `Max-Age=${token ? LIFETIME_S : 0}`];
  if (secure) parts.push("Secure");
  return parts.join("; ");
}
