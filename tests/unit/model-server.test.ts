import { createOpenAI } from "@ai-sdk/openai";
import { APICallError, generateText, RetryError, stepCountIs, streamText, tool } from "ai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { startModelServer, type ModelServer } from "../support/model-server.ts";

let server: ModelServer;
const model = () => createOpenAI({ baseURL: server.url, apiKey: "test" }).chat("test-model");

beforeAll(async () => {
  server = await startModelServer();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

// --- raw HTTP helpers, for what the AI SDK hides ---

type Chunk = {
  id: string;
  object: string;
  model: string;
  choices: { index: number; delta: Record<string, unknown>; finish_reason: string | null }[];
  usage?: { prompt_tokens: number; completion_tokens: number; total_tokens: number; completion_tokens_details: { reasoning_tokens: number } };
};
type Frame = { data: string; at: number };

function post(body: object, init: RequestInit = {}, base = server.url) {
  return fetch(`${base}/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: "Bearer test" },
    body: JSON.stringify({ model: "parley-raw", ...body }),
    ...init,
  });
}

const streamBody = (content: string, extra: object = {}) => ({
  stream: true,
  stream_options: { include_usage: true },
  messages: [{ role: "user", content }],
  ...extra,
});

// Reads SSE `data:` frames as they arrive, with the time each arrived.
async function readFrames(res: Response, frames: Frame[] = []): Promise<Frame[]> {
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return frames;
    buffer += value;
    let end: number;
    while ((end = buffer.indexOf("\n\n")) !== -1) {
      frames.push({ data: buffer.slice(0, end).replace(/^data: /, ""), at: performance.now() });
      buffer = buffer.slice(end + 2);
    }
  }
}

const chunksOf = (frames: Frame[]): Chunk[] => frames.filter((f) => f.data !== "[DONE]").map((f) => JSON.parse(f.data) as Chunk);
const deltas = (chunks: Chunk[], key: string) => chunks.map((c) => c.choices[0]?.delta[key]).filter((v) => v !== undefined);
const words = (n: number) => Array.from({ length: n }, (_, i) => `w${i + 1}`).join(" ");

async function apiError(promise: Promise<unknown>): Promise<APICallError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  if (!APICallError.isInstance(error)) throw new Error(`expected an APICallError, got ${String(error)}`);
  return error;
}

describe("streaming wire format", () => {
  it("streams one chunk per word, role first, then finish, usage and [DONE]", async () => {
    const res = await post(streamBody("hello world"));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/event-stream");
    expect(res.headers.get("x-accel-buffering")).toBe("no");
    const frames = await readFrames(res);
    expect(frames.at(-1)?.data).toBe("[DONE]");

    const chunks = chunksOf(frames);
    for (const chunk of chunks) {
      expect(chunk).toMatchObject({ object: "chat.completion.chunk", model: "parley-raw", id: chunks[0]!.id });
    }
    expect(chunks[0]!.id).toMatch(/^chatcmpl-/);
    expect(chunks[0]!.choices[0]!.delta.role).toBe("assistant");
    expect(deltas(chunks, "content")).toEqual(["Echo:", " hello", " world", " (turn", " 1)"]);
    expect(chunks.at(-2)!.choices[0]).toEqual({ index: 0, delta: {}, finish_reason: "stop" });
    // "hello world" is 11 characters: ceil(11 / 4) = 3 prompt tokens.
    expect(chunks.at(-1)).toMatchObject({
      choices: [],
      usage: { prompt_tokens: 3, completion_tokens: 5, total_tokens: 8, completion_tokens_details: { reasoning_tokens: 0 } },
    });
  });

  it("sends no usage chunk unless stream_options.include_usage asks", async () => {
    const chunks = chunksOf(await readFrames(await post({ stream: true, messages: [{ role: "user", content: "hi" }] })));
    expect(chunks.some((c) => c.usage)).toBe(false);
    expect(chunks.at(-1)!.choices[0]!.finish_reason).toBe("stop");
  });

  it("reads directives from array content and strips them from the echo", async () => {
    const content = [{ type: "text", text: "look [[length]] at this" }, { type: "image_url", image_url: { url: "data:," } }];
    const body = await (await post({ messages: [{ role: "user", content }] })).json();
    expect(body.choices[0]).toEqual({
      index: 0,
      message: { role: "assistant", content: "Echo: look at this (turn 1)" },
      finish_reason: "length",
    });
  });

  it("leaves unknown [[…]] text alone", async () => {
    const { text } = await generateText({ model: model(), prompt: "see [[wiki link]] and [[nope:1]]" });
    expect(text).toBe("Echo: see [[wiki link]] and [[nope:1]] (turn 1)");
  });
});

describe("through @ai-sdk/openai", () => {
  it("streams an echo whose text grows chunk by chunk, with usage", async () => {
    const result = streamText({ model: model(), prompt: "hello there" });
    const seen: string[] = [];
    let text = "";
    for await (const delta of result.textStream) seen.push((text += delta));
    expect(seen).toEqual(["Echo:", "Echo: hello", "Echo: hello there", "Echo: hello there (turn", "Echo: hello there (turn 1)"]);
    expect(await result.finishReason).toBe("stop");
    expect(await result.usage).toMatchObject({ inputTokens: 3, outputTokens: 5, totalTokens: 8 });
    expect((await result.response).modelId).toBe("test-model");
  });

  it("echoes the last user message and counts the turns", async () => {
    const { text } = await generateText({
      model: model(),
      messages: [
        { role: "system", content: "You are Parley." },
        { role: "user", content: "first" },
        { role: "assistant", content: "Echo: first (turn 1)" },
        { role: "user", content: "second [[delay:1]]" },
      ],
    });
    expect(text).toBe("Echo: second (turn 2)");
  });

  it("answers non-streaming requests with message, finish reason and usage", async () => {
    const result = await generateText({ model: model(), prompt: "[[tokens:7]]" });
    expect(result.text).toBe(words(7));
    expect(result.finishReason).toBe("stop");
    // "[[tokens:7]]" is 12 characters: 3 prompt tokens.
    expect(result.usage).toMatchObject({ inputTokens: 3, outputTokens: 7, totalTokens: 10 });
    expect(result.response.body).toMatchObject({ object: "chat.completion", model: "test-model" });
  });

  it("streams [[tokens:N]] as N numbered words, one chunk each", async () => {
    const result = streamText({ model: model(), prompt: "[[tokens:5000]]" });
    let chunks = 0;
    for await (const part of result.fullStream) if (part.type === "text-delta") chunks++;
    expect(chunks).toBe(5000);
    expect(await result.text).toBe(words(5000));
    expect((await result.usage).outputTokens).toBe(5000);
  });

  it("replies [[reply:TEXT]] exactly, markup, newlines and brackets included", async () => {
    const reply = "# Title\n\n- **bold** and `code`\n<script>alert(1)</script>\n  indented [[nested]] [link](x)\n";
    const result = streamText({ model: model(), prompt: `[[reply:${reply}]] [[delay:1]]` });
    const parts: string[] = [];
    for await (const delta of result.textStream) parts.push(delta);
    expect(parts.join("")).toBe(reply);
    expect(parts.length).toBeGreaterThan(5);
    const { text } = await generateText({ model: model(), prompt: "[[reply:[a]]]" });
    expect(text).toBe("[a]");
  });

  it("streams [[markdown:N]] as N tokens of Markdown in English and Chinese", async () => {
    const result = streamText({ model: model(), prompt: "[[markdown:300]] [[delay:0]]" });
    let chunks = 0;
    for await (const part of result.fullStream) if (part.type === "text-delta") chunks++;
    expect(chunks).toBe(300);
    const text = await result.text;
    expect(text).toMatch(/^## /);
    expect(text).toContain("```ts\n");
    expect(text).toContain("| setting | default | meaning |");
    expect(text).toContain("\n\n服务器为每个回复保持一个连接");
  });

  it("finishes with length for [[length]]", async () => {
    const result = streamText({ model: model(), prompt: "[[tokens:3]] [[length]]" });
    expect(await result.text).toBe(words(3));
    expect(await result.finishReason).toBe("length");
  });
});

describe("timing", () => {
  it("sends headers at once, the first chunk after [[first-token-delay]] and the rest [[delay]] apart", async () => {
    const start = performance.now();
    const res = await post(streamBody("[[tokens:4]] [[first-token-delay:2000]] [[delay:60]]"));
    const headersAt = performance.now();
    const frames = await readFrames(res);
    const content = frames.filter((f) => f.data.includes('"content"'));
    expect(content).toHaveLength(4);
    expect(content[0]!.at - start).toBeGreaterThanOrEqual(1995);
    // Headers long before the first chunk; the margin allows for a busy machine (no upper bound on time).
    expect(content[0]!.at - headersAt).toBeGreaterThanOrEqual(1000);
    // Measured from the start: a busy reader may take two chunks at once, but none arrives before its time.
    for (let i = 1; i < content.length; i++) expect(content[i]!.at - start).toBeGreaterThanOrEqual(1995 + 60 * i - 5 * i); // timers may fire a little early
  });

  it("uses the server's tokenDelayMs and firstTokenDelayMs by default", async () => {
    const slow = await startModelServer({ tokenDelayMs: 40, firstTokenDelayMs: 150 });
    try {
      const start = performance.now();
      const frames = await readFrames(await post(streamBody("[[tokens:3]]"), {}, slow.url));
      const content = frames.filter((f) => f.data.includes('"content"'));
      expect(content[0]!.at - start).toBeGreaterThanOrEqual(145);
      expect(content[2]!.at - content[0]!.at).toBeGreaterThanOrEqual(75);
    } finally {
      await slow.close();
    }
  });

  it("delays a non-streaming answer by the first-token delay", async () => {
    const start = performance.now();
    const { text } = await generateText({ model: model(), prompt: "hi [[first-token-delay:200]]" });
    expect(text).toBe("Echo: hi (turn 1)");
    expect(performance.now() - start).toBeGreaterThanOrEqual(195);
  });
});

describe("reasoning", () => {
  it("streams reasoning_content before the content and counts it in usage", async () => {
    const chunks = chunksOf(await readFrames(await post(streamBody("[[reasoning]] [[tokens:2]]"))));
    const kinds = chunks.flatMap((c) => Object.keys(c.choices[0]?.delta ?? {}).filter((k) => k !== "role"));
    expect(kinds).toEqual([...Array(8).fill("reasoning_content"), "content", "content"]);
    expect(deltas(chunks, "reasoning_content").join("")).toBe("Let me think about this step by step.");
    expect(chunks.at(-1)!.usage).toMatchObject({ completion_tokens: 10, completion_tokens_details: { reasoning_tokens: 8 } });
  });

  it("reaches the AI SDK as raw chunks and reasoning usage", async () => {
    const result = streamText({ model: model(), prompt: "[[reasoning:3]] [[tokens:2]]", includeRawChunks: true });
    const reasoning: string[] = [];
    for await (const part of result.fullStream) {
      if (part.type !== "raw") continue;
      const delta = (part.rawValue as Chunk).choices[0]?.delta;
      if (typeof delta?.reasoning_content === "string") reasoning.push(delta.reasoning_content);
    }
    expect(reasoning).toEqual(["Let", " me", " think"]);
    expect(await result.text).toBe("w1 w2");
    expect(await result.usage).toMatchObject({ outputTokens: 5, outputTokenDetails: { reasoningTokens: 3, textTokens: 2 } });
  });

  it("puts reasoning_content in a non-streaming message", async () => {
    const body = await (await post({ messages: [{ role: "user", content: "[[reasoning:2]] [[tokens:1]]" }] })).json();
    expect(body.choices[0].message).toEqual({ role: "assistant", content: "w1", reasoning_content: "Let me" });
    expect(body.usage).toMatchObject({ completion_tokens: 3, completion_tokens_details: { reasoning_tokens: 2 } });
  });
});

describe("tool calls", () => {
  const inputSchema = z.object({ a: z.number(), b: z.number() });
  const add = tool({ description: "Add two numbers", inputSchema, execute: async ({ a, b }) => a + b });

  it("round-trips a tool call through streamText", async () => {
    const result = streamText({
      model: model(),
      prompt: 'Add please [[tool:add:{"a":2,"b":3}]]',
      tools: { add },
      stopWhen: stepCountIs(2),
    });
    expect(await result.text).toBe("Tool add returned 5");
    const steps = await result.steps;
    expect(steps).toHaveLength(2);
    expect(steps[0]!.finishReason).toBe("tool-calls");
    expect(steps[0]!.toolCalls[0]).toMatchObject({ toolName: "add", input: { a: 2, b: 3 } });
    expect(steps[0]!.toolResults[0]).toMatchObject({ toolName: "add", output: 5 });

    expect(server.requests).toHaveLength(2);
    const followUp = server.requests[1]!.body.messages;
    expect(followUp.at(-2).tool_calls[0].function).toEqual({ name: "add", arguments: '{"a":2,"b":3}' });
    expect(followUp.at(-1)).toMatchObject({ role: "tool", content: "5", tool_call_id: followUp.at(-2).tool_calls[0].id });
  });

  it("streams the call OpenAI style: id and name first, arguments in pieces", async () => {
    const args = '{"expression":"2 * (3 + 4)","precision":[[2]]}';
    const tools = [{ type: "function", function: { name: "calc", parameters: { type: "object" } } }];
    const chunks = chunksOf(await readFrames(await post(streamBody(`[[tool:calc:${args}]]`, { tools }))));
    const calls = deltas(chunks, "tool_calls") as { index: number; id?: string; type?: string; function: { name?: string; arguments: string } }[][];
    expect(calls[0]).toEqual([{ index: 0, id: expect.stringMatching(/^call_\d+$/), type: "function", function: { name: "calc", arguments: "" } }]);
    const pieces = calls.slice(1).map((c) => c[0]!.function.arguments);
    expect(pieces.length).toBeGreaterThanOrEqual(2);
    expect(pieces.length).toBeLessThanOrEqual(3);
    expect(pieces.join("")).toBe(args);
    expect(chunks.at(-2)!.choices[0]!.finish_reason).toBe("tool_calls");
  });

  it("returns tool_calls in a non-streaming message", async () => {
    const result = await generateText({ model: model(), prompt: '[[tool:add:{"a":1,"b":1}]]', tools: { add: tool({ inputSchema }) } });
    expect(result.finishReason).toBe("tool-calls");
    expect(result.toolCalls[0]).toMatchObject({ toolName: "add", input: { a: 1, b: 1 } });
  });

  it("says so when the tool was not offered", async () => {
    const result = await generateText({ model: model(), prompt: '[[tool:add:{"a":1,"b":1}]]' });
    expect(result.text).toBe("No tool named add was offered");
    expect(result.finishReason).toBe("stop");
  });
});

describe("faults", () => {
  it("answers [[status:500]] with an OpenAI error the SDK reports", async () => {
    const error = await apiError(generateText({ model: model(), prompt: "boom [[status:500]]", maxRetries: 0 }));
    expect(error.statusCode).toBe(500);
    expect(error.message).toBe("Test fault: status 500");
    expect(JSON.parse(error.responseBody!)).toEqual({ error: { message: "Test fault: status 500", type: "server_error", code: "server_error" } });
  });

  it("sends retry-after: 1 with 429, which the SDK honours when retrying", async () => {
    const res = await post({ messages: [{ role: "user", content: "[[status:429]]" }] });
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("1");
    expect((await res.json()).error).toMatchObject({ message: "Test fault: status 429", code: "rate_limit_exceeded" });

    server.reset();
    const start = performance.now();
    const retried = await generateText({ model: model(), prompt: "[[status:429]]", maxRetries: 1 }).catch((e: unknown) => e);
    if (!RetryError.isInstance(retried)) throw new Error(`expected a RetryError, got ${String(retried)}`);
    expect((retried.lastError as APICallError).statusCode).toBe(429);
    expect(server.requests).toHaveLength(2); // faulted requests are recorded too
    expect(performance.now() - start).toBeGreaterThanOrEqual(950);
  });

  it("rejects a wrong API key with 401 when apiKey is set", async () => {
    const guarded = await startModelServer({ apiKey: "secret" });
    try {
      const chat = (apiKey: string) => createOpenAI({ baseURL: guarded.url, apiKey }).chat("test-model");
      // streamText hands request errors to onError and rejects its promises with NoOutputGeneratedError.
      let error: unknown;
      const rejected = streamText({ model: chat("wrong"), prompt: "hi", maxRetries: 0, onError: (e) => void (error = e.error) });
      await expect(rejected.text).rejects.toThrow(/No output/);
      if (!APICallError.isInstance(error)) throw new Error(`expected an APICallError, got ${String(error)}`);
      expect(error.statusCode).toBe(401);
      expect(JSON.parse(error.responseBody!).error.code).toBe("invalid_api_key");
      expect(await streamText({ model: chat("secret"), prompt: "hi" }).text).toBe("Echo: hi (turn 1)");
      expect(guarded.requests.map((r) => r.headers.authorization)).toEqual(["Bearer wrong", "Bearer secret"]);
      expect((await fetch(`${guarded.url}/models`)).status).toBe(401);
    } finally {
      await guarded.close();
    }
  });

  it("drops the connection after [[reset-after:N]] content chunks, which streamText reports", async () => {
    const result = streamText({ model: model(), prompt: "[[tokens:10]] [[reset-after:3]]", onError: () => {} });
    const texts: string[] = [];
    const error = await (async () => {
      for await (const part of result.fullStream) if (part.type === "text-delta") texts.push(part.text);
    })().then(() => undefined, (e: unknown) => e);
    expect(texts.join("")).toBe("w1 w2 w3");
    expect(APICallError.isInstance(error)).toBe(true);
    await expect(result.text).rejects.toThrow();

    const frames: Frame[] = [];
    await expect(readFrames(await post(streamBody("[[tokens:10]] [[reset-after:2]]")), frames)).rejects.toThrow();
    expect(deltas(chunksOf(frames), "content")).toEqual(["w1", " w2"]);
    expect(frames.some((f) => f.data === "[DONE]")).toBe(false);
  });

  it("[[hang]] sends headers and nothing else until the client gives up", async () => {
    const start = performance.now();
    const result = streamText({ model: model(), prompt: "[[hang]]", abortSignal: AbortSignal.timeout(300) });
    await expect(result.text).rejects.toThrow(/abort/i);
    expect(performance.now() - start).toBeGreaterThanOrEqual(290);

    const controller = new AbortController();
    const res = await post(streamBody("[[hang]]"), { signal: controller.signal });
    expect(res.status).toBe(200);
    setTimeout(() => controller.abort(), 100);
    await expect(readFrames(res)).rejects.toThrow(/abort/i);
    expect(server.requests).toHaveLength(2);
  });

  it("survives clients that abort mid-stream", async () => {
    const controllers = Array.from({ length: 20 }, () => new AbortController());
    const streams = controllers.map((controller) =>
      streamText({ model: model(), prompt: "[[tokens:1000]] [[delay:5]]", abortSignal: controller.signal, onError: () => {} }),
    );
    await Promise.all(streams.map(async (result, i) => {
      for await (const delta of result.textStream) if (delta === " w3") controllers[i]!.abort();
    }));
    expect(await streamText({ model: model(), prompt: "still here" }).text).toBe("Echo: still here (turn 1)");
  });
});

describe("titles", () => {
  const system = "Write a short Title for this conversation.";

  it("answers the first five words of the first user message, ignoring fault directives", async () => {
    const { text } = await generateText({
      model: model(),
      system,
      prompt: "How do I bake sourdough bread at home? [[status:500]] [[hang]] [[reset-after:0]]",
      maxRetries: 0,
    });
    expect(text).toBe("How do I bake sourdough");
  });

  it("uses [[title:TEXT]] from the first user message", async () => {
    const { text } = await generateText({
      model: model(),
      system,
      messages: [
        { role: "user", content: "Anything [[title:Sourdough <b>basics</b>]]" },
        { role: "assistant", content: "ok" },
        { role: "user", content: "more [[tokens:3]]" },
      ],
    });
    expect(text).toBe("Sourdough <b>basics</b>");
  });

  it("treats a streaming request as a chat turn even if its system prompt says title", async () => {
    expect(await streamText({ model: model(), system, prompt: "hi" }).text).toBe("Echo: hi (turn 1)");
  });
});

describe("routes", () => {
  it("lists models", async () => {
    const body = await (await fetch(`${server.url}/models`)).json();
    expect(body.object).toBe("list");
    expect(body.data.length).toBeGreaterThan(1);
    expect(body.data[0]).toEqual({ id: expect.any(String), object: "model", created: expect.any(Number), owned_by: "parley-test" });
  });

  it("answers unknown routes with a 404 OpenAI error", async () => {
    const res = await fetch(`${server.url}/embeddings`, { method: "POST", body: "{}" });
    expect(res.status).toBe(404);
    expect((await res.json()).error).toEqual({ message: expect.any(String), type: "invalid_request_error", code: "not_found" });
  });

  it("rejects a body that is not a chat request with 400, and records it", async () => {
    const res = await fetch(`${server.url}/chat/completions`, { method: "POST", body: "not json" });
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/messages/);
    expect(server.requests[0]!.body).toBe("not json");
  });

  it("records every completions request, readable and clearable over HTTP", async () => {
    const before = Date.now();
    await generateText({ model: model(), prompt: "one" });
    await streamText({ model: model(), prompt: "two" }).text;
    expect(server.requests).toHaveLength(2);
    expect(server.requests[0]).toMatchObject({
      path: "/v1/chat/completions",
      headers: { authorization: "Bearer test", "content-type": "application/json" },
      body: { model: "test-model", messages: [{ role: "user", content: "one" }] },
    });
    expect(server.requests[0]!.receivedAt).toBeGreaterThanOrEqual(before);
    expect(server.requests[1]!.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });

    const origin = new URL(server.url).origin;
    const recorded = await (await fetch(`${origin}/__requests`)).json();
    expect(recorded.map((r: { body: { messages: { content: string }[] } }) => r.body.messages[0]!.content)).toEqual(["one", "two"]);
    expect((await fetch(`${origin}/__requests`, { method: "DELETE" })).status).toBe(204);
    expect(server.requests).toEqual([]);

    await generateText({ model: model(), prompt: "three" });
    server.reset();
    expect(await (await fetch(`${origin}/__requests`)).json()).toEqual([]);
  });
});

describe("load and shutdown", () => {
  it("serves 200 concurrent streams", async () => {
    const texts = await Promise.all(
      Array.from({ length: 200 }, (_, i) => streamText({ model: model(), prompt: `n${i} [[tokens:${20 + (i % 5)}]] [[delay:5]]` }).text),
    );
    texts.forEach((text, i) => expect(text).toBe(words(20 + (i % 5))));
    expect(server.requests).toHaveLength(200);
  });

  it("closes promptly with a stream still open", async () => {
    const doomed = await startModelServer();
    const res = await post(streamBody("[[hang]]"), {}, doomed.url);
    const reading = readFrames(res);
    const start = performance.now();
    await doomed.close();
    expect(performance.now() - start).toBeLessThan(5000); // an open stream would hold close() forever
    await expect(reading).rejects.toThrow();
    await expect(fetch(`${doomed.url}/models`)).rejects.toThrow();
  });
});
