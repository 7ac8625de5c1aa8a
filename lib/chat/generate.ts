// Generating a reply: the model call (streamText, with tools and steps) turned
// into the AI SDK UI message stream, serialised as SSE frames, with the reply's
// parts so far for checkpoints and how it ended. It touches no database and no
// request, so it can run in a worker thread (lib/chat/generation.ts).
import { stepCountIs, streamText, type ModelMessage, type UIMessage, type UIMessageChunk } from "ai";
import { describeModelError, ModelTimeoutError, type ModelFailure } from "../ai/errors";
import { costOf, languageModel } from "../ai/providers";
import { toolsForTurn } from "../ai/tools";
import { getConfig } from "../config";
import { sseFrame } from "../http/sse";
import { CHECKPOINT_MS } from "./liveness";
import { PartsSoFar } from "./parts-so-far";

export type GenerateRequest = { replyId: string; modelId: string; system: string; messages: ModelMessage[] };

/** What a reply's `metadata` carries to clients (first on `start`, the rest on `finish`). */
export type ReplyMetadata = {
  model?: string;
  createdAt?: string;
  finishReason?: string;
  usage?: { inputTokens: number | null; outputTokens: number | null; reasoningTokens: number | null };
  cost?: number | null;
};

export type GenerateEnd = {
  status: "complete" | "stopped" | "interrupted" | "error";
  parts: UIMessage["parts"];
  finishReason: string | null;
  metadata: ReplyMetadata;
  failure: ModelFailure | null;
};

export type GenerateEvents = {
  /** SSE frames for clients, in order. */
  frames(frames: string[]): void;
  /** The reply's parts so far: at most every CHECKPOINT_MS, when they changed. */
  progress(parts: UIMessage["parts"]): void;
  end(end: GenerateEnd): void;
};

/** Why generation is asked to stop: a user's stop keeps the reply as "stopped", a shutdown as "interrupted". */
export type StopReason = "user" | "shutdown";

/** Follows the model's chunks and decides how the reply ended. */
class Outcome {
  status: GenerateEnd["status"] = "complete";
  finishReason: string | null = null;
  failure: ModelFailure | null = null;
  metadata: ReplyMetadata = {};
  errorSent = false;
  stopReason: StopReason | null = null;
  private finished = false;

  observe(chunk: UIMessageChunk): void {
    if (chunk.type === "error") {
      this.errorSent = true;
    } else if (chunk.type === "finish") {
      this.finished = true;
      this.finishReason = chunk.finishReason ?? null;
      this.metadata = { ...this.metadata, ...(chunk.messageMetadata as ReplyMetadata | undefined) };
    } else if (chunk.type === "abort" && !this.failure) {
      this.status = this.stopReason === "shutdown" ? "interrupted" : "stopped";
    }
  }

  fail(error: unknown): ModelFailure {
    this.failure ??= describeModelError(error);
    this.status = "error";
    return this.failure;
  }

  /** A stream that ended without finish, abort or error was cut off. */
  settle(): void {
    if (this.status === "complete" && !this.finished) this.fail(new Error("The model's reply ended unexpectedly"));
  }
}

function finishMetadata(modelId: string, usage: { inputTokens: number | undefined; outputTokens: number | undefined; outputTokenDetails: { reasoningTokens: number | undefined } }): ReplyMetadata {
  const counts = {
    inputTokens: usage.inputTokens ?? null,
    outputTokens: usage.outputTokens ?? null,
    reasoningTokens: usage.outputTokenDetails.reasoningTokens ?? null,
  };
  return { usage: counts, cost: costOf(modelId, { inputTokens: counts.inputTokens ?? 0, outputTokens: counts.outputTokens ?? 0 }) };
}

// One timer for all the replies of this thread: their parts are reported in the same
// turn of the event loop, so they reach the database as one statement (lib/chat/recorder.ts).
const reporters = new Set<() => void>();
let reportTimer: NodeJS.Timeout | undefined;

function reportEverySecond(report: () => void): () => void {
  reporters.add(report);
  reportTimer ??= setInterval(() => reporters.forEach((each) => each()), CHECKPOINT_MS);
  return () => {
    reporters.delete(report);
    if (reporters.size > 0) return;
    clearInterval(reportTimer);
    reportTimer = undefined;
  };
}

/**
 * Generates one reply. `stop` ends it early; a model silent for longer than
 * PARLEY_MODEL_TIMEOUT_MS (before its first token or between two) is given up
 * on. Resolves after `events.end`.
 */
export function generate(request: GenerateRequest, events: GenerateEvents): { stop(reason: StopReason): void; done: Promise<void> } {
  const settings = getConfig().models;
  const abort = new AbortController();
  const outcome = new Outcome();
  const soFar = new PartsSoFar();

  // A timer per chunk would cost more than the chunk; one check a little more often than needed is enough.
  let lastActivity = Date.now();
  const watchdog = setInterval(() => {
    if (Date.now() - lastActivity < settings.timeoutMs) return;
    const timeout = new ModelTimeoutError(settings.timeoutMs);
    outcome.fail(timeout);
    abort.abort(new DOMException(timeout.message, "TimeoutError"));
  }, Math.min(250, Math.max(10, settings.timeoutMs / 4)));

  let changed = false;
  const stopReporting = reportEverySecond(() => {
    if (changed) events.progress(soFar.parts);
    changed = false;
  });

  const stop = (reason: StopReason) => {
    outcome.stopReason = reason;
    // The SDK reports an abort as one only when the reason is an AbortError (or TimeoutError).
    abort.abort(new DOMException(reason === "shutdown" ? "The server is shutting down" : "Stopped by the user", "AbortError"));
  };

  const done = (async () => {
    let sdkParts: UIMessage["parts"] | undefined;
    try {
      const tools = await toolsForTurn();
      const result = streamText({
        model: languageModel(request.modelId),
        system: request.system,
        messages: request.messages,
        tools,
        stopWhen: stepCountIs(settings.maxSteps),
        maxRetries: settings.retries,
        abortSignal: abort.signal,
        // Failures are reported to the client and stored (see onError below); no console noise.
        onError: () => {},
      });
      const chunks = result.toUIMessageStream({
        sendStart: false,
        sendReasoning: true,
        messageMetadata: ({ part }) => (part.type === "finish" ? finishMetadata(request.modelId, part.totalUsage) : undefined),
        onError: (error) => outcome.fail(error).message,
        // The SDK's own view of the finished (or stopped) reply is what gets stored.
        onFinish: ({ responseMessage }) => void (sdkParts = responseMessage.parts),
      });
      for await (const chunk of chunks) {
        lastActivity = Date.now();
        outcome.observe(chunk);
        if (soFar.add(chunk)) changed = true;
        events.frames([sseFrame(chunk)]);
      }
    } catch (error) {
      // A broken model stream (a connection cut mid-reply) ends up here; what was received is kept.
      outcome.fail(error);
    } finally {
      clearInterval(watchdog);
      stopReporting();
    }
    outcome.settle();
    // Failures the SDK did not report as an error event (a timeout is an abort to it;
    // a failure before streaming never reached it) still reach the client as one.
    if (outcome.failure && !outcome.errorSent) events.frames([sseFrame({ type: "error", errorText: outcome.failure.message })]);
    events.end({
      status: outcome.status,
      parts: sdkParts ?? soFar.parts,
      finishReason: outcome.finishReason,
      metadata: outcome.metadata,
      failure: outcome.failure,
    });
  })();
  return { stop, done };
}
