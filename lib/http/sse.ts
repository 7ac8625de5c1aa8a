// Server-Sent Events responses for replies: the AI SDK UI message stream
// headers, frames passed through as they come, and a keep-alive comment every
// 15 s (proxies close connections that look idle).
import { UI_MESSAGE_STREAM_HEADERS } from "ai";

const KEEP_ALIVE_MS = 15_000;
const encoder = new TextEncoder();
const KEEP_ALIVE = encoder.encode(": keep-alive\n\n");

/** An SSE response of `body`: bytes of frames, keep-alives included (see `keptAlive` and `sseBytes`). */
export function sseResponse(body: ReadableStream<Uint8Array>, headers: Record<string, string> = {}): Response {
  // no-transform: compressing proxies (and Next's own compression) must not buffer the stream.
  return new Response(body, { headers: { ...UI_MESSAGE_STREAM_HEADERS, "cache-control": "no-store, no-transform", ...headers } });
}

/**
 * Sends a keep-alive comment through `controller` every KEEP_ALIVE_MS until stopped.
 * For streams that are written to (a followed reply): the keep-alive needs no stage
 * of its own between the reply and the response.
 */
export function keptAlive(controller: ReadableStreamDefaultController<Uint8Array>): { stop(): void } {
  const timer = setInterval(() => controller.enqueue(KEEP_ALIVE), KEEP_ALIVE_MS);
  return { stop: () => clearInterval(timer) };
}

/** SSE frames given as text, as bytes with keep-alives (the /v1 stream, a reply followed through Redis). */
export function sseBytes(frames: ReadableStream<string>): ReadableStream<Uint8Array> {
  const reader = frames.getReader();
  let alive: ReturnType<typeof keptAlive> | undefined;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      alive = keptAlive(controller);
    },
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) {
          alive?.stop();
          controller.close();
        } else {
          controller.enqueue(encoder.encode(value));
        }
      } catch (error) {
        alive?.stop();
        controller.error(error);
      }
    },
    cancel(reason) {
      alive?.stop();
      return reader.cancel(reason);
    },
  });
}

/** One SSE frame of a UI message chunk. */
export function sseFrame(chunk: unknown): string {
  return `data: ${JSON.stringify(chunk)}\n\n`;
}

export const SSE_DONE = "data: [DONE]\n\n";

/** Frames already known, as a finished stream of bytes (a stored reply). */
export function finishedSseStream(frames: string[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const frame of frames) controller.enqueue(encoder.encode(frame));
      controller.close();
    },
  });
}
