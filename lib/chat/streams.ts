// Running replies: every chunk of a reply is kept while it runs, so any client
// can attach from the first chunk and follow it live (resume), and a stop
// request reaches the process that runs it. In-process by default; through
// Redis (resumable-stream, pub/sub) when REDIS_URL is set, so that any app
// instance can resume or stop a reply another one runs. The hub keeps each
// chunk as the SSE frame every follower is sent (serialised and encoded once,
// here); a follower's stream is the response body itself, keep-alives included.
import type { UIMessageChunk } from "ai";
import { createResumableStreamContext, type ResumableStreamContext } from "resumable-stream";
import { keptAlive, SSE_DONE, sseBytes, sseFrame } from "../http/sse";
import { log } from "../log";
import { redis } from "../redis";

/** How the producer of a reply reports to the hub. */
export type ReplyWriter = {
  append(chunk: UIMessageChunk): void;
  /** The reply has ended and is stored: clients' streams end. */
  close(): void;
};

/** Why a reply is stopped: a user's stop keeps it as "stopped"; a shutdown or its session's deletion cuts it ("interrupted"). */
export type StopReason = "user" | "shutdown" | "deleted";

type Producer = { sessionId: string; stop: (reason: StopReason) => void; ended: Promise<void> };

type Hub = {
  /** Registers a running reply; returns its writer and the SSE stream for the client that started it. */
  open(sessionId: string, replyId: string, stop: (reason: StopReason) => void): Promise<{ writer: ReplyWriter; firstClient: ReadableStream<Uint8Array> }>;
  /** The reply as SSE bytes from its first chunk, following it live; null when it does not run. */
  follow(replyId: string): Promise<ReadableStream<Uint8Array> | null>;
  /** Asks whichever process runs the reply to stop it. */
  requestStop(replyId: string, reason: StopReason): Promise<void>;
};

// Replies this process produces, for stop requests and graceful shutdown.
const holder = globalThis as typeof globalThis & { __parleyProducers?: Map<string, Producer> };
const producers: Map<string, Producer> = (holder.__parleyProducers ??= new Map());

function track(sessionId: string, replyId: string, stop: (reason: StopReason) => void): () => void {
  let markEnded!: () => void;
  producers.set(replyId, { sessionId, stop, ended: new Promise((resolve) => (markEnded = resolve)) });
  return () => {
    producers.delete(replyId);
    markEnded();
  };
}

function stopLocal(replyId: string, reason: StopReason): void {
  producers.get(replyId)?.stop(reason);
}

// ---- In process ----------------------------------------------------------

type Follower = { controller: ReadableStreamDefaultController<Uint8Array>; alive: ReturnType<typeof keptAlive> };
type LiveReply = { frames: Uint8Array[]; followers: Set<Follower>; closed: boolean };
const live = new Map<string, LiveReply>();
const encoder = new TextEncoder();

function followLocal(reply: LiveReply): ReadableStream<Uint8Array> {
  let self: Follower;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      for (const frame of reply.frames) controller.enqueue(frame);
      if (reply.closed) return controller.close();
      self = { controller, alive: keptAlive(controller) };
      reply.followers.add(self);
    },
    // A client that goes away stops following; the reply itself runs on.
    cancel() {
      self?.alive.stop();
      reply.followers.delete(self);
    },
  });
}

const localHub: Hub = {
  async open(sessionId, replyId, stop) {
    const untrack = track(sessionId, replyId, stop);
    const reply: LiveReply = { frames: [], followers: new Set(), closed: false };
    live.set(replyId, reply);
    const push = (frame: string) => {
      const bytes = encoder.encode(frame);
      reply.frames.push(bytes);
      for (const follower of reply.followers) follower.controller.enqueue(bytes);
    };
    const writer: ReplyWriter = {
      append(chunk) {
        if (!reply.closed) push(sseFrame(chunk));
      },
      close() {
        if (reply.closed) return;
        push(SSE_DONE);
        reply.closed = true;
        for (const follower of reply.followers) {
          follower.alive.stop();
          follower.controller.close();
        }
        reply.followers.clear();
        live.delete(replyId);
        untrack();
      },
    };
    return { writer, firstClient: followLocal(reply) };
  },
  async follow(replyId) {
    const reply = live.get(replyId);
    return reply ? followLocal(reply) : null;
  },
  async requestStop(replyId, reason) {
    stopLocal(replyId, reason);
  },
};

// ---- Through Redis ---------------------------------------------------------

const STOP_CHANNEL = "parley:stop";

type RedisHub = Hub & { context: ResumableStreamContext };
let redisHub: Promise<RedisHub> | undefined;

async function connectRedisHub(): Promise<RedisHub> {
  const { publisher, subscriber } = (await redis())!;
  // A stop request reaches every instance; the one producing the reply acts on it.
  await subscriber.subscribe(STOP_CHANNEL, (message) => {
    try {
      const { replyId, reason } = JSON.parse(message) as { replyId: string; reason: StopReason };
      stopLocal(replyId, reason);
    } catch (error) {
      log.warn("bad stop message", error);
    }
  });
  const context = createResumableStreamContext({ keyPrefix: "parley", waitUntil: null, publisher, subscriber });
  return {
    context,
    async open(sessionId, replyId, stop) {
      const untrack = track(sessionId, replyId, stop);
      let source!: ReadableStreamDefaultController<string>;
      let closed = false;
      const frames = new ReadableStream<string>({ start: (controller) => void (source = controller) });
      const writer: ReplyWriter = {
        append(chunk) {
          if (!closed) source.enqueue(sseFrame(chunk));
        },
        close() {
          if (closed) return;
          closed = true;
          source.enqueue(SSE_DONE);
          source.close();
          untrack();
        },
      };
      const firstClient = await context.createNewResumableStream(replyId, () => frames);
      return { writer, firstClient: firstClient ? sseBytes(firstClient) : new ReadableStream({ start: (c) => c.close() }) };
    },
    async follow(replyId) {
      try {
        const stream = await context.resumeExistingStream(replyId);
        return stream ? sseBytes(stream) : null;
      } catch (error) {
        // The producing process died before saying "done": nothing to follow.
        log.debug(`cannot resume reply ${replyId}`, error);
        return null;
      }
    },
    async requestStop(replyId, reason) {
      await publisher.publish(STOP_CHANNEL, JSON.stringify({ replyId, reason }));
    },
  };
}

function hub(): Promise<Hub> {
  if (!redis()) return Promise.resolve(localHub);
  redisHub ??= connectRedisHub().catch((error) => {
    redisHub = undefined;
    throw error;
  });
  return redisHub;
}

export async function openReply(sessionId: string, replyId: string, stop: (reason: StopReason) => void) {
  return (await hub()).open(sessionId, replyId, stop);
}

export async function followReply(replyId: string): Promise<ReadableStream<Uint8Array> | null> {
  return (await hub()).follow(replyId);
}

export async function requestStop(replyId: string, reason: StopReason = "user"): Promise<void> {
  return (await hub()).requestStop(replyId, reason);
}

/** The replies this process is producing, with a promise for each one's end (graceful shutdown). */
export function localReplies(): Array<{ replyId: string; ended: Promise<void> }> {
  return [...producers.entries()].map(([replyId, producer]) => ({ replyId, ended: producer.ended }));
}

export function stopLocalReply(replyId: string, reason: StopReason): void {
  stopLocal(replyId, reason);
}
