// A chat completion is a Parley turn (lib/chat/turn.ts): the same storage,
// limits and isolation as POST /api/sessions/:id/messages. This module only
// chooses the session and reshapes the turn's reply into OpenAI's objects:
// a `chat.completion`, or `chat.completion.chunk`s over SSE.
import type { UIMessage, UIMessageChunk } from "ai";
import { uploadAttachment } from "../attachments";
import { UnsupportedTypeError } from "../errors";
import { EventSourceParserStream } from "eventsource-parser/stream";
import { isKnownModel } from "../ai/providers";
import { DEFAULT_ROLE_ID } from "../ai/roles";
import { firstWords } from "../ai/title";
import { getSession, updateSession } from "../chat/sessions";
import { sendMessage, type ReplyMetadata, type ReplyResult, type Turn } from "../chat/turn";
import type { MessageRow } from "../db/messages";
import { createSessionWithThread } from "../db/sessions";
import { SSE_DONE, sseFrame } from "../http/sse";
import { OpenAIRequestError } from "./errors";
import type { ChatTurnRequest, InlineImage } from "./request";

export function checkModel(model: string): void {
  if (!isKnownModel(model)) throw new OpenAIRequestError(`The model "${model}" does not exist here; GET /v1/models lists the ones this server offers.`, "model", "model_not_found", 404);
}

/**
 * Starts the turn: in the session named by `sessionId` (only the newest user
 * message is taken; its history is the session's own), or in a new session
 * that holds the request's earlier messages and its system prompt.
 */
export async function startChatTurn(userId: string, request: ChatTurnRequest, sessionId: string | null): Promise<{ sessionId: string; turn: Turn }> {
  checkModel(request.model);
  const promptParts = await messageParts(userId, request.prompt, request.promptImages);
  let id: string;
  if (sessionId) {
    const session = await getSession(userId, sessionId);
    if (session.model !== request.model) await updateSession(userId, session.id, { model: request.model });
    id = session.id;
  } else {
    const history = [];
    for (const m of request.history) history.push({ role: m.role, text: m.text, model: m.role === "assistant" ? request.model : null, parts: await messageParts(userId, m.text, m.images) });
    const session = await createSessionWithThread(
      userId,
      {
        // Without system messages the session has the default role, as a chat started in the app.
        roleId: request.system === null ? DEFAULT_ROLE_ID : null,
        systemPrompt: request.system,
        model: request.model,
        title: history.length ? firstWords(history.find((m) => m.role === "user")?.text ?? request.prompt) : "New chat",
      },
      history,
    );
    id = session.id;
  }
  const turn = await sendMessage({ userId, sessionId: id, message: { text: request.prompt, parts: promptParts }, sampling: request.sampling });
  return { sessionId: id, turn };
}

/** A message's parts: its text, and its inline images stored as the user's attachments. */
async function messageParts(userId: string, text: string, images: InlineImage[]): Promise<UIMessage["parts"]> {
  const parts: UIMessage["parts"] = text ? [{ type: "text", text }] : [];
  for (const [index, image] of images.entries()) {
    try {
      const stored = await uploadAttachment(userId, { name: `image-${index + 1}.${image.mediaType.split("/")[1] ?? "bin"}`, bytes: image.bytes });
      if (stored.kind !== "image") throw new UnsupportedTypeError("unsupported_file_type", "expected a PNG, JPEG, WebP or GIF image");
      parts.push({ type: "file", url: stored.url, mediaType: stored.mediaType, filename: stored.name });
    } catch (error) {
      if (!(error instanceof Error && "code" in error)) throw error;
      throw new OpenAIRequestError(`${image.param}.image_url: ${error.message}`, `${image.param}.image_url`, String(error.code));
    }
  }
  return parts;
}

// ---- OpenAI's shapes ----------------------------------------------------------

type Counts = { inputTokens: number | null; outputTokens: number | null; reasoningTokens: number | null };

/** Unknown counts stay null (a server that does not report them), never a made-up 0. */
function usageOf(counts: Counts | undefined) {
  const input = counts?.inputTokens ?? null;
  const output = counts?.outputTokens ?? null;
  return {
    prompt_tokens: input,
    completion_tokens: output,
    total_tokens: input !== null && output !== null ? input + output : null,
    completion_tokens_details: { reasoning_tokens: counts?.reasoningTokens ?? null },
  };
}

function finishReasonOf(reason: string | null | undefined): "stop" | "length" | "content_filter" {
  if (reason === "length") return "length";
  if (reason === "content-filter") return "content_filter";
  return "stop";
}

export type CompletionMeta = { id: string; model: string; created: number };

export function completionMeta(turn: Turn, model: string): CompletionMeta {
  return { id: `chatcmpl-${turn.replyId}`, model, created: Math.floor(Date.now() / 1000) };
}

/** A failed or cut reply as an error: what the user would have seen in the app. */
export function replyFailure(result: ReplyResult): OpenAIRequestError | null {
  if (result.failure) return new OpenAIRequestError(result.failure.message, null, result.failure.code, result.failure.status);
  if (result.message.status === "interrupted") return new OpenAIRequestError("The reply was interrupted (the server is restarting); send again.", null, "interrupted", 503);
  return null;
}

/** The whole reply as a `chat.completion`. */
export function completionObject(meta: CompletionMeta, reply: MessageRow) {
  const parts = reply.parts as Array<{ type: string; text?: string }>;
  const reasoning = parts.filter((p) => p.type === "reasoning").map((p) => p.text ?? "").join("");
  return {
    id: meta.id,
    object: "chat.completion",
    created: meta.created,
    model: meta.model,
    choices: [
      {
        index: 0,
        message: { role: "assistant", content: reply.text, refusal: null, ...(reasoning ? { reasoning_content: reasoning } : {}) },
        logprobs: null,
        finish_reason: finishReasonOf(reply.finishReason),
      },
    ],
    usage: usageOf(reply),
  };
}

/**
 * The reply as `chat.completion.chunk` SSE frames, live: text in `content`,
 * reasoning in `reasoning_content` (as DeepSeek sends it, which OpenAI-compatible
 * clients read), then the finish reason, the usage when asked for, and [DONE].
 * A failed reply ends with an error frame, as OpenAI's streams do.
 */
export function completionChunks(meta: CompletionMeta, frames: ReadableStream<Uint8Array>, done: Promise<ReplyResult>, includeUsage: boolean): ReadableStream<string> {
  const chunk = (delta: object, finishReason: string | null = null) =>
    sseFrame({ id: meta.id, object: "chat.completion.chunk", created: meta.created, model: meta.model, choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }] });
  const events = frames.pipeThrough(new TextDecoderStream() as unknown as TransformStream<Uint8Array, string>).pipeThrough(new EventSourceParserStream());

  async function* openAIFrames(): AsyncGenerator<string> {
    yield chunk({ role: "assistant", content: "" });
    let finished = false;
    for await (const event of events) {
      if (event.data === "[DONE]") continue;
      const ui = JSON.parse(event.data) as UIMessageChunk;
      if (ui.type === "text-delta") yield chunk({ content: ui.delta });
      else if (ui.type === "reasoning-delta") yield chunk({ reasoning_content: ui.delta });
      else if (ui.type === "error") {
        yield sseFrame({ error: { message: ui.errorText, type: "server_error", param: null, code: "model_error" } });
        return;
      } else if (ui.type === "finish") {
        finished = true;
        const metadata = ui.messageMetadata as ReplyMetadata | undefined;
        yield chunk({}, finishReasonOf(ui.finishReason));
        if (includeUsage) yield sseFrame({ id: meta.id, object: "chat.completion.chunk", created: meta.created, model: meta.model, choices: [], usage: usageOf(metadata?.usage) });
      }
    }
    // Ended without a finish: stopped by its user (a finished answer, as far as it went) or cut.
    if (!finished) {
      const failure = replyFailure(await done);
      if (failure) {
        yield sseFrame({ error: { message: failure.message, type: "server_error", param: null, code: failure.code } });
        return;
      }
      yield chunk({}, "stop");
    }
    yield SSE_DONE;
  }

  const source = openAIFrames();
  return new ReadableStream<string>({
    async pull(controller) {
      const next = await source.next();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    async cancel() {
      await source.return(undefined);
    },
  });
}
