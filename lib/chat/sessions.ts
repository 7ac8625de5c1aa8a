// Sessions as users see them: created with a role and a model they may use,
// renamed, re-roled, pinned, deleted; and their history along the visible thread.
import { z } from "zod";
import { attachmentsOfSession, forgetAttachments } from "../attachments";
import { isKnownModel } from "../ai/providers";
import { findMessage, findRunningReply, interruptStaleReplies, newestLeafUnder, siblingsOf, threadUpTo } from "../db/messages";
import { findUsableRole } from "../db/roles";
import * as sessions from "../db/sessions";
import { messageView, sessionView, type MessageView, type SessionView } from "../views";
import { staleBefore } from "./liveness";
import { requestStop } from "./streams";
import { snippet } from "../search/snippet";
import { newChatDefaults } from "../preferences";
import { InvalidInputError, NotFoundError, ReplyRunningError } from "../errors";

export type SessionInput = { title?: string; roleId?: string | null; systemPrompt?: string | null; temperature?: number | null; model?: string; pinned?: boolean };

async function checkRole(userId: string, roleId: string | null | undefined): Promise<void> {
  if (roleId && !(await findUsableRole(userId, roleId))) throw new InvalidInputError("unknown_role", `No role "${roleId}"; GET /api/roles lists yours.`);
}

function checkModel(model: string | undefined): void {
  if (model !== undefined && !isKnownModel(model)) throw new InvalidInputError("unknown_model", `Model "${model}" is not offered; GET /api/models lists them.`);
}

export async function createSession(userId: string, input: SessionInput): Promise<SessionView> {
  await checkRole(userId, input.roleId);
  checkModel(input.model);
  const defaults = input.roleId === undefined || input.model === undefined ? await newChatDefaults(userId) : null;
  const row = await sessions.createSession(userId, {
    title: input.title,
    roleId: input.roleId === undefined ? defaults!.roleId : input.roleId,
    systemPrompt: input.systemPrompt ?? null,
    temperature: input.temperature ?? null,
    model: input.model ?? defaults!.model,
  });
  return sessionView(row);
}

export async function getSession(userId: string, id: string): Promise<SessionView> {
  const row = await sessions.findSession(userId, id);
  if (!row) throw new NotFoundError("Session");
  return sessionView(row);
}

export async function updateSession(userId: string, id: string, input: SessionInput): Promise<SessionView> {
  await checkRole(userId, input.roleId);
  checkModel(input.model);
  const { title, ...rest } = input;
  const row = await sessions.updateSession(userId, id, { ...rest, ...(title !== undefined ? { title, titleSource: "user" as const } : {}) });
  if (!row) throw new NotFoundError("Session");
  return sessionView(row);
}

/** Deletes a session with its messages; a reply running in it is stopped first, so it stops costing. */
export async function deleteSession(userId: string, id: string): Promise<void> {
  const session = await sessions.findSession(userId, id);
  if (!session) throw new NotFoundError("Session");
  const running = await findRunningReply(session.id, staleBefore());
  if (running) await requestStop(running.id, "deleted");
  const attachments = await attachmentsOfSession(session.id);
  if (!(await sessions.deleteSession(userId, id))) throw new NotFoundError("Session");
  // Its files go too, unless another chat of the user has them.
  await forgetAttachments(userId, attachments);
}

export type SessionListItem = SessionView & { snippet: string | null };
export type SessionPage = { sessions: SessionListItem[]; nextCursor: string | null };

function encodeCursor(row: { pinned: boolean; lastMessageAt: Date; id: string }): string {
  return Buffer.from(JSON.stringify([row.pinned, row.lastMessageAt.toISOString(), row.id])).toString("base64url");
}

function decodeCursor(cursor: string): sessions.ListCursor {
  try {
    const [pinned, at, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as [boolean, string, string];
    const lastMessageAt = new Date(at);
    // Anything the database would refuse (an id that is no UUID, a date outside its range) is refused here.
    const year = lastMessageAt.getUTCFullYear();
    if (typeof pinned !== "boolean" || !(year >= 1970 && year <= 9999) || !z.uuid().safeParse(id).success) throw new Error();
    return { pinned, lastMessageAt, id };
  } catch {
    throw new InvalidInputError("invalid_cursor", "The cursor is not one this API returned.");
  }
}

/** The user's sessions, pinned first then newest activity first, a page at a time; `q` searches titles and messages. */
export async function listSessions(userId: string, options: { limit: number; cursor?: string; q?: string }): Promise<SessionPage> {
  const { rows, tsquery } = await sessions.listSessions(userId, {
    limit: options.limit + 1,
    cursor: options.cursor ? decodeCursor(options.cursor) : undefined,
    // NFKC: full-width Ｒｕｓｔ and half-width katakana search as what they stand for.
    search: options.q?.normalize("NFKC").trim() || undefined,
  });
  const page = rows.slice(0, options.limit);
  const texts = tsquery ? await sessions.matchingTexts(page.map((r) => r.id), tsquery) : new Map<string, string>();
  return {
    sessions: page.map((row) => {
      const text = texts.get(row.id);
      return { ...sessionView(row), snippet: text === undefined ? null : snippet(text, options.q!) };
    }),
    nextCursor: rows.length > options.limit ? encodeCursor(page.at(-1)!) : null,
  };
}

/** `versions`: for each message of the page that has other versions (edits, regenerations), every version's id in order. */
export type HistoryPage = { messages: MessageView[]; nextCursor: string | null; versions: Record<string, string[]> };

/**
 * A page of the visible thread, oldest first, ending just before `before`
 * (a message id from the previous page's nextCursor) or at the session's head.
 */
export async function history(userId: string, sessionId: string, options: { before?: string; limit: number }): Promise<HistoryPage> {
  const session = await sessions.findSession(userId, sessionId);
  if (!session) throw new NotFoundError("Session");
  await interruptStaleReplies(session.id, staleBefore());
  let from = session.headId;
  if (options.before) {
    const cursor = await findMessage(session.id, options.before);
    if (!cursor) throw new InvalidInputError("invalid_cursor", "The cursor is not a message of this session.");
    from = cursor.parentId;
  }
  if (!from) return { messages: [], nextCursor: null, versions: {} };
  const rows = await threadUpTo(session.id, from, options.limit + 1);
  const page = rows.slice(0, options.limit);
  const more = rows.length > options.limit;
  const versions = await siblingsOf(session.id, page.map((row) => row.id));
  return { messages: page.reverse().map((row) => messageView(row)), nextCursor: more ? page[0]!.id : null, versions: Object.fromEntries(versions) };
}

/**
 * Shows another version of a message: the session's head moves to the newest
 * message that follows that version, and the thread is read again from there.
 */
export async function showVersion(userId: string, sessionId: string, messageId: string, limit: number): Promise<HistoryPage> {
  const session = await sessions.findSession(userId, sessionId);
  if (!session) throw new NotFoundError("Session");
  const running = await findRunningReply(session.id, staleBefore());
  if (running) throw new ReplyRunningError(running.id);
  const head = await newestLeafUnder(session.id, messageId);
  if (!head) throw new InvalidInputError("unknown_message", `No message ${messageId} in this session.`);
  await sessions.setHead(session.id, head);
  return history(userId, session.id, { limit });
}
