// What Better Auth stores (users, sessions, accounts) through our Prisma client,
// and the few account writes Parley makes itself.
import { prismaAdapter } from "better-auth/adapters/prisma";
import { db } from "./client";
import type { PrismaClient } from "./generated/client";

export function authDatabase(): { client: PrismaClient; adapter: ReturnType<typeof prismaAdapter> } {
  const client = db();
  return { client, adapter: prismaAdapter(client, { provider: "postgresql" }) };
}

export function findUser(id: string) {
  return db().user.findUnique({ where: { id }, select: { id: true, name: true, isAnonymous: true, createdAt: true, statsFrom: true, preferences: true } });
}

/** How long a guest's registration may run before another attempt may take over. */
const REGISTRATION_CLAIM_MS = 60_000;

/**
 * Marks a guest as registering; false when it is not a guest or another
 * registration of it is under way. Racing registrations of one guest make one account.
 */
export async function claimGuest(id: string): Promise<boolean> {
  const { count } = await db().user.updateMany({
    where: { id, isAnonymous: true, OR: [{ registeringAt: null }, { registeringAt: { lt: new Date(Date.now() - REGISTRATION_CLAIM_MS) } }] },
    data: { registeringAt: new Date() },
  });
  return count === 1;
}

export async function releaseGuest(id: string): Promise<void> {
  await db().user.updateMany({ where: { id, isAnonymous: true }, data: { registeringAt: null } });
}

/**
 * Moves a guest's sessions, roles and tokens to the account they registered or logged in as;
 * the account's usage counts from the guest's start if that was earlier (a new account's
 * first chats were made as a guest).
 */
export async function adoptGuest(guestId: string, userId: string): Promise<void> {
  await db().$transaction([
    db().session.updateMany({ where: { userId: guestId }, data: { userId } }),
    db().role.updateMany({ where: { userId: guestId }, data: { userId } }),
    db().apiToken.updateMany({ where: { userId: guestId }, data: { userId } }),
    db().$executeRaw`UPDATE "User" u SET "statsFrom" = g."statsFrom" FROM "User" g WHERE u.id = ${userId}::uuid AND g.id = ${guestId}::uuid AND g."statsFrom" < u."statsFrom"`,
  ]);
}

export async function userExists(id: string): Promise<boolean> {
  return (await db().user.count({ where: { id } })) > 0;
}

/** Whether the user signs in with a password (not a guest, not single sign-on only). */
export async function hasPassword(userId: string): Promise<boolean> {
  return (await db().account.count({ where: { userId, providerId: "credential" } })) > 0;
}

/** Deletes a user; their sessions, messages, roles, tokens, share links and files go with them (foreign keys cascade). */
export async function deleteUser(id: string): Promise<void> {
  await db().user.deleteMany({ where: { id } });
}

/** Renames a registered user; false when the name (by its key) is taken. */
export async function renameUser(id: string, name: string, key: string): Promise<boolean> {
  try {
    await db().user.update({ where: { id }, data: { name, nameKey: key } });
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") return false;
    throw error;
  }
}

export async function loadPreferences(userId: string): Promise<unknown> {
  return (await db().user.findUnique({ where: { id: userId }, select: { preferences: true } }))?.preferences ?? {};
}

/** Merges `change` into the stored preferences in one statement (two changes at once both land); the merged object. */
export async function mergePreferences(userId: string, change: Record<string, unknown>): Promise<unknown> {
  const rows = await db().$queryRaw<Array<{ preferences: unknown }>>`
    UPDATE "User"
    SET "preferences" = (CASE WHEN jsonb_typeof("preferences") = 'object' THEN "preferences" ELSE '{}'::jsonb END) || ${JSON.stringify(change)}::jsonb,
        "updatedAt" = now()
    WHERE "id" = ${userId}
    RETURNING "preferences"`;
  return rows[0]?.preferences ?? {};
}
