// The bytes between Parley and a model server. Every OpenAI-compatible server
// speaks its own dialect of the Chat Completions stream; this fetch rewrites the
// few places where they differ into the one dialect the AI SDK reads, and tells
// the running reply that the server is alive each time bytes arrive (a model
// that thinks for minutes sends keep-alives or reasoning, not silence).
//
// Rewritten (everything else passes through untouched):
// - an error inside the stream — `data: {"error":{…}}` with or without `choices`,
//   `{"error":"text"}`, vLLM's `{"object":"error","message":…}`, or an
//   `event: error` frame — becomes `{"error":{"message":…}}`, which the SDK
//   turns into an error part;
// - usage sent beside the chunk instead of on it — `choices[0].usage`
//   (Moonshot), `x_groq.usage` (Groq) — becomes the chunk's `usage`.
import { createParser, type EventSourceMessage } from "eventsource-parser";

/** Called whenever the model server sends bytes for the reply that made the request. */
export type Heartbeat = () => void;

// Keyed by the request's abort signal, which the AI SDK hands to fetch as it was given.
// Not an AsyncLocalStorage: under Node 20 every enabled one makes every promise of the
// process dearer (docs/architecture.md, "What a token costs").
const heartbeats = new WeakMap<AbortSignal, Heartbeat>();

/** Bytes from the model server for requests made with `signal` count as `heartbeat`. */
export function listenForBytes(signal: AbortSignal, heartbeat: Heartbeat): void {
  heartbeats.set(signal, heartbeat);
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);

// Only events that mention one of these are parsed here; the rest (nearly every token) are not.
const MAY_NEED_REWRITE = /"error"|"usage"|x_groq/;
// Bytes that hold neither one nor an `event:` field pass through untouched.
const MAY_NEED_LOOK = /"error"|"usage"|x_groq|event:/;
const endsEvent = (text: string) => text.endsWith("\n\n") || text.endsWith("\r\r") || text.endsWith("\r\n\r\n");

function errorBody(error: unknown): string {
  const source = isObject(error) ? error : { message: error };
  const message = typeof source.message === "string" && source.message ? source.message : typeof error === "string" ? error : JSON.stringify(error);
  const normal: Json = { message };
  if (typeof source.code === "string" || typeof source.code === "number") normal.code = source.code;
  if (typeof source.type === "string") normal.type = source.type;
  return JSON.stringify({ error: normal });
}

/** One SSE event's data in the dialect the AI SDK reads. */
export function normalizeChunk(data: string, event?: string): string {
  if (data === "[DONE]") return data;
  const isErrorEvent = event === "error";
  if (!isErrorEvent && !MAY_NEED_REWRITE.test(data)) return data;
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return isErrorEvent ? errorBody(data) : data;
  }
  if (!isObject(value)) return isErrorEvent ? errorBody(value) : data;
  if (isErrorEvent) return errorBody(value.error ?? value);
  if (value.error != null) return errorBody(value.error);
  if (value.object === "error") return errorBody(value);
  if (value.usage == null) {
    const choice = Array.isArray(value.choices) && isObject(value.choices[0]) ? value.choices[0] : undefined;
    const usage = choice?.usage ?? (isObject(value.x_groq) ? value.x_groq.usage : undefined);
    if (isObject(usage)) return JSON.stringify({ ...value, usage });
  }
  return data;
}

/**
 * A stream of SSE bytes rewritten event by event; `heartbeat` runs for every piece
 * received. A piece of whole events that needs no rewrite (nearly every token) is
 * passed on as it came, without being parsed and written again.
 */
export function normalizeEventStream(body: ReadableStream<Uint8Array>, heartbeat?: Heartbeat): ReadableStream<Uint8Array> {
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  let out: TransformStreamDefaultController<Uint8Array>;
  /** The parser holds the start of an event: the next piece must go through it too. */
  let carrying = false;
  const parser = createParser({
    onEvent(message: EventSourceMessage) {
      out.enqueue(encoder.encode(`data: ${normalizeChunk(message.data, message.event)}\n\n`));
    },
  });
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      start(controller) {
        out = controller;
      },
      transform(bytes) {
        heartbeat?.();
        const text = decoder.decode(bytes, { stream: true });
        const whole = endsEvent(text);
        if (!carrying && whole && !MAY_NEED_LOOK.test(text)) return out.enqueue(bytes);
        parser.feed(text);
        carrying = !whole;
      },
      flush() {
        // An event not ended by its blank line is dropped, as every SSE reader does.
        parser.feed(decoder.decode());
      },
    }),
  );
}

/** The fetch every model client uses. */
export const modelFetch: typeof fetch = async (input, init) => {
  const heartbeat = init?.signal ? heartbeats.get(init.signal) : undefined;
  const response = await fetch(input, init);
  heartbeat?.();
  const type = response.headers.get("content-type") ?? "";
  if (!response.ok || !response.body || !type.includes("text/event-stream")) return response;
  return new Response(normalizeEventStream(response.body, heartbeat), {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
};
