// The signed-in user of a page render (server components), from the session
// cookie that proxy.ts sees to on every page view.
import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { signedIn } from "./session";

/** Once per render: the layout and the page both ask, and each asking is a database lookup. */
export const currentUserId = cache(async (): Promise<string | null> => (await signedIn(await headers()))?.userId ?? null);
