// The model's side of a reply: streamText (with tools and steps) as typed UI
// message chunks, and how the model's part of it ended. No database, no
// timers, no SSE: lib/chat/reply.ts owns the reply around it.
import { stepCountIs, streamText, type ModelMessage, type UIMessageChunk } from "ai";
import { describeModelError, oneSentence, StreamCutError, type ModelFailure } from "../ai/errors";
import { costOf, languageModel } from "../ai/providers";
import { toolsForTurn } from "../ai/tools";
import { listenForBytes } from "../ai/wire";
import { getConfig } from "../config";

/** Sampling settings a caller may set for one reply (the OpenAI-compatible API passes them through). */
export type Sampling = {
  temperature?: number;
  maxOutputTokens?: number;
  topP?: number;
  stopSequences?: string[];
  seed?: number;
  presencePenalty?: number;
  frequencyPenalty?: number;
};

export type ModelRequest = { modelId: string; system: string; messages: ModelMessage[]; sampling?: Sampling };

/** What a reply's `metadata` carries to clients (first on `start`, the rest on `finish`). */
export type ReplyMetadata = {
  model?: string;
  createdAt?: string;
  finishReason?: string;
  usage?: { inputTokens: number | null; outputTokens: number | null; reasoningTokens: number | null };
  cost?: number | null;
};

/** How the model's stream ended: finished, aborted (by whoever aborted it), or failed. */
export type ModelEnd =
  | { kind: "finished"; finishReason: string | null; metadata: ReplyMetadata }
  | { kind: "aborted" }
  | { kind: "failed"; failure: ModelFailure };

type StreamUsage = { inputTokens: number | undefined; outputTokens: number | undefined; outputTokenDetails: { reasoningTokens: number | undefined } };

function finishMetadata(modelId: string, usage: StreamUsage): ReplyMetadata {
  const counts = {
    inputTokens: usage.inputTokens ?? null,
    outputTokens: usage.outputTokens ?? null,
    reasoningTokens: usage.outputTokenDetails.reasoningTokens ?? null,
  };
  return { usage: counts, cost: costOf(modelId, { inputTokens: counts.inputTokens ?? 0, outputTokens: counts.outputTokens ?? 0 }) };
}

/** A tool's failure as the tool card shows it: one sentence, not a stack. */
function toolErrorText(error: unknown): string {
  return oneSentence(error instanceof Error ? error.message : typeof error === "string" ? error : JSON.stringify(error));
}

/**
 * Streams the model's reply as UI message chunks (without `start`: the reply
 * sends its own). `heartbeat` runs whenever the model server sends bytes.
 * `ended` resolves once the chunks have been read to their end.
 */
export function streamModelReply(
  request: ModelRequest,
  { signal, heartbeat }: { signal: AbortSignal; heartbeat: () => void },
): { chunks: AsyncIterable<UIMessageChunk>; ended: Promise<ModelEnd> } {
  const settings = getConfig().models;
  let failure: ModelFailure | null = null;
  let failedWith: unknown;
  let finish: Extract<UIMessageChunk, { type: "finish" }> | null = null;
  let errorSent = false;
  let endReply!: (end: ModelEnd) => void;
  const ended = new Promise<ModelEnd>((resolve) => (endReply = resolve));

  const fail = (error: unknown) => {
    if (failure) return;
    failedWith = error;
    failure = describeModelError(error);
  };

  const opened = toolsForTurn().then((tools) => {
    listenForBytes(signal, heartbeat);
    return streamText({
      model: languageModel(request.modelId),
      system: request.system,
      messages: request.messages,
      ...request.sampling,
      tools,
      stopWhen: stepCountIs(settings.maxSteps),
      // Retries happen only before the first byte: a stream that broke is never asked again.
      maxRetries: settings.retries,
      abortSignal: signal,
      // An error of the reply itself (not of a tool: those go back to the model).
      onError: ({ error }) => fail(error),
    })
      .toUIMessageStream({
        sendStart: false,
        sendReasoning: true,
        messageMetadata: ({ part }) => (part.type === "finish" ? finishMetadata(request.modelId, part.totalUsage) : undefined),
        // Called for the reply's error and for each tool's; only the first ends the reply.
        onError: (error) => (failure && error === failedWith ? failure.message : toolErrorText(error)),
      })
      .getReader();
  });

  let reader: ReadableStreamDefaultReader<UIMessageChunk> | null = null;
  let over = false;
  const done = (): IteratorResult<UIMessageChunk> => ({ done: true, value: undefined });

  /** The SDK's stream has ended (or broke): how the reply ended, and an error chunk if one is owed. */
  function end(): IteratorResult<UIMessageChunk> {
    over = true;
    if (!failure && !signal.aborted && !finish) fail(new StreamCutError());
    if (failure) endReply({ kind: "failed", failure });
    else if (signal.aborted) endReply({ kind: "aborted" });
    else endReply({ kind: "finished", finishReason: finish!.finishReason ?? null, metadata: (finish!.messageMetadata as ReplyMetadata | undefined) ?? {} });
    // Failures the SDK did not stream (a stream that threw, or was cut) still reach the client.
    return failure && !errorSent ? { done: false, value: { type: "error", errorText: failure.message } } : done();
  }

  /** A stream that broke (connection lost, model unknown): what was received stays with the reply. One that was aborted ends as aborted, whoever aborted it. */
  function broke(error: unknown): IteratorResult<UIMessageChunk> {
    if (!signal.aborted) fail(error);
    return end();
  }

  function read(from: ReadableStreamDefaultReader<UIMessageChunk>): Promise<IteratorResult<UIMessageChunk>> {
    return from.read().then(({ done: ended, value: chunk }) => {
      if (ended) return end();
      if (chunk.type === "finish") finish = chunk;
      else if (chunk.type === "error") errorSent = true;
      return { done: false, value: chunk };
    }, broke);
  }

  // An iterator over the SDK's reader rather than an async generator: a generator
  // adds promises to every token, and under Node 20 each one is dear (docs/architecture.md).
  const chunks: AsyncIterableIterator<UIMessageChunk> = {
    next() {
      if (over) return Promise.resolve(done());
      if (reader) return read(reader);
      return opened.then((opened) => read((reader = opened)), broke);
    },
    // A reader that stops early (it threw) lets the SDK's stream go.
    return() {
      over = true;
      void reader?.cancel().catch(() => {});
      return Promise.resolve(done());
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };

  return { chunks, ended };
}
