// The dialect normaliser between model servers and the AI SDK (lib/ai/wire.ts).
import { describe, expect, it } from "vitest";
import { normalizeChunk, normalizeEventStream } from "@/lib/ai/wire";

describe("normalizeChunk", () => {
  it("passes ordinary chunks through untouched, byte for byte", () => {
    const chunk = '{"id":"x","choices":[{"index":0,"delta":{"content":"你好 world"},"finish_reason":null}]}';
    expect(normalizeChunk(chunk)).toBe(chunk);
    expect(normalizeChunk("[DONE]")).toBe("[DONE]");
  });

  it.each([
    ['{"error":{"message":"Token limit reached","code":400},"choices":[{"delta":{}}]}', { message: "Token limit reached", code: 400 }],
    ['{"error":"model crashed"}', { message: "model crashed" }],
    ['{"object":"error","message":"The model is overloaded","type":"ServiceUnavailable","param":null,"code":503}', { message: "The model is overloaded", type: "ServiceUnavailable", code: 503 }],
  ])("an error inside the stream becomes {error:{message}}: %s", (data, error) => {
    expect(JSON.parse(normalizeChunk(data))).toEqual({ error });
  });

  it("an `event: error` frame is an error whatever its data says", () => {
    expect(JSON.parse(normalizeChunk('{"error":{"message":"tool_use_failed"}}', "error"))).toEqual({ error: { message: "tool_use_failed" } });
    expect(JSON.parse(normalizeChunk("upstream died", "error"))).toEqual({ error: { message: "upstream died" } });
  });

  it("usage beside the chunk moves onto it (Moonshot's choices[0].usage, Groq's x_groq.usage)", () => {
    const moonshot = { id: "c", choices: [{ index: 0, delta: {}, finish_reason: "stop", usage: { prompt_tokens: 8, completion_tokens: 13 } }] };
    expect(JSON.parse(normalizeChunk(JSON.stringify(moonshot))).usage).toEqual({ prompt_tokens: 8, completion_tokens: 13 });
    const groq = { id: "c", choices: [], x_groq: { id: "req", usage: { prompt_tokens: 5, completion_tokens: 7 } } };
    expect(JSON.parse(normalizeChunk(JSON.stringify(groq))).usage).toEqual({ prompt_tokens: 5, completion_tokens: 7 });
    const both = { id: "c", choices: [], usage: { prompt_tokens: 1, completion_tokens: 2 }, x_groq: { usage: { prompt_tokens: 9, completion_tokens: 9 } } };
    expect(JSON.parse(normalizeChunk(JSON.stringify(both))).usage).toEqual({ prompt_tokens: 1, completion_tokens: 2 });
  });
});

describe("normalizeEventStream", () => {
  async function through(pieces: string[], heartbeat?: () => void): Promise<string> {
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const piece of pieces) controller.enqueue(encoder.encode(piece));
        controller.close();
      },
    });
    return new Response(normalizeEventStream(body, heartbeat)).text();
  }

  it("re-frames events split anywhere, multi-byte characters included, and drops comments", async () => {
    const text = 'data: {"choices":[{"delta":{"content":"机器学习"}}]}\n\n: OPENROUTER PROCESSING\n\ndata: [DONE]\n\n';
    const bytes = new TextEncoder().encode(text);
    // Split inside the UTF-8 bytes of 机.
    const cut = text.indexOf("机") + 1;
    const decoder = new TextDecoder();
    const pieces = [decoder.decode(bytes.slice(0, cut), { stream: true }), decoder.decode(bytes.slice(cut))];
    expect(await through(pieces)).toBe('data: {"choices":[{"delta":{"content":"机器学习"}}]}\n\ndata: [DONE]\n\n');
  });

  it("counts every piece of bytes as a heartbeat, keep-alive comments too", async () => {
    let beats = 0;
    await through([": keep-alive\n\n", ": keep-alive\n\n", 'data: {"choices":[]}\n\n'], () => beats++);
    expect(beats).toBe(3);
  });

  it("passes pieces of whole events that need no rewrite on as they came, and rewrites the rest", async () => {
    const plain = 'data: {"choices":[{"delta":{"content":"你好"}}]}\n\n: keep-alive\n\n';
    const split = ['data: {"choices":[{"delta":{"content":"a"}}]}\n\ndata: {"cho', 'ices":[]}\n\n'];
    const groq = 'data: {"choices":[],"x_groq":{"usage":{"prompt_tokens":3}}}\n\n';
    const errorEvent = 'event: error\ndata: {"message":"overloaded"}\n\n';
    expect(await through([plain, ...split, groq, errorEvent, "data: [DONE]\n\n"])).toBe(
      plain +
        'data: {"choices":[{"delta":{"content":"a"}}]}\n\ndata: {"choices":[]}\n\n' +
        'data: {"choices":[],"x_groq":{"usage":{"prompt_tokens":3}},"usage":{"prompt_tokens":3}}\n\n' +
        'data: {"error":{"message":"overloaded"}}\n\n' +
        "data: [DONE]\n\n",
    );
  });

  it("drops an event the server never finished (no blank line after it), as SSE readers do", async () => {
    expect(await through(['data: {"a":1}\n\n', 'data: {"b":'])).toBe('data: {"a":1}\n\n');
  });
});
