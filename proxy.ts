// Every page view gets its Content-Security-Policy (with a fresh script nonce)
// and carries an identity: a browser without a valid identity cookie becomes a
// new guest, and an identity older than a week is re-signed so people who come
// back never lose their sessions. The API itself never creates identities
// (programs use tokens).
import { randomUUID } from "node:crypto";
import { NextResponse, type NextRequest } from "next/server";
import { COOKIE_NAME, cookieAttributes, REFRESH_AFTER_S, signIdentity, verifyIdentity } from "./lib/auth/cookie";
import { newNonce, pageSecurityPolicy } from "./lib/http/content-security";
import { isSecure } from "./lib/http/request";

export async function proxy(request: NextRequest) {
  const nonce = newNonce();
  const policy = pageSecurityPolicy(nonce);
  const identity = await verifyIdentity(request.cookies.get(COOKIE_NAME)?.value);
  const refresh = !identity || Date.now() / 1000 - identity.issuedAt >= REFRESH_AFTER_S;
  const token = refresh ? await signIdentity(identity?.userId ?? randomUUID()) : null;
  // Seen by this very render (server components read the request's cookies) and kept by the browser.
  if (token) request.cookies.set(COOKIE_NAME, token);
  // Next.js reads the nonce from the request's policy for its own scripts; the layout reads x-nonce.
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", policy);
  headers.set("x-nonce", nonce);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", policy);
  if (token) response.cookies.set(COOKIE_NAME, token, cookieAttributes(isSecure(request)));
  return response;
}

export const config = {
  // Pages only: not the API, not static files.
  matcher: ["/((?!api/|_next/static|_next/image|favicon.ico|robots.txt).*)"],
};
