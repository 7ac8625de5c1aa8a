import { randomUUID } from "node:crypto";
import { db } from "./client";
import { NotFoundError, ReplyRunningError, UnknownParentError } from "../errors";
import { Prisma, type MessageStatus } from "./generated/client";
import { storable } from "./storable";

export type MessageRow = Prisma.MessageGetPayload<object>;

export type NewUserMessage = { parts: Prisma.InputJsonValue; text: string; clientId?: string };

export type TurnInsert = {
  sessionId: string;
  model: string;
  /** A user message to add, or none to regenerate the reply to `parentId`. */
  user: NewUserMessage | null;
  /** What the new message follows: undefined = the session's head, null = nothing (a new first message). */
  parentId?: string | null;
  /** A `streaming` reply not touched since then belongs to a process that died. */
  staleBefore: Date;
};

export type InsertedTurn =
  | { duplicate: false; user: MessageRow | null; reply: MessageRow }
  /** The sender retried a message that is already stored: nothing new was written. */
  | { duplicate: true; user: MessageRow; reply: MessageRow | null };

/** A new message as it is stored: written with one raw statement, so built here rather than read back. */
function newRow(fields: Pick<MessageRow, "id" | "sessionId" | "parentId" | "seq" | "role" | "parts" | "text" | "status" | "model" | "clientId">, at: Date): MessageRow {
  return { ...fields, finishReason: null, inputTokens: null, outputTokens: null, reasoningTokens: null, cost: null, error: null, createdAt: at, updatedAt: at };
}

type TurnOutcome =
  | { outcome: "inserted"; parentId: string | null; seq: number }
  | { outcome: "no_session" | "duplicate" | "running" | "unknown_parent"; id?: string };

/**
 * Stores the user's message and the (still empty) streaming reply in one
 * transaction, after the session is locked: from here nothing the user sent is
 * lost, the order is fixed, and a second running reply is impossible.
 * The work is the parley_insert_turn function (see its migration): one round
 * trip, as this runs for every message sent.
 */
export async function insertTurn(turn: TurnInsert): Promise<InsertedTurn> {
  const at = new Date();
  const userId = turn.user ? randomUUID() : null;
  const replyId = randomUUID();
  const rows = await db().$queryRaw<Array<{ result: TurnOutcome }>>`
    SELECT parley_insert_turn(${turn.sessionId}::uuid, ${turn.model}, ${turn.parentId !== undefined}, ${turn.parentId ?? null}::uuid,
      ${userId}::uuid, ${turn.user ? JSON.stringify(turn.user.parts) : null}::jsonb, ${turn.user?.text ?? null}, ${turn.user?.clientId ?? null},
      ${replyId}::uuid, ${at}::timestamp(3), ${turn.staleBefore}::timestamp(3)) AS result`;
  const result = rows[0]!.result;
  switch (result.outcome) {
    case "no_session":
      // Deleted since it was read (a send racing a delete).
      throw new NotFoundError("Session");
    case "running":
      throw new ReplyRunningError(result.id!);
    case "unknown_parent":
      throw new UnknownParentError(result.id!);
    case "duplicate": {
      const existing = await db().message.findUniqueOrThrow({ where: { id: result.id! } });
      const reply = await db().message.findFirst({ where: { parentId: existing.id, role: "assistant" }, orderBy: { seq: "asc" } });
      return { duplicate: true, user: existing, reply };
    }
  }
  const { parentId, seq } = result;
  const user = turn.user
    ? newRow({ id: userId!, sessionId: turn.sessionId, parentId, seq, role: "user", parts: turn.user.parts as Prisma.JsonValue, text: turn.user.text, status: "complete", model: null, clientId: turn.user.clientId ?? null }, at)
    : null;
  const reply = newRow(
    { id: replyId, sessionId: turn.sessionId, parentId: user?.id ?? parentId, seq: user ? seq + 1 : seq, role: "assistant", parts: [], text: "", status: "streaming", model: turn.model, clientId: null },
    at,
  );
  return { duplicate: false, user, reply };
}

export function findMessage(sessionId: string, id: string): Promise<MessageRow | null> {
  return db().message.findFirst({ where: { id, sessionId } });
}

export type ReplyCheckpoint = { id: string; parts: Prisma.InputJsonValue; text: string };

/**
 * Saves running replies as far as they got, in one statement; replies that
 * have ended are left alone. Also serves as their heartbeat.
 */
export async function checkpointReplies(replies: ReplyCheckpoint[]): Promise<void> {
  // Raw, and one statement for all of them: every running reply does this every two seconds.
  await db().$executeRaw`
    UPDATE "Message" m SET parts = c.parts, text = c.text, "updatedAt" = ${new Date()}
    FROM jsonb_to_recordset(${JSON.stringify(storable(replies))}::jsonb) AS c(id uuid, parts jsonb, text text)
    WHERE m.id = c.id AND m.status = 'streaming'`;
}

export type ReplyEnd = {
  status: Exclude<MessageStatus, "streaming">;
  parts: Prisma.InputJsonValue;
  text: string;
  finishReason: string | null;
  inputTokens: number | null;
  outputTokens: number | null;
  reasoningTokens: number | null;
  cost: number | null;
  error: string | null;
};

/** Stores a reply's end; null when the reply is gone (its session was deleted). */
export async function finishReply(id: string, end: ReplyEnd): Promise<MessageRow | null> {
  const clean = storable(end);
  const rows = await db().message.updateManyAndReturn({ where: { id }, data: { ...clean, cost: end.cost === null ? null : new Prisma.Decimal(end.cost) } });
  return rows[0] ?? null;
}

/** The session's reply that is being written (its writer checkpointed since `staleBefore`), if any. */
export function findRunningReply(sessionId: string, staleBefore: Date): Promise<MessageRow | null> {
  return db().message.findFirst({ where: { sessionId, status: "streaming", updatedAt: { gte: staleBefore } }, orderBy: { seq: "desc" } });
}

/** The replies running in any session of a user. */
export function runningRepliesOf(userId: string, staleBefore: Date): Promise<Array<{ id: string }>> {
  return db().message.findMany({ where: { session: { userId }, status: "streaming", updatedAt: { gte: staleBefore } }, select: { id: true } });
}

export async function interruptAllStreaming(): Promise<number> {
  const { count } = await db().message.updateMany({ where: { status: "streaming" }, data: { status: "interrupted" } });
  return count;
}

/** Marks replies whose writer died (no checkpoint since `staleBefore`) as interrupted. */
export async function interruptStaleReplies(sessionId: string, staleBefore: Date): Promise<void> {
  await db().message.updateMany({
    where: { sessionId, status: "streaming", updatedAt: { lt: staleBefore } },
    data: { status: "interrupted" },
  });
}

/**
 * The visible thread ending at `fromId`, newest first, at most `limit`
 * messages: the path from that message up through its parents.
 */
export async function threadUpTo(sessionId: string, fromId: string, limit: number): Promise<MessageRow[]> {
  const path = await db().$queryRaw<Array<{ id: string }>>`
    WITH RECURSIVE thread AS (
      SELECT id, "parentId", 0 AS depth FROM "Message" WHERE id = ${fromId}::uuid AND "sessionId" = ${sessionId}::uuid
      UNION ALL
      SELECT m.id, m."parentId", t.depth + 1 FROM "Message" m JOIN thread t ON m.id = t."parentId"
    )
    SELECT id FROM thread ORDER BY depth LIMIT ${limit}`;
  const rows = await db().message.findMany({ where: { id: { in: path.map((p) => p.id) } } });
  const byId = new Map(rows.map((row) => [row.id, row]));
  return path.map((p) => byId.get(p.id)!).filter(Boolean);
}

/**
 * The versions of each message: for each of `messageIds`, its siblings (the
 * messages with the same parent, by insertion order), when it has any. Edits
 * and regenerations are siblings of what they replace.
 */
export async function siblingsOf(sessionId: string, messageIds: string[]): Promise<Map<string, string[]>> {
  if (messageIds.length === 0) return new Map();
  const rows = await db().$queryRaw<Array<{ id: string; siblings: string[] }>>`
    SELECT m.id, array_agg(s.id ORDER BY s.seq) AS siblings
    FROM "Message" m JOIN "Message" s ON s."sessionId" = m."sessionId" AND s."parentId" IS NOT DISTINCT FROM m."parentId"
    WHERE m."sessionId" = ${sessionId}::uuid AND m.id = ANY(${messageIds}::uuid[])
    GROUP BY m.id HAVING count(*) > 1`;
  return new Map(rows.map((row) => [row.id, row.siblings]));
}

/** The newest message at the end of a branch that starts at `messageId` (itself when nothing follows it); null if it is not in the session. */
export async function newestLeafUnder(sessionId: string, messageId: string): Promise<string | null> {
  const rows = await db().$queryRaw<Array<{ id: string }>>`
    WITH RECURSIVE below AS (
      SELECT id, seq FROM "Message" WHERE id = ${messageId}::uuid AND "sessionId" = ${sessionId}::uuid
      UNION ALL
      SELECT m.id, m.seq FROM "Message" m JOIN below b ON m."parentId" = b.id
    )
    SELECT b.id FROM below b WHERE NOT EXISTS (SELECT 1 FROM "Message" c WHERE c."parentId" = b.id) ORDER BY b.seq DESC LIMIT 1`;
  return rows[0]?.id ?? null;
}
