// Server-Sent Events responses for replies: the AI SDK UI message stream
// headers, frames passed through as they come, and a keep-alive comment when
// the stream is quiet (proxies close idle connections).
import { UI_MESSAGE_STREAM_HEADERS } from "ai";

const KEEP_ALIVE_MS = 15_000;

export function sseResponse(frames: ReadableStream<string>, headers: Record<string, string> = {}): Response {
  const encoder = new TextEncoder();
  const reader = frames.getReader();
  let timer: NodeJS.Timeout | undefined;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      timer = setInterval(() => controller.enqueue(encoder.encode(": keep-alive\n\n")), KEEP_ALIVE_MS);
    },
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) {
          clearInterval(timer);
          controller.close();
        } else {
          controller.enqueue(encoder.encode(value));
        }
      } catch (error) {
        clearInterval(timer);
        controller.error(error);
      }
    },
    cancel(reason) {
      clearInterval(timer);
      return reader.cancel(reason);
    },
  });
  // no-transform: compressing proxies (and Next's own compression) must not buffer the stream.
  return new Response(body, { headers: { ...UI_MESSAGE_STREAM_HEADERS, "cache-control": "no-store, no-transform", ...headers } });
}

/** One SSE frame of a UI message chunk. */
export function sseFrame(chunk: unknown): string {
  return `data: ${JSON.stringify(chunk)}\n\n`;
}

export const SSE_DONE = "data: [DONE]\n\n";
