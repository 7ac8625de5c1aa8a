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

/**
 * Stores the user's message and the (still empty) streaming reply in one
 * transaction, after the session is locked: from here nothing the user sent is
 * lost, the order is fixed, and a second running reply is impossible.
 */
export async function insertTurn(turn: TurnInsert): Promise<InsertedTurn> {
  // Raw SQL on this path: it runs for every message sent, and Prisma's query
  // builder costs more CPU than the database itself here.
  return db().$transaction(
    async (tx) => {
      // Lock the session: turns of one session are written one at a time.
      const locked = await tx.$queryRaw<unknown[]>`SELECT 1 FROM "Session" WHERE id = ${turn.sessionId}::uuid FOR UPDATE`;
      // Deleted since it was read (a send racing a delete).
      if (locked.length === 0) throw new NotFoundError("Session");
      // Then read its state in a statement of its own: its snapshot is taken after the lock, so it
      // sees every turn committed before ours (a statement that waits for a lock keeps its older one).
      const rows = await tx.$queryRaw<
        Array<{ headId: string | null; maxSeq: number | null; streaming: Array<{ id: string; updatedAt: string }> | null; duplicateId: string | null; parentFound: boolean }>
      >`
        SELECT s."headId",
          (SELECT max(m.seq) FROM "Message" m WHERE m."sessionId" = s.id) AS "maxSeq",
          (SELECT json_agg(json_build_object('id', m.id, 'updatedAt', m."updatedAt")) FROM "Message" m
            WHERE m."sessionId" = s.id AND m.status = 'streaming') AS streaming,
          (SELECT m.id FROM "Message" m WHERE m."sessionId" = s.id AND m."clientId" = ${turn.user?.clientId ?? null}) AS "duplicateId",
          EXISTS (SELECT 1 FROM "Message" m WHERE m.id = ${turn.parentId ?? null}::uuid AND m."sessionId" = s.id) AS "parentFound"
        FROM "Session" s WHERE s.id = ${turn.sessionId}::uuid`;
      const state = rows[0]!;

      if (state.duplicateId) {
        const existing = await tx.message.findUniqueOrThrow({ where: { id: state.duplicateId } });
        const reply = await tx.message.findFirst({ where: { parentId: existing.id, role: "assistant" }, orderBy: { seq: "asc" } });
        return { duplicate: true as const, user: existing, reply };
      }

      const streaming = state.streaming ?? [];
      // Timestamps are stored without zone, in UTC.
      const running = streaming.find((m) => new Date(`${m.updatedAt}Z`) >= turn.staleBefore);
      if (running) throw new ReplyRunningError(running.id);
      if (streaming.length > 0) {
        await tx.message.updateMany({ where: { id: { in: streaming.map((m) => m.id) } }, data: { status: "interrupted" } });
      }

      const parentId = turn.parentId === undefined ? state.headId : turn.parentId;
      if (turn.parentId && !state.parentFound) throw new UnknownParentError(turn.parentId);

      const at = new Date();
      const seq = (state.maxSeq ?? 0) + 1;
      const user = turn.user
        ? newRow({ id: randomUUID(), sessionId: turn.sessionId, parentId, seq, role: "user", parts: turn.user.parts as Prisma.JsonValue, text: turn.user.text, status: "complete", model: null, clientId: turn.user.clientId ?? null }, at)
        : null;
      const reply = newRow(
        { id: randomUUID(), sessionId: turn.sessionId, parentId: user?.id ?? parentId, seq: user ? seq + 1 : seq, role: "assistant", parts: [], text: "", status: "streaming", model: turn.model, clientId: null },
        at,
      );
      const values = [user, reply]
        .filter((row): row is MessageRow => row !== null)
        .map(
          (row) => Prisma.sql`(${row.id}::uuid, ${row.sessionId}::uuid, ${row.parentId}::uuid, ${row.seq}, ${row.role}::"MessageRole",
            ${JSON.stringify(row.parts)}::jsonb, ${row.text}, ${row.status}::"MessageStatus", ${row.model}, ${row.clientId}, ${at}, ${at})`,
        );
      await tx.$executeRaw`
        WITH inserted AS (
          INSERT INTO "Message" (id, "sessionId", "parentId", seq, role, parts, text, status, model, "clientId", "createdAt", "updatedAt")
          VALUES ${Prisma.join(values)}
        )
        UPDATE "Session" SET "headId" = ${reply.id}::uuid, "lastMessageAt" = ${at}, model = ${turn.model}, "updatedAt" = ${at}
        WHERE id = ${turn.sessionId}::uuid`;
      return { duplicate: false as const, user, reply };
    },
    // Many turns may start at once (one connection each): wait for a connection rather than fail.
    { maxWait: 15_000, timeout: 15_000 },
  );
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
  // Raw, and one statement for all of them: every running reply does this every second or two.
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
