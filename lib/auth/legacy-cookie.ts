// Before Better Auth, a browser's identity was a signed JWT in the `parley_id`
// cookie. One still held by a browser is exchanged once for a real session
// (proxy.ts), so guests and accounts from before keep their chats.
import { jwtVerify } from "jose";
import { authSecret } from "./secret";

export const LEGACY_COOKIE = "parley_id";

/** The user id a legacy cookie names, when its signature is ours. */
export async function legacyUserId(token: string | undefined): Promise<string | null> {
  if (!token) return null;
  try {
    const { payload } = await jwtVerify(token, new TextEncoder().encode(authSecret()), { algorithms: ["HS256"] });
    return payload.sub ?? null;
  } catch {
    return null;
  }
}
