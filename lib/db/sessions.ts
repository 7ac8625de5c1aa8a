import { randomUUID } from "node:crypto";
import { db } from "./client";
import { Prisma } from "./generated/client";

export type SessionRow = Prisma.SessionGetPayload<object>;

export function createSession(
  userId: string,
  data: { title?: string; roleId?: string | null; systemPrompt?: string | null; temperature?: number | null; model: string },
): Promise<SessionRow> {
  return db().session.create({
    data: { userId, model: data.model, roleId: data.roleId ?? null, systemPrompt: data.systemPrompt ?? null, temperature: data.temperature ?? null, ...(data.title ? { title: data.title, titleSource: "user" } : {}) },
  });
}

export type ThreadMessage = { role: "user" | "assistant"; text: string; model: string | null; parts: object[] };

/**
 * A new session that begins with an earlier conversation (a chain of finished
 * messages, the last one its head), written in one transaction. Titled from its
 * first words: its first turn is not the first message, so no title is generated.
 */
export function createSessionWithThread(
  userId: string,
  data: { roleId: string | null; systemPrompt: string | null; model: string; title: string },
  thread: ThreadMessage[],
): Promise<SessionRow> {
  const ids = thread.map(() => randomUUID());
  return db().$transaction(async (tx) => {
    const session = await tx.session.create({ data: { userId, ...data } });
    if (thread.length === 0) return session;
    await tx.message.createMany({
      data: thread.map((message, index) => ({
        id: ids[index]!,
        sessionId: session.id,
        parentId: index > 0 ? ids[index - 1]! : null,
        seq: index + 1,
        role: message.role,
        parts: message.parts as Prisma.InputJsonValue,
        text: message.text,
        status: "complete" as const,
        model: message.model,
      })),
    });
    return tx.session.update({ where: { id: session.id }, data: { headId: ids.at(-1)! } });
  });
}

/** The user's session, or null for an unknown id or someone else's. */
export function findSession(userId: string, id: string): Promise<SessionRow | null> {
  return db().session.findFirst({ where: { id, userId } });
}

/** Sets an automatic title unless the user has named the session. */
export async function setAutoTitle(sessionId: string, title: string): Promise<boolean> {
  const { count } = await db().session.updateMany({ where: { id: sessionId, titleSource: "auto" }, data: { title } });
  return count > 0;
}

export async function updateSession(
  userId: string,
  id: string,
  data: Partial<{ title: string; titleSource: "auto" | "user"; roleId: string | null; systemPrompt: string | null; temperature: number | null; model: string; pinned: boolean }>,
): Promise<SessionRow | null> {
  const { count } = await db().session.updateMany({ where: { id, userId }, data });
  return count === 0 ? null : db().session.findUnique({ where: { id } });
}

/** Makes `headId` the end of the session's visible thread. */
export async function setHead(sessionId: string, headId: string): Promise<void> {
  await db().session.update({ where: { id: sessionId }, data: { headId } });
}

/** Deletes the user's session with all its messages; false when there is no such session of theirs. */
export async function deleteSession(userId: string, id: string): Promise<boolean> {
  const { count } = await db().session.deleteMany({ where: { id, userId } });
  return count > 0;
}

/** Where a page of the session list ends: the last row's sort key. */
export type ListCursor = { pinned: boolean; lastMessageAt: Date; id: string };

function after(cursor: ListCursor | undefined): Prisma.Sql {
  if (!cursor) return Prisma.sql`TRUE`;
  const sameFlag = Prisma.sql`(s.pinned = ${cursor.pinned} AND (s."lastMessageAt" < ${cursor.lastMessageAt} OR (s."lastMessageAt" = ${cursor.lastMessageAt} AND s.id < ${cursor.id}::uuid)))`;
  // Pinned sessions come first: after a pinned cursor, every unpinned one still follows.
  return cursor.pinned ? Prisma.sql`(${sameFlag} OR s.pinned = FALSE)` : sameFlag;
}

/**
 * The words of a search box as a prefix-matching full-text query, split by
 * PostgreSQL's own parser and parley_search_words (what indexed the text, so
 * "issue-42" or 机器学习 split the same way on both sides): "rust borr" →
 * 'rust':* & 'borr':*, 机器学习 → '机器':* & '器学':* & '学习':*.
 * Null when there are no words. Computed once and passed on as a constant, so
 * the planner can judge how common the words are.
 */
async function searchQuery(words: string): Promise<string | null> {
  const [row] = await db().$queryRaw<Array<{ query: string | null }>>`
    SELECT to_tsquery('simple', string_agg(quote_literal(lexeme) || ':*', ' & '))::text AS query
    FROM unnest(to_tsvector('simple', parley_search_words(${words}, true)))`;
  return row?.query ?? null;
}

const ORDER = Prisma.sql`ORDER BY s.pinned DESC, s."lastMessageAt" DESC, s.id DESC`;

/**
 * How many sessions a search reads in list order before it asks the indexes
 * instead: reading in order finds a page of a common word's sessions at once
 * but every session for a rare word; the indexes the reverse.
 */
const SEARCH_WALK = 500;

export async function listSessions(userId: string, options: { limit: number; cursor?: ListCursor; search?: string }): Promise<{ rows: SessionRow[]; tsquery: string | null }> {
  const tsquery = options.search ? await searchQuery(options.search) : null;
  if (options.search && !tsquery) return { rows: [], tsquery };
  const ids = tsquery ? await searchSessions(userId, options.limit, options.cursor, tsquery) : await db().$queryRaw<Array<{ id: string }>>`
    SELECT s.id FROM "Session" s WHERE s."userId" = ${userId}::uuid AND ${after(options.cursor)} ${ORDER} LIMIT ${options.limit}`;
  const rows = await db().session.findMany({ where: { id: { in: ids.map((r) => r.id) } } });
  const byId = new Map(rows.map((row) => [row.id, row]));
  return { rows: ids.map((r) => byId.get(r.id)!).filter(Boolean), tsquery };
}

/** A page of the sessions whose title or messages match (Session.searchVector, Session.contentVector). */
async function searchSessions(userId: string, limit: number, cursor: ListCursor | undefined, tsquery: string): Promise<Array<{ id: string }>> {
  const match = Prisma.sql`(s."searchVector" @@ ${tsquery}::tsquery OR s."contentVector" @@ ${tsquery}::tsquery)`;
  // First the next sessions in list order: enough for a word in a fair share of them.
  const [walk] = await db().$queryRaw<Array<{ walked: number; ids: string[] }>>`
    WITH walk AS (
      SELECT s.id, s.pinned, s."lastMessageAt", s."searchVector", s."contentVector" FROM "Session" s
      WHERE s."userId" = ${userId}::uuid AND ${after(cursor)} ${ORDER} LIMIT ${SEARCH_WALK}
    ), hits AS (SELECT s.id, s.pinned, s."lastMessageAt" FROM walk s WHERE ${match} ${ORDER} LIMIT ${limit})
    SELECT (SELECT count(*)::int FROM walk) AS walked,
      coalesce((SELECT array_agg(s.id::text ${ORDER}) FROM hits s), '{}') AS ids`;
  if (walk!.ids.length === limit || walk!.walked < SEARCH_WALK) return walk!.ids.map((id) => ({ id }));
  // A rarer word: its sessions from the GIN indexes, then sorted. The planner cannot tell
  // how rare a prefix is and would read the sessions in order; here it must not.
  const [, , found] = await db().$transaction([
    db().$executeRaw`SET LOCAL enable_seqscan = off`,
    db().$executeRaw`SET LOCAL enable_indexscan = off`,
    db().$queryRaw<Array<{ id: string }>>`
      SELECT s.id FROM "Session" s WHERE s."userId" = ${userId}::uuid AND ${after(cursor)} AND ${match} ${ORDER} LIMIT ${limit}`,
  ]);
  return found;
}

/**
 * For each session, the text of its newest message holding all the words of
 * the query (from listSessions), else of its newest holding any of them (a
 * session is found by words from different messages). None when only the
 * title matched: the title is shown anyway.
 */
export async function matchingTexts(sessionIds: string[], tsquery: string): Promise<Map<string, string>> {
  if (sessionIds.length === 0) return new Map();
  // searchQuery's lexemes are quoted and never hold a space, so this only turns its ANDs into ORs.
  const anyWord = tsquery.replaceAll(" & ", " | ");
  const newest = (query: string) => Prisma.sql`
    (SELECT m.text FROM "Message" m WHERE m."sessionId" = s.id AND m."searchVector" @@ ${query}::tsquery ORDER BY m.seq DESC LIMIT 1)`;
  // Newest match first, one per session (index on sessionId, seq).
  const rows = await db().$queryRaw<Array<{ sessionId: string; text: string }>>`
    SELECT s.id AS "sessionId", m.text
    FROM unnest(${sessionIds}::uuid[]) AS s(id)
    CROSS JOIN LATERAL (SELECT coalesce(${newest(tsquery)}, ${newest(anyWord)}) AS text) m
    WHERE m.text IS NOT NULL`;
  return new Map(rows.map((row) => [row.sessionId, row.text]));
}
