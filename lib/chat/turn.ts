// The one place a turn happens (docs/architecture.md, "A turn"): store the
// user's message and an empty streaming reply, then run the reply
// (lib/chat/reply.ts) detached from the request, so a closed tab does not kill
// it: it finishes, is stored, and any client can follow it meanwhile.
import type { UIMessage } from "ai";
import { defaultModelId, isKnownModel } from "../ai/providers";
import { checkAttachments } from "../attachments";
import { getConfig } from "../config";
import { NothingToRegenerateError, NotFoundError } from "../errors";
import { findMessage, insertTurn, type MessageRow } from "../db/messages";
import { findSession, type SessionRow } from "../db/sessions";
import { finishedSseStream, SSE_DONE, sseFrame } from "../http/sse";
import { buildContext } from "./context";
import { staleBefore } from "./liveness";
import { storedReplyChunks, textOf } from "./parts";
import { startReply, type ReplyResult } from "./reply";
import { followReply } from "./streams";

import type { Sampling } from "./model-reply";

export type { ReplyMetadata, Sampling } from "./model-reply";
export type { ReplyResult } from "./reply";

export type SendRequest = {
  userId: string;
  sessionId: string;
  /** The user's message; leave out with `regenerate` to answer the same message again. */
  message?: { text: string; parts?: UIMessage["parts"]; clientId?: string };
  /** The message this one follows (an edit sends the edited message's parent); default: the session's head. */
  parentId?: string | null;
  regenerate?: boolean;
  /** Sampling settings for this reply only (not stored with the session). */
  sampling?: Sampling;
};

export type Turn = {
  userMessage: MessageRow | null;
  replyId: string;
  /** True when the message was a retry of one already stored: nothing new was started. */
  duplicate: boolean;
  /** The reply as SSE frames (bytes) of UI message chunks, from its first; the reply runs on if the reader goes away. */
  stream(): Promise<ReadableStream<Uint8Array>>;
  /** The stored reply once it has ended, with what went wrong if it failed. */
  done: Promise<ReplyResult>;
};


/** Which user message a regenerated reply answers. */
async function regenerationParent(session: SessionRow, parentId: string | null | undefined): Promise<string> {
  if (parentId) return parentId;
  const head = session.headId ? await findMessage(session.id, session.headId) : null;
  if (!head) throw new NothingToRegenerateError();
  if (head.role === "user") return head.id;
  if (!head.parentId) throw new NothingToRegenerateError();
  return head.parentId;
}

export async function sendMessage(request: SendRequest): Promise<Turn> {
  const session = await findSession(request.userId, request.sessionId);
  if (!session) throw new NotFoundError("Session");
  // A session whose model is no longer offered continues on the default one.
  const modelId = isKnownModel(session.model) ? session.model : defaultModelId();

  let user = null;
  let parentId = request.parentId;
  if (request.regenerate || !request.message) {
    parentId = await regenerationParent(session, request.parentId);
  } else {
    const sent = request.message.parts ?? [{ type: "text" as const, text: request.message.text }];
    const parts = await checkAttachments(request.userId, sent, modelId);
    user = { parts: parts as object[], text: textOf(parts), clientId: request.message.clientId };
  }

  // The prompt is read while the turn is written (it depends only on what is stored already), so
  // the model is called as soon as the user's message is safe.
  const settings = getConfig().models;
  const pending = user ? ({ id: "pending", role: "user", parts: user.parts } as UIMessage) : null;
  const prepare = (threadEnd: string | null) => buildContext(session, threadEnd, pending, { tokenBudget: settings.contextTokens, modelId });
  const expectedEnd = parentId === undefined ? session.headId : parentId;
  const early = prepare(expectedEnd);
  early.catch(() => {}); // used only if the turn is written

  const inserted = await insertTurn({
    sessionId: session.id,
    model: modelId,
    user,
    parentId,
    staleBefore: staleBefore(),
  });
  if (inserted.duplicate) return replayDuplicate(session.id, inserted.user, inserted.reply);

  const reply = inserted.reply;
  // Another reply may have landed between our read and the lock: then read the thread again.
  const threadEnd = user ? inserted.user!.parentId : reply.parentId;
  const prepared = threadEnd === expectedEnd ? early : prepare(threadEnd);
  const firstTurn = session.headId === null && inserted.user !== null;
  const started = startReply({ session, reply, modelId, titleFrom: firstTurn ? inserted.user!.text : null, context: prepared, sampling: samplingFor(session, request.sampling) });
  return {
    userMessage: inserted.user,
    replyId: reply.id,
    duplicate: false,
    stream: async () => (await started).firstClient,
    done: started.then((s) => s.done),
  };
}

/** A stored reply as SSE frames, or the running one followed live. */
async function replyFrames(sessionId: string, replyId: string): Promise<ReadableStream<Uint8Array>> {
  const running = await followReply(replyId);
  if (running) return running;
  const stored = await findMessage(sessionId, replyId);
  return finishedSseStream([...(stored ? storedReplyChunks(stored) : []).map(sseFrame), SSE_DONE]);
}

async function storedAfterEnd(sessionId: string, replyId: string): Promise<ReplyResult> {
  // The reply may still be running: follow it to its end first.
  await (await replyFrames(sessionId, replyId)).pipeTo(new WritableStream());
  const message = (await findMessage(sessionId, replyId))!;
  const failure = message.status === "error" ? { code: "model_error", message: message.error ?? "The model failed", status: 502 as const } : null;
  return { message, failure };
}

/** The session's temperature, unless this request sets its own sampling. */
function samplingFor(session: SessionRow, sampling: Sampling | undefined): Sampling | undefined {
  if (session.temperature === null) return sampling;
  return { temperature: session.temperature, ...sampling };
}

function replayDuplicate(sessionId: string, userMessage: MessageRow, reply: MessageRow | null): Turn {
  if (!reply) {
    // The user message is stored but its reply is gone (deleted): nothing to replay.
    return {
      userMessage,
      replyId: "",
      duplicate: true,
      stream: async () => new ReadableStream({ start: (c) => c.close() }),
      done: Promise.resolve({ message: userMessage, failure: null }),
    };
  }
  return {
    userMessage,
    replyId: reply.id,
    duplicate: true,
    stream: () => replyFrames(sessionId, reply.id),
    done: storedAfterEnd(sessionId, reply.id),
  };
}
