// Accounts: everyone starts as a guest; a guest can take a name and password
// (keeping their chats), and log in elsewhere with them. Sessions are Better
// Auth's (lib/auth/auth.ts): each answer here carries the Set-Cookie headers
// that start or end one.
import { APIError } from "better-call";
import { signupAllowed, SSO_PROVIDER } from "./auth/auth";
import { isAdminName, nameKey } from "./auth/names";
import { authForCookies, authHeaders } from "./auth/session";
import { getConfig } from "./config";
import { claimGuest, deleteUser, findUser, hasPassword, releaseGuest, renameUser } from "./db/auth-store";
import { runningRepliesOf } from "./db/messages";
import { staleBefore } from "./chat/liveness";
import { requestStop } from "./chat/streams";
import { readPreferences, type Preferences } from "./preferences";
import { ConflictError, ForbiddenError, InvalidInputError, UnauthenticatedError } from "./errors";

export type UserView = { id: string; name: string | null; guest: boolean; admin: boolean; createdAt: string; preferences: Preferences };

/** What a request is, as Better Auth needs it: its cookies and where it came from. */
export type AuthRequest = { request: Request; clientAddress: string; secure: boolean };

/** An answer that sets (or clears) the session cookie. */
export type WithCookies<T> = T & { cookies: string[] };

function userView(user: { id: string; name: string | null; isAnonymous: boolean; createdAt: Date; preferences: unknown }): UserView {
  return {
    id: user.id,
    name: user.name,
    guest: user.isAnonymous,
    admin: isAdminName(user.name, getConfig().access.admins),
    createdAt: user.createdAt.toISOString(),
    preferences: readPreferences(user.preferences),
  };
}

export async function me(userId: string): Promise<UserView> {
  const user = await findUser(userId);
  if (!user) throw new UnauthenticatedError("unauthenticated", "Unknown user.");
  return userView(user);
}

/** Better Auth's API for this request, and the headers to call it with (lib/auth/session.ts). */
function betterAuthFor({ request, secure, clientAddress }: AuthRequest) {
  return { api: authForCookies(request.headers.get("cookie"), secure).api, headers: authHeaders(request, clientAddress) };
}

/** Better Auth's error code, when it refused. */
function refusal(error: unknown): string | null {
  return error instanceof APIError ? ((error.body?.code as string | undefined) ?? null) : null;
}

/** A name taken between our check and the insert surfaces as the unique index's violation. */
function isUniqueViolation(error: unknown): boolean {
  for (let cause = error; cause; cause = (cause as { cause?: unknown }).cause) {
    if ((cause as { code?: string }).code === "P2002" || (cause as { code?: string }).code === "23505") return true;
  }
  return false;
}

/**
 * A new account with a name and password, and a session. Made by a guest, it
 * gets the guest's chats and roles and the guest's session ends. Racing
 * registrations of one guest make one account; the others get 409.
 */
export async function register(at: AuthRequest, guestId: string | null, name: string, password: string): Promise<WithCookies<{ user: UserView }>> {
  if (guestId) {
    const guest = await findUser(guestId);
    if (!guest) throw new UnauthenticatedError("unauthenticated", "Unknown user.");
    if (!guest.isAnonymous) throw new ConflictError("already_registered", `You are already registered as "${guest.name}".`);
  }
  if (!signupAllowed(name)) throw new ForbiddenError("signup_closed", "Registration is closed on this server; ask its operator for an account.");
  if (guestId && !(await claimGuest(guestId))) throw new ConflictError("already_registered", "This guest is already being registered.");
  try {
    const { api, headers: sent } = betterAuthFor(at);
    const { headers, response } = await api.signUpEmail({
      body: { email: `${crypto.randomUUID()}@users.parley.invalid`, password, name: "", username: name, displayUsername: name },
      headers: sent,
      returnHeaders: true,
    });
    return { user: await me(response.user.id), cookies: headers.getSetCookie() };
  } catch (error) {
    if (guestId) await releaseGuest(guestId);
    if (refusal(error) === "USERNAME_IS_ALREADY_TAKEN" || isUniqueViolation(error)) throw new ConflictError("name_taken", `The name "${name}" is taken.`);
    throw error;
  }
}

/** Checks name and password and starts a session; a guest's chats move to the account. */
export async function login(at: AuthRequest, name: string, password: string): Promise<WithCookies<{ user: UserView }>> {
  try {
    const { api, headers: sent } = betterAuthFor(at);
    const { headers, response } = await api.signInUsername({ body: { username: name, password }, headers: sent, returnHeaders: true });
    return { user: await me(response!.user.id), cookies: headers.getSetCookie() };
  } catch (error) {
    if (refusal(error) === "INVALID_USERNAME_OR_PASSWORD") throw new UnauthenticatedError("invalid_credentials", "Wrong name or password.");
    throw error;
  }
}

/** Ends this browser's session (a guest's chats stay with the guest, out of reach). */
export async function logout(at: AuthRequest): Promise<string[]> {
  const { api, headers } = betterAuthFor(at);
  return (await api.signOut({ headers, returnHeaders: true })).headers.getSetCookie();
}

/** Ends every session of the user, this one included. */
export async function logoutEverywhere(at: AuthRequest): Promise<string[]> {
  const { api, headers } = betterAuthFor(at);
  await api.revokeSessions({ headers });
  return (await api.signOut({ headers, returnHeaders: true })).headers.getSetCookie();
}

/** Changes the password and ends every other session; this browser gets a new one. */
export async function changePassword(at: AuthRequest, currentPassword: string, newPassword: string): Promise<string[]> {
  try {
    const { api, headers } = betterAuthFor(at);
    const changed = await api.changePassword({ body: { currentPassword, newPassword, revokeOtherSessions: true }, headers, returnHeaders: true });
    return changed.headers.getSetCookie();
  } catch (error) {
    if (refusal(error) === "INVALID_PASSWORD") throw new ForbiddenError("wrong_password", "The current password is wrong.");
    if (refusal(error) === "CREDENTIAL_ACCOUNT_NOT_FOUND") throw new ConflictError("no_password", "This account signs in without a password.");
    throw error;
  }
}

/**
 * A registered user's new name (same rules and uniqueness as at registration). Guests
 * register instead; the operator's admin names cannot be taken this way.
 */
export async function rename(userId: string, name: string): Promise<void> {
  const user = await findUser(userId);
  if (!user) throw new UnauthenticatedError("unauthenticated", "Unknown user.");
  if (user.isAnonymous) throw new ForbiddenError("guest", "Register to have a name.");
  if (isAdminName(name, getConfig().access.admins) && !isAdminName(user.name, getConfig().access.admins)) {
    throw new ForbiddenError("name_reserved", `The name "${name}" is reserved.`);
  }
  if (!(await renameUser(userId, name, nameKey(name)))) throw new ConflictError("name_taken", `The name "${name}" is taken.`);
}

/**
 * Deletes the account and everything in it: chats, roles, files, tokens, share
 * links. An account with a password must give it; a guest or a single sign-on
 * account need not. Running replies are stopped first, so they stop costing.
 * Answers the cookies that end this browser's session.
 */
export async function deleteAccount(at: AuthRequest, userId: string, password: string | undefined): Promise<string[]> {
  const { api, headers } = betterAuthFor(at);
  if (await hasPassword(userId)) {
    if (!password) throw new InvalidInputError("password_required", "Give your password to delete the account.");
    try {
      await api.verifyPassword({ body: { password }, headers });
    } catch (error) {
      if (refusal(error) === "INVALID_PASSWORD") throw new ForbiddenError("wrong_password", "The password is wrong.");
      throw error;
    }
  }
  for (const reply of await runningRepliesOf(userId, staleBefore())) await requestStop(reply.id, "deleted");
  const cookies = (await api.signOut({ headers, returnHeaders: true })).headers.getSetCookie();
  await deleteUser(userId);
  return cookies;
}

/** Single sign-on: where to send the browser (the provider), and the cookies that carry its state. */
export async function startSingleSignOn(at: AuthRequest): Promise<WithCookies<{ url: string }>> {
  const { api, headers } = betterAuthFor(at);
  const started = await api.signInSocial({
    body: { provider: SSO_PROVIDER, callbackURL: "/", errorCallbackURL: "/login?sso=failed" },
    headers,
    returnHeaders: true,
  });
  return { url: started.response.url!, cookies: started.headers.getSetCookie() };
}
