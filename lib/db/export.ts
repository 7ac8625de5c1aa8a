// Reads for exports: a user's sessions a batch at a time (so exporting
// thousands of chats never holds them all), each with every message of every branch.
// They load relations with separate queries ("query"), not the JSON join the client
// uses by default: a thread's messages (exact Decimal costs, long texts) come back as
// plain rows rather than squeezed through one jsonb aggregate per session.
import { db } from "./client";

/** A session's whole thread and its role, each relation read with its own query. */
const WHOLE_THREAD = {
  include: { messages: { orderBy: { seq: "asc" } }, role: true },
  relationLoadStrategy: "query",
} as const;

export function sessionForExport(userId: string, id: string) {
  return db().session.findFirst({ where: { id, userId }, ...WHOLE_THREAD });
}

/** The next `limit` of the user's sessions after `afterId` (by id: a stable order while new chats appear). */
export function sessionsForExport(userId: string, afterId: string | null, limit: number) {
  return db().session.findMany({
    where: { userId, ...(afterId ? { id: { gt: afterId } } : {}) },
    orderBy: { id: "asc" },
    take: limit,
    ...WHOLE_THREAD,
  });
}

export type SessionForExport = NonNullable<Awaited<ReturnType<typeof sessionForExport>>>;
