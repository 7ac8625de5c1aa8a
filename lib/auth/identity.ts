// Who is asking: a program with `Authorization: Bearer <token>`, or a browser
// with a session cookie. Every query is then scoped to that user.
import { ApiError } from "../http/errors";
import { tokenOwner } from "../db/tokens";
import { signedIn } from "./session";
import { hashToken } from "./tokens";

export type Identity = { userId: string; via: "token" | "cookie" };

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Route handlers get no CSRF protection from Next.js: a cookie-authenticated
 * write must come from our own pages. Browsers say where a request comes from
 * (Sec-Fetch-Site, Origin); programs without either use tokens or their own cookie jar.
 */
export function isCrossOrigin(request: Request): boolean {
  const site = request.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") return true;
  const origin = request.headers.get("origin");
  if (!origin) return false;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}

/** The caller's identity, or an ApiError (401 unknown/absent credentials, 403 cross-origin cookie write). */
export async function requireIdentity(request: Request): Promise<Identity> {
  const authorization = request.headers.get("authorization");
  if (authorization) {
    const [scheme, token] = authorization.split(" ");
    const owner = scheme?.toLowerCase() === "bearer" && token ? await tokenOwner(hashToken(token.trim())) : null;
    if (!owner) throw new ApiError(401, "invalid_token", "The API token is unknown, expired or revoked.");
    if (!owner.canWrite && !SAFE_METHODS.has(request.method)) throw new ApiError(403, "read_only_token", "This API token may only read.");
    return { userId: owner.userId, via: "token" };
  }
  const session = await signedIn(request.headers);
  if (!session) throw new ApiError(401, "unauthenticated", "Sign in, open the app in a browser, or send Authorization: Bearer <token>.");
  if (!SAFE_METHODS.has(request.method) && isCrossOrigin(request)) {
    throw new ApiError(403, "cross_origin", "Cookie-authenticated writes must come from this site.");
  }
  return { userId: session.userId, via: "cookie" };
}

/**
 * Only a signed-in browser may do this, not a program with a token (a token that
 * could make tokens or end sessions would outlive its own revocation).
 */
export function requireBrowserSession(identity: Identity, refusal: string): void {
  if (identity.via !== "cookie") throw new ApiError(403, "session_required", refusal);
}

/** The caller's identity if they have a valid one, else null (no 401). */
export async function optionalIdentity(request: Request): Promise<Identity | null> {
  try {
    return await requireIdentity(request);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}
