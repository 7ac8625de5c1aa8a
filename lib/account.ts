// Accounts: everyone starts as a guest; a guest can take a name and password
// (keeping their sessions), and log in elsewhere with them.
import { burnPasswordCheck, hashPassword, verifyPassword } from "./auth/passwords";
import * as users from "./db/users";
import { ConflictError, UnauthenticatedError } from "./errors";

export type UserView = { id: string; name: string | null; guest: boolean; createdAt: string };

function userView(user: { id: string; name: string | null; createdAt: Date }): UserView {
  return { id: user.id, name: user.name, guest: user.name === null, createdAt: user.createdAt.toISOString() };
}

export async function me(userId: string): Promise<UserView> {
  const user = await users.findUser(userId);
  if (!user) throw new UnauthenticatedError("unauthenticated", "Unknown user.");
  return userView(user);
}

export async function register(userId: string, name: string, password: string): Promise<UserView> {
  const user = await users.findUser(userId);
  if (!user) throw new UnauthenticatedError("unauthenticated", "Unknown user.");
  if (user.name) throw new ConflictError("already_registered", `You are already registered as "${user.name}".`);
  if (!(await users.registerUser(userId, name, await hashPassword(password)))) {
    throw new ConflictError("name_taken", `The name "${name}" is taken.`);
  }
  return me(userId);
}

/** Checks name and password; a guest's sessions move to the account they log in to. */
export async function login(name: string, password: string, currentUserId: string | null): Promise<UserView> {
  const user = await users.findUserByName(name);
  if (!user?.passwordHash) {
    await burnPasswordCheck(password);
    throw new UnauthenticatedError("invalid_credentials", "Wrong name or password.");
  }
  if (!(await verifyPassword(password, user.passwordHash))) throw new UnauthenticatedError("invalid_credentials", "Wrong name or password.");
  if (currentUserId && currentUserId !== user.id) {
    const current = await users.findUser(currentUserId);
    if (current && current.name === null) await users.adoptGuest(current.id, user.id);
  }
  return userView(user);
}
