// Share links: snapshots of a session's visible thread, found by their secret id.
import { db } from "./client";
import type { Prisma } from "./generated/client";
import { createWithinCap } from "./per-user-cap";

export type ShareRow = Prisma.ShareGetPayload<object>;

/** Creates a share unless the user has `cap` of them already (null then). */
export function createShare(data: { id: string; userId: string; sessionId: string; title: string; messages: object[] }, cap: number) {
  return createWithinCap(
    data.userId,
    cap,
    (tx) => tx.share.count({ where: { userId: data.userId } }),
    (tx) => tx.share.create({ data: { ...data, messages: data.messages as Prisma.InputJsonValue } }),
  );
}

/** The user's shares, newest first, without their snapshots. */
export function listShares(userId: string) {
  return db().share.findMany({ where: { userId }, orderBy: { createdAt: "desc" }, omit: { messages: true } });
}

export function findShare(id: string): Promise<ShareRow | null> {
  return db().share.findUnique({ where: { id } });
}

/** Deletes one of the user's shares; false when they have no such share. */
export async function deleteShare(userId: string, id: string): Promise<boolean> {
  const { count } = await db().share.deleteMany({ where: { id, userId } });
  return count > 0;
}
