import { authForCookies } from "@/lib/auth/session";
import { isSecure } from "@/lib/http/request";
import { otherMethods } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/**
 * Where the single sign-on provider sends the browser back: Better Auth checks
 * the state, exchanges the code, signs the user in (a guest's chats move to
 * them) and redirects to the app, or to /login?error=… when it fails.
 */
export async function GET(request: Request) {
  return authForCookies(request.headers.get("cookie"), isSecure(request)).handler(request);
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
