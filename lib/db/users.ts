import { db } from "./client";

/**
 * Makes sure the user row behind a signed identity exists. Guests get their id
 * in a cookie before they have a row; the row appears with their first request.
 */
export async function ensureUser(id: string): Promise<void> {
  // INSERT … ON CONFLICT DO NOTHING: atomic, unlike upsert, when a new guest's first requests race.
  await db().user.createMany({ data: [{ id }], skipDuplicates: true });
}

export function findUser(id: string) {
  return db().user.findUnique({ where: { id } });
}

export function findUserByName(name: string) {
  return db().user.findUnique({ where: { name } });
}

/** Gives a guest a name and password; false when the name is taken. */
export async function registerUser(id: string, name: string, passwordHash: string): Promise<boolean> {
  try {
    await db().user.update({ where: { id }, data: { name, passwordHash } });
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") return false;
    throw error;
  }
}

/** Moves a guest's sessions and own roles to another user (a guest who logs in keeps what they did). */
export async function adoptGuest(guestId: string, userId: string): Promise<void> {
  await db().$transaction([
    db().session.updateMany({ where: { userId: guestId }, data: { userId } }),
    db().role.updateMany({ where: { userId: guestId }, data: { userId } }),
    db().user.deleteMany({ where: { id: guestId, name: null } }),
  ]);
}
