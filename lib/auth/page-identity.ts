// The signed-in user of a page render (server components), from the session
// cookie that proxy.ts sees to on every page view.
import "server-only";
import { headers } from "next/headers";
import { signedIn } from "./session";

export async function currentUserId(): Promise<string | null> {
  return (await signedIn(await headers()))?.userId ?? null;
}
