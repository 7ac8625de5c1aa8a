import { db } from "./client";

/** How stale lastUsedAt may get: one write a minute per token, not one per request. */
const TOUCH_EVERY_MS = 60_000;

/** The user behind an API token that exists and is not revoked; null otherwise. */
export async function userIdForToken(tokenHash: string): Promise<string | null> {
  const token = await db().apiToken.findUnique({ where: { tokenHash }, select: { id: true, userId: true, revokedAt: true, lastUsedAt: true } });
  if (!token || token.revokedAt) return null;
  if (!token.lastUsedAt || Date.now() - token.lastUsedAt.getTime() > TOUCH_EVERY_MS) {
    await db().apiToken.update({ where: { id: token.id }, data: { lastUsedAt: new Date() } });
  }
  return token.userId;
}

/** Creates a token unless the user has `cap` live ones already (null then); racing creates cannot pass it. */
export function createToken(userId: string, name: string, tokenHash: string, cap: number) {
  return db().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT 1 FROM "User" WHERE "id" = ${userId}::uuid FOR UPDATE`;
    if ((await tx.apiToken.count({ where: { userId, revokedAt: null } })) >= cap) return null;
    return tx.apiToken.create({ data: { userId, name, tokenHash } });
  });
}

export function listTokens(userId: string) {
  return db().apiToken.findMany({ where: { userId }, orderBy: { createdAt: "desc" } });
}

/** Revokes one of the user's tokens; false when they have no such token. */
export async function revokeToken(userId: string, id: string): Promise<boolean> {
  const { count } = await db().apiToken.updateMany({ where: { id, userId, revokedAt: null }, data: { revokedAt: new Date() } });
  if (count > 0) return true;
  return (await db().apiToken.count({ where: { id, userId } })) > 0;
}
