// Where replies are generated: in worker threads (PARLEY_WORKERS, by default
// one per core), or in this thread (0). Streaming a reply through the AI SDK
// is most of its CPU per token (bench/sdk-floor.ts), and in the server's thread
// every promise also pays for Next.js's request contexts (AsyncLocalStorage); in
// a worker it pays for neither. The server's own thread, which only relays
// frames, stays lightly loaded, so there is a worker for every core.
import { existsSync } from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { getConfig } from "../config";
import { log } from "../log";
import { generate, type GenerateEnd, type GenerateEvents, type GenerateRequest, type StopReason } from "./generate";

export type Generation = { stop(reason: StopReason): void; done: Promise<void> };

/** Messages from a worker (see generation-worker.ts), sent in batches. */
export type WorkerMessage =
  | { id: string; frames: string }
  | { id: string; progress: GenerateEnd["parts"] }
  | { id: string; end: GenerateEnd };

/** Messages to a worker. */
export type WorkerCommand = { generate: GenerateRequest } | { stop: string; reason: StopReason } | { close: true };

const BOOTSTRAP = path.resolve("lib/chat/generation-worker.mjs");

// Each streamed token leaves dozens of short-lived objects (the SDK's web stream stages); a young
// generation 4x V8's default is scavenged less often, which cut the added delay per chunk at
// 200 streams from 164 to 110 ms p99 (bench/streaming.ts), for at most 192 MB per worker.
const WORKER_OPTIONS = { resourceLimits: { maxYoungGenerationSizeMb: 192 } };

type Running = { events: GenerateEvents; parts: GenerateEnd["parts"]; finished: () => void };

class PoolWorker {
  readonly running = new Map<string, Running>();
  private readonly worker: Worker;

  constructor(private readonly onExit: (worker: PoolWorker) => void) {
    // Reflect.construct, not `new Worker`: the bundler would try to bundle the worker's
    // entry (and tsx with it); the worker loads the TypeScript sources through tsx itself.
    this.worker = Reflect.construct(Worker, [BOOTSTRAP, WORKER_OPTIONS]) as Worker;
    // Idle workers do not keep the process alive (scripts, tests).
    this.worker.unref();
    this.worker.on("message", (batch: WorkerMessage[]) => batch.forEach((message) => this.receive(message)));
    this.worker.on("error", (error) => log.error("reply worker failed", error));
    this.worker.on("exit", () => this.fail());
  }

  private receive(message: WorkerMessage): void {
    const running = this.running.get(message.id);
    if (!running) return;
    if ("frames" in message) running.events.frames([message.frames]);
    else if ("progress" in message) {
      running.parts = message.progress;
      running.events.progress(message.progress);
    } else {
      this.running.delete(message.id);
      running.events.end(message.end);
      running.finished();
    }
  }

  /** The worker died: every reply it was writing ends as an error, keeping what arrived. */
  private fail(): void {
    this.onExit(this);
    for (const [id, running] of this.running) {
      this.running.delete(id);
      const message = "The reply generator stopped unexpectedly.";
      running.events.frames([`data: ${JSON.stringify({ type: "error", errorText: message })}\n\n`]);
      running.events.end({ status: "error", parts: running.parts, finishReason: null, metadata: {}, failure: { code: "generation_failed", message, status: 502 } });
      running.finished();
    }
  }

  start(request: GenerateRequest, events: GenerateEvents): Generation {
    let finished!: () => void;
    const done = new Promise<void>((resolve) => (finished = resolve));
    this.running.set(request.replyId, { events, parts: [], finished });
    this.send({ generate: request });
    return { stop: (reason) => this.send({ stop: request.replyId, reason }), done };
  }

  private send(command: WorkerCommand): void {
    this.worker.postMessage(command);
  }

  close(): Promise<number> {
    this.send({ close: true });
    return this.worker.terminate();
  }
}

// One pool per configuration: workers read the settings when they start, so
// changed settings (next dev, tests) get workers of their own.
type Pool = { settings: string; workers: PoolWorker[] };
const holder = globalThis as typeof globalThis & { __parleyWorkers?: Pool };

function workers(): PoolWorker[] {
  const config = getConfig();
  const settings = JSON.stringify(config);
  if (holder.__parleyWorkers?.settings !== settings) {
    void Promise.allSettled((holder.__parleyWorkers?.workers ?? []).map((worker) => worker.close()));
    holder.__parleyWorkers = { settings, workers: [] };
  }
  const pool = holder.__parleyWorkers.workers;
  if (config.generationWorkers > 0 && pool.length < config.generationWorkers && existsSync(BOOTSTRAP)) {
    while (pool.length < config.generationWorkers) pool.push(new PoolWorker((dead) => pool.splice(pool.indexOf(dead), 1)));
  }
  return pool;
}

/** Starts the worker threads ahead of the first reply (they take a moment to load). */
export function warmUpGeneration(): void {
  const pool = workers();
  if (getConfig().generationWorkers > 0 && pool.length === 0) log.warn(`${BOOTSTRAP} not found: replies are generated in the server's thread`);
}

/** Generates a reply on the least busy worker (or here, without workers). */
export function startGeneration(request: GenerateRequest, events: GenerateEvents): Generation {
  const pool = workers();
  if (pool.length === 0) return generate(request, events);
  const worker = pool.reduce((least, w) => (w.running.size < least.running.size ? w : least));
  return worker.start(request, events);
}

export async function closeGeneration(): Promise<void> {
  const pool = holder.__parleyWorkers?.workers ?? [];
  holder.__parleyWorkers = undefined;
  await Promise.allSettled(pool.map((worker) => worker.close()));
}
