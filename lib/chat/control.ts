// Stopping and resuming a session's running reply, for its owner only. Which
// reply runs is read from the database, so any app instance can answer.
import { findMessage, findRunningReply } from "../db/messages";
import { findSession } from "../db/sessions";
import { messageView, type MessageView } from "../views";
import { staleBefore } from "./liveness";
import { followReply, requestStop } from "./streams";
import { NotFoundError } from "../errors";

const STOP_WAIT_MS = 15_000;

async function ownedSession(userId: string, sessionId: string) {
  const session = await findSession(userId, sessionId);
  if (!session) throw new NotFoundError("Session");
  return session;
}

export async function stopRunningReply(userId: string, sessionId: string): Promise<{ stopped: boolean; message: MessageView | null }> {
  const session = await ownedSession(userId, sessionId);
  const running = await findRunningReply(session.id, staleBefore());
  if (!running) return { stopped: false, message: null };
  await requestStop(running.id);
  // The process running the reply stores what it generated; wait for that.
  const deadline = Date.now() + STOP_WAIT_MS;
  for (;;) {
    const row = await findMessage(session.id, running.id);
    if (!row || row.status !== "streaming" || Date.now() > deadline) return { stopped: true, message: row ? messageView(row) : null };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The running reply as SSE frames from its first chunk, following it live; null when none runs. */
export async function resumeRunningReply(userId: string, sessionId: string): Promise<ReadableStream<Uint8Array> | null> {
  const session = await ownedSession(userId, sessionId);
  const running = await findRunningReply(session.id, staleBefore());
  return running ? followReply(running.id) : null;
}
