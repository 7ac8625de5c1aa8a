// The life of one running reply, from its empty `streaming` row to its final
// stored form (docs/architecture.md, "A reply"). A Reply owns:
// - its abort controller, made before anything awaits, so a stop that arrives
//   while the prompt is still being read is not lost;
// - the parts so far (lib/chat/parts.ts), the same shape while it runs and once stored;
// - one tick, shared by every running reply of this process: a checkpoint when
//   the parts changed (all replies' checkpoints go out as one statement), a
//   heartbeat when they did not, and the watchdog that gives up on a model
//   server that has sent no byte for PARLEY_MODEL_TIMEOUT_MS;
// - the final write, retried while the database is down;
// - the session's title on its first turn;
// - stop and resume, through the hub of running replies (lib/chat/streams.ts).
// A Reply deals in typed UI message chunks; the hub serialises each once, as the
// SSE frame its followers are sent.
import type { UIMessageChunk } from "ai";
import { describeModelError, ModelTimeoutError, type ModelFailure } from "../ai/errors";
import { generateTitle } from "../ai/title";
import { getConfig } from "../config";
import type { MessageRow } from "../db/messages";
import { setAutoTitle, type SessionRow } from "../db/sessions";
import { log } from "../log";
import type { ModelContext } from "./context";
import { CHECKPOINT_MS, HEARTBEAT_MS, TICK_MS } from "./liveness";
import { streamModelReply, type ModelEnd, type ReplyMetadata, type Sampling } from "./model-reply";
import { MessageParts, textOf } from "./parts";
import { forgetCheckpoint, saveCheckpoint, storeReplyEnd } from "./recorder";
import { openReply, type ReplyWriter, type StopReason } from "./streams";

export type ReplyStatus = "complete" | "stopped" | "interrupted" | "error";
export type ReplyResult = { message: MessageRow; failure: ModelFailure | null };

export type ReplyStart = {
  session: SessionRow;
  reply: MessageRow;
  modelId: string;
  /** The first user message of the session, to title it from; null when it has a title. */
  titleFrom: string | null;
  context: Promise<ModelContext>;
  sampling?: Sampling;
};

// ---- The tick ----------------------------------------------------------------

const running = new Set<Reply>();
const TICK_SLACK_MS = 50;
let ticker: NodeJS.Timeout | undefined;

function tickEvery(): number {
  // Often enough for the watchdog to act within a quarter of the timeout; every TICK_MS at most.
  return Math.min(TICK_MS, Math.max(10, getConfig().models.timeoutMs / 4));
}

function track(reply: Reply): () => void {
  running.add(reply);
  ticker ??= setInterval(() => running.forEach((each) => each.tick(Date.now())), tickEvery());
  return () => {
    running.delete(reply);
    if (running.size > 0) return;
    clearInterval(ticker);
    ticker = undefined;
  };
}

// ---- A reply -------------------------------------------------------------------

class Reply {
  private readonly abort = new AbortController();
  private readonly parts = new MessageParts();
  private stopReason: StopReason | null = null;
  private timedOut: ModelTimeoutError | null = null;
  private heardAt = Date.now();
  private savedAt = Date.now();
  private changed = false;
  private checkpointed = false;
  private ending = false;

  constructor(
    private readonly start: ReplyStart,
    private readonly writer: ReplyWriter,
  ) {}

  stop(reason: StopReason): void {
    if (this.abort.signal.aborted) return;
    this.stopReason = reason;
    // The SDK reports an abort as one only when the reason is an AbortError (or TimeoutError).
    this.abort.abort(new DOMException(`Stopped (${reason})`, "AbortError"));
  }

  tick(now: number): void {
    if (this.ending) return;
    const { timeoutMs } = getConfig().models;
    if (now - this.heardAt >= timeoutMs && !this.abort.signal.aborted) {
      this.timedOut = new ModelTimeoutError(timeoutMs);
      this.abort.abort(new DOMException(this.timedOut.message, "TimeoutError"));
    }
    // A little slack: the tick that comes a second later must not find 999 ms and wait another second.
    const since = now - this.savedAt + TICK_SLACK_MS;
    // The first words are saved at the first tick after they arrive; then at most every CHECKPOINT_MS.
    if ((this.changed && (!this.checkpointed || since >= CHECKPOINT_MS)) || since >= HEARTBEAT_MS) this.checkpoint(now);
  }

  private checkpoint(now: number): void {
    this.checkpointed ||= this.parts.parts.some((part) => part.type !== "step-start");
    this.changed = false;
    this.savedAt = now;
    saveCheckpoint({ id: this.start.reply.id, parts: this.parts.parts, text: textOf(this.parts.parts) });
  }

  /** When each reasoning part began, and its provider metadata: its end says how long the model thought. */
  private readonly thinking = new Map<string, { since: number; providerMetadata: object | undefined }>();

  private send(chunk: UIMessageChunk): void {
    this.heardAt = Date.now();
    if (chunk.type === "reasoning-start") this.thinking.set(chunk.id, { since: this.heardAt, providerMetadata: chunk.providerMetadata });
    else if (chunk.type === "reasoning-end") {
      const started = this.thinking.get(chunk.id);
      // Kept with the part (clients show "Thought for 12 s"); the provider's own metadata stays beside it.
      if (started) chunk = { ...chunk, providerMetadata: { ...started.providerMetadata, ...chunk.providerMetadata, parley: { thoughtMs: this.heardAt - started.since } } };
    }
    if (this.parts.add(chunk)) this.changed = true;
    this.writer.append(chunk);
  }

  async run(): Promise<ReplyResult> {
    const { session, reply, modelId, titleFrom } = this.start;
    const untrack = track(this);
    this.writer.append({ type: "start", messageId: reply.id, messageMetadata: { model: modelId, createdAt: reply.createdAt.toISOString() } });
    // The title is asked for once the answer has begun, so its request never delays the answer's first token.
    let title: Promise<void> | null = null;
    const startTitle = () => (title ??= titleFrom ? titleTask(session.id, titleFrom, this.writer) : Promise.resolve());
    const startedAt = performance.now();

    let end: ModelEnd;
    try {
      const context = await this.start.context;
      if (this.abort.signal.aborted) {
        end = { kind: "aborted" };
      } else {
        const model = streamModelReply(
          { modelId, system: context.system, messages: context.messages, sampling: this.start.sampling },
          { signal: this.abort.signal, heartbeat: () => (this.heardAt = Date.now()) },
        );
        for await (const chunk of model.chunks) {
          this.send(chunk);
          if (chunk.type === "text-delta" || chunk.type === "reasoning-delta" || chunk.type.startsWith("tool-")) startTitle();
        }
        end = await model.ended;
      }
    } catch (error) {
      // The prompt could not be read (the database failed): nothing reached the model.
      end = { kind: "failed", failure: describeModelError(error) };
      this.send({ type: "error", errorText: end.failure.message });
    }
    this.ending = true;
    untrack();

    const outcome = this.outcome(end);
    log.debug(`reply ${reply.id}: generated in ${Math.round(performance.now() - startedAt)} ms, ${outcome.status}`);
    await forgetCheckpoint(reply.id);
    const parts = this.parts.parts;
    const usage = outcome.metadata.usage;
    const saved = await storeReplyEnd(reply.id, {
      status: outcome.status,
      parts,
      text: textOf(parts),
      finishReason: outcome.finishReason,
      inputTokens: usage?.inputTokens ?? null,
      outputTokens: usage?.outputTokens ?? null,
      reasoningTokens: usage?.reasoningTokens ?? null,
      cost: outcome.metadata.cost ?? null,
      error: outcome.failure?.message ?? null,
    });
    if (saved === "unavailable") this.writer.append({ type: "error", errorText: "The reply could not be saved: the database is unavailable." });
    await startTitle();
    this.writer.close();
    const message = typeof saved === "object" ? saved : { ...reply, status: outcome.status, parts: parts as object[], text: textOf(parts), error: outcome.failure?.message ?? null };
    return { message, failure: outcome.failure };
  }

  /** How the reply ended, from how the model's stream ended and why it was aborted. */
  private outcome(end: ModelEnd): { status: ReplyStatus; finishReason: string | null; metadata: ReplyMetadata; failure: ModelFailure | null } {
    const none = { finishReason: null, metadata: {}, failure: null };
    if (end.kind === "finished") return { status: "complete", finishReason: end.finishReason, metadata: end.metadata, failure: null };
    if (end.kind === "failed") return { ...none, status: "error", failure: end.failure };
    if (this.timedOut) {
      const failure = describeModelError(this.timedOut);
      this.writer.append({ type: "error", errorText: failure.message });
      return { ...none, status: "error", failure };
    }
    return { ...none, status: this.stopReason === "user" ? "stopped" : "interrupted" };
  }
}

/** Titles the session off the hot path; clients get the title as a transient data part. */
async function titleTask(sessionId: string, firstMessage: string, writer: ReplyWriter): Promise<void> {
  try {
    const title = await generateTitle(firstMessage);
    if (await setAutoTitle(sessionId, title)) writer.append({ type: "data-title", data: { sessionId, title }, transient: true });
  } catch (error) {
    log.warn(`title for session ${sessionId} failed`, error);
  }
}

/**
 * Starts a reply: registers it with the hub (so it can be followed and stopped
 * from now on), then runs it detached from any request. `firstClient` is the
 * stream of the client that sent the message; `done` settles once it is stored.
 */
export async function startReply(start: ReplyStart): Promise<{ firstClient: ReadableStream<Uint8Array>; done: Promise<ReplyResult> }> {
  let reply: Reply | null = null;
  let early: StopReason | null = null;
  const { writer, firstClient } = await openReply(start.session.id, start.reply.id, (reason) => (reply ? reply.stop(reason) : (early = reason)));
  reply = new Reply(start, writer);
  if (early) reply.stop(early);
  return { firstClient, done: reply.run() };
}
