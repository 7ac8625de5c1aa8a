// Every page view carries an identity: a browser without a valid identity
// cookie becomes a new guest, and an identity older than a week is re-signed
// so people who come back never lose their sessions. The API itself never
// creates identities (programs use tokens).
import { randomUUID } from "node:crypto";
import { NextResponse, type NextRequest } from "next/server";
import { COOKIE_NAME, cookieAttributes, REFRESH_AFTER_S, signIdentity, verifyIdentity } from "./lib/auth/cookie";

export async function proxy(request: NextRequest) {
  const identity = await verifyIdentity(request.cookies.get(COOKIE_NAME)?.value);
  if (identity && Date.now() / 1000 - identity.issuedAt < REFRESH_AFTER_S) return NextResponse.next();

  const token = await signIdentity(identity?.userId ?? randomUUID());
  // Seen by this very render (server components read the request's cookies) and kept by the browser.
  request.cookies.set(COOKIE_NAME, token);
  const response = NextResponse.next({ request });
  const secure = request.nextUrl.protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";
  response.cookies.set(COOKIE_NAME, token, cookieAttributes(secure));
  return response;
}

export const config = {
  // Pages only: not the API, not static files.
  matcher: ["/((?!api/|_next/static|_next/image|favicon.ico|robots.txt).*)"],
};
