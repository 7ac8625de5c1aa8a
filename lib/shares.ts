// Share links: a read-only snapshot of a session's visible thread at the moment
// it is shared, readable by anyone who has the link (the id is 128 random bits)
// and by no one once it is deleted. The operator can turn sharing off
// (PARLEY_SHARING=off): nothing can be shared and existing links answer 404.
import { randomBytes } from "node:crypto";
import type { UIMessage } from "ai";
import { getConfig } from "./config";
import { findAttachment } from "./db/attachments";
import { threadUpTo } from "./db/messages";
import { findSession } from "./db/sessions";
import * as shares from "./db/shares";
import { ConflictError, ForbiddenError, NotFoundError } from "./errors";
import type { MessageView } from "./views";

/** How many share links one user may have. */
export const MAX_SHARES_PER_USER = 500;
/** The longest thread a snapshot holds (its newest messages). */
const MAX_SHARED_MESSAGES = 5_000;

export type ShareView = { id: string; path: string; sessionId: string; title: string; createdAt: string };

export type SharedMessage = Pick<MessageView, "id" | "role" | "parts" | "status" | "model" | "error" | "createdAt">;
export type SharedThread = { title: string; createdAt: string; messages: SharedMessage[] };

const view = (row: { id: string; sessionId: string; title: string; createdAt: Date }): ShareView => ({
  id: row.id,
  path: `/s/${row.id}`,
  sessionId: row.sessionId,
  title: row.title,
  createdAt: row.createdAt.toISOString(),
});

function checkSharing(): void {
  if (!getConfig().access.sharing) throw new ForbiddenError("sharing_disabled", "Sharing is turned off on this server.");
}

export async function shareSession(userId: string, sessionId: string): Promise<ShareView> {
  checkSharing();
  const session = await findSession(userId, sessionId);
  if (!session) throw new NotFoundError("Session");
  const thread = session.headId ? (await threadUpTo(session.id, session.headId, MAX_SHARED_MESSAGES)).reverse() : [];
  // Finished messages only: a reply still being written is not part of the snapshot.
  const messages: SharedMessage[] = thread
    .filter((m) => m.status !== "streaming")
    .map((m) => ({ id: m.id, role: m.role, parts: m.parts as UIMessage["parts"], status: m.status, model: m.model, error: m.error, createdAt: m.createdAt.toISOString() }));
  const row = await shares.createShare({ id: randomBytes(16).toString("base64url"), userId, sessionId: session.id, title: session.title, messages }, MAX_SHARES_PER_USER);
  if (!row) throw new ConflictError("too_many_shares", `At most ${MAX_SHARES_PER_USER} share links; delete some first.`);
  return view(row);
}

export async function listShares(userId: string): Promise<ShareView[]> {
  return (await shares.listShares(userId)).map(view);
}

export async function deleteShare(userId: string, id: string): Promise<void> {
  if (!(await shares.deleteShare(userId, id))) throw new NotFoundError("Share");
}

async function liveShare(id: string) {
  if (!getConfig().access.sharing || !/^[\w-]{22}$/.test(id)) return null;
  return shares.findShare(id);
}

/** The snapshot behind a link, for anyone; null when there is none (or sharing is off). */
export async function sharedThread(id: string): Promise<SharedThread | null> {
  const row = await liveShare(id);
  return row ? { title: row.title, createdAt: row.createdAt.toISOString(), messages: row.messages as SharedMessage[] } : null;
}

/** An attachment of a shared snapshot, for anyone with the link; null for a file the snapshot does not show. */
export async function sharedFile(shareId: string, fileId: string) {
  const row = await liveShare(shareId);
  const url = `/api/files/${fileId}`;
  const shown = (row?.messages as SharedMessage[] | undefined)?.some((m) => m.parts.some((p) => p.type === "file" && p.url === url));
  if (!row || !shown || !/^[0-9a-f-]{36}$/i.test(fileId)) return null;
  return findAttachment(row.userId, fileId);
}
