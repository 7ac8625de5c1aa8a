import { db } from "./client";
import { createWithinCap } from "./per-user-cap";

/** How stale lastUsedAt may get: one write a minute per token, not one per request. */
const TOUCH_EVERY_MS = 60_000;

/** The user behind an API token that exists, is not revoked and has not expired, and whether it may write; null otherwise. */
export async function tokenOwner(tokenHash: string): Promise<{ userId: string; canWrite: boolean } | null> {
  const token = await db().apiToken.findUnique({
    where: { tokenHash },
    select: { id: true, userId: true, canWrite: true, expiresAt: true, revokedAt: true, lastUsedAt: true },
  });
  if (!token || token.revokedAt || (token.expiresAt && token.expiresAt.getTime() <= Date.now())) return null;
  if (!token.lastUsedAt || Date.now() - token.lastUsedAt.getTime() > TOUCH_EVERY_MS) {
    await db().apiToken.update({ where: { id: token.id }, data: { lastUsedAt: new Date() } });
  }
  return { userId: token.userId, canWrite: token.canWrite };
}

/** Creates a token unless the user has `cap` live ones already (null then). */
export function createToken(userId: string, data: { name: string; tokenHash: string; canWrite: boolean; expiresAt: Date | null }, cap: number) {
  return createWithinCap(
    userId,
    cap,
    (tx) => tx.apiToken.count({ where: { userId, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: new Date() } }] } }),
    (tx) => tx.apiToken.create({ data: { ...data, userId } }),
  );
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
