import { deleteAccount, me, rename } from "@/lib/account";
import { deleteAccountBody, updateMeBody } from "@/lib/api/schemas";
import { requireBrowserSession } from "@/lib/auth/identity";
import { authRequest, withCookies } from "@/lib/http/request";
import { authedRoute, otherMethods } from "@/lib/http/route";
import { readJson } from "@/lib/http/validation";
import { updatePreferences } from "@/lib/preferences";

export const dynamic = "force-dynamic";

export const GET = authedRoute(async (_request, identity) => Response.json({ user: await me(identity.userId) }));

/** Renames the user, or changes their preferences (language, role and model of new chats; keys left out stay as they were). */
export const PATCH = authedRoute(async (request, identity) => {
  const { name, preferences } = await readJson(request, updateMeBody);
  if (name !== undefined) await rename(identity.userId, name);
  if (preferences) await updatePreferences(identity.userId, preferences);
  return Response.json({ user: await me(identity.userId) });
});

/** Deletes the account and all its data; this browser's session ends. */
export const DELETE = authedRoute(async (request, identity) => {
  requireBrowserSession(identity, "Delete the account from a signed-in browser.");
  const { password } = await readJson(request, deleteAccountBody);
  return withCookies(new Response(null, { status: 204 }), await deleteAccount(authRequest(request), identity.userId, password));
});

export const { POST, PUT } = otherMethods("GET", "PATCH", "DELETE");
