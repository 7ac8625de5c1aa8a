// The signed-in user of a page render (server components), from the identity
// cookie that proxy.ts guarantees on every page view.
import "server-only";
import { cookies } from "next/headers";
import { COOKIE_NAME, verifyIdentity } from "./cookie";

export async function currentUserId(): Promise<string | null> {
  const identity = await verifyIdentity((await cookies()).get(COOKIE_NAME)?.value);
  return identity?.userId ?? null;
}
