// Parley's own OpenAI-compatible model server for tests, browser tests and benchmarks.
// It speaks the Chat Completions wire format (streaming SSE and plain JSON), so the app
// reaches it through the real @ai-sdk/openai client over real HTTP.
//
// Behaviour is scripted by directives in the text of the LAST user message:
//   [[tokens:N]]               reply N words "w1 w2 … wN" instead of the echo
//   [[markdown:N]]             reply N tokens of Markdown as models write it (paragraphs in English and
//                              Chinese, lists, code, a table), for measuring how replies render
//   [[reply:TEXT]]             reply exactly TEXT (may hold newlines, markdown, HTML, balanced [[…]])
//   [[delay:MS]]               wait MS before each token chunk after the first
//   [[first-token-delay:MS]]   wait MS before the first chunk (non-streaming: before the response)
//   [[reasoning]] / [[reasoning:N]]  stream N (default 8) tokens of `reasoning_content` first
//   [[tool:NAME:JSON]]         call tool NAME with arguments JSON (if the request offers NAME)
//   [[status:CODE]]            answer HTTP CODE with an OpenAI error body (429 adds retry-after: 1)
//   [[reset-after:N]]          stream N content chunks, then drop the connection (no [DONE])
//   [[hang]]                   send headers, then nothing until the client goes away
//   [[length]]                 finish with "length" instead of "stop"
//   [[title:TEXT]]             (in the first user message) the title a title request gets
//   [[keepalive:MS]]           while waiting for the first chunk, send an SSE comment every MS
//   [[any-tool:NAME:JSON]]     like [[tool:…]], but called even when the request does not offer NAME
//   [[json-reply:"…"]]         reply the JSON string literal (escapes such as \u0000 become the characters)
//   [[replay:NAME]]            answer with the recorded response tests/fixtures/providers/NAME,
//                              byte for byte, one SSE event per [[delay:MS]] (default 5 ms)
// Without directives the reply is `Echo: <text> (turn N)`, N = number of user messages.
// When the last message is a tool result the reply is `Tool NAME returned <result>`.
// A non-streaming request whose system message mentions "title" gets the first five words
// of the first user message (or its [[title:…]]), ignoring every other directive.
import { once } from "node:events";
import { existsSync, readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";

export type RecordedRequest = {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  // Parsed JSON as sent (or the raw text when it was not JSON); tests index into it freely.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  receivedAt: number;
};

export type ModelServerOptions = {
  port?: number;
  apiKey?: string;
  tokenDelayMs?: number;
  firstTokenDelayMs?: number;
};

export type ModelServer = {
  url: string;
  requests: RecordedRequest[];
  reset(): void;
  close(): Promise<void>;
};

// The parts of a Chat Completions request this server reads.
type TextPart = { type: string; text?: string };
type Content = string | TextPart[] | null | undefined;
type ToolCall = { id: string; type: "function"; function: { name: string; arguments: string } };
type ChatMessage = { role: string; content?: Content; tool_calls?: ToolCall[]; tool_call_id?: string };
type ChatRequest = {
  model?: string;
  messages: ChatMessage[];
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  tools?: { type?: string; function?: { name?: string } }[];
};

type FinishReason = "stop" | "length" | "tool_calls";

// What the server will answer, before it is put on the wire.
type Reply = {
  reasoning: string[];
  content: string[];
  toolCall?: ToolCall;
  finishReason: FinishReason;
};

type Script = {
  tokens?: number;
  markdown?: number;
  reply?: string;
  delayMs?: number;
  firstTokenDelayMs?: number;
  reasoning?: number;
  tool?: { name: string; arguments: string };
  status?: number;
  resetAfter?: number;
  hang: boolean;
  length: boolean;
  keepaliveMs?: number;
  anyTool: boolean;
  replay?: string;
};

// Everything needed to answer one completions request.
type Exchange = {
  res: ServerResponse;
  signal: AbortSignal; // aborted once the client is gone (or the response is done)
  chat: ChatRequest;
  reply: Reply;
  script: Script;
  timing: { firstTokenDelayMs: number; tokenDelayMs: number };
  meta: { id: string; created: number; model: string };
};

const DIRECTIVE_NAMES = new Set([
  "tokens", "markdown", "reply", "delay", "first-token-delay", "reasoning", "tool",
  "status", "reset-after", "hang", "length", "title", "keepalive", "any-tool", "replay", "json-reply",
]);
// A model's kind of answer, repeated as long as asked: Chinese runs are a token every
// two characters, as tokenizers cut them.
const MARKDOWN_BLOCKS = [
  "## Why the stream stays open\n\nThe server keeps **one connection** per reply and writes each token as it arrives, so the reader sees progress at once instead of waiting for the whole answer.",
  "- Parse the request and check its size\n- Look up the session and its last messages\n- Start the model call with `stream: true`\n- Forward every chunk to the browser",
  "服务器为每个回复保持一个连接，并在每个词到达时立即写出，这样读者马上就能看到进展，而不必等待完整的回答。",
  "```ts\nexport async function reply(request: Request) {\n  const { messages } = await request.json();\n  const result = streamText({ model, messages });\n  return result.toUIMessageStreamResponse();\n}\n```",
  "| setting | default | meaning |\n|---|---|---|\n| `timeout` | 30 s | silence before giving up |\n| `retries` | 2 | attempts before the first byte |",
  "1. 打开设置页面\n2. 选择默认模型和角色\n3. 保存之后，新的对话会使用它们",
  "> A reply that ends early is kept as it was, marked *interrupted*, so nothing the model wrote is lost.",
];

function markdownTokens(n: number): string[] {
  const tokens: string[] = [];
  for (let i = 0; tokens.length < n; i++) {
    const block = (i === 0 ? "" : "\n\n") + MARKDOWN_BLOCKS[i % MARKDOWN_BLOCKS.length]!;
    tokens.push(...(block.match(/\s*(?:[^\s\u3000-\u9fff]+|[\u3000-\u9fff]{1,2})/g) ?? []));
  }
  return tokens.slice(0, n);
}

const REASONING_WORDS = ["Let", "me", "think", "about", "this", "step", "by", "step."];
const MODEL_IDS = ["parley-test", "parley-test-reasoning", "test-model"];
const MODELS_CREATED = 1_735_689_600; // 2025-01-01, fixed so responses are deterministic

/** Removes known `[[name]]` / `[[name:arg]]` directives from text and returns them (first one of each name wins). */
export function parseDirectives(input: string): { text: string; directives: Map<string, string | undefined> } {
  const directives = new Map<string, string | undefined>();
  const head = /\[\[([a-z-]+)(:|\]\])/y;
  let text = "";
  let i = 0;
  while (i < input.length) {
    const start = input.indexOf("[[", i);
    if (start === -1) {
      text += input.slice(i);
      break;
    }
    text += input.slice(i, start);
    head.lastIndex = start;
    const match = head.exec(input);
    const name = match?.[1];
    let value: string | undefined;
    let end: number; // index just past the closing ]]
    if (!match || !name || !DIRECTIVE_NAMES.has(name)) {
      end = -1;
    } else if (match[2] === "]]") {
      end = head.lastIndex;
    } else {
      const close = findClose(input, head.lastIndex);
      end = close === -1 ? -1 : close + 2;
      value = close === -1 ? undefined : input.slice(head.lastIndex, close);
    }
    if (end === -1 || !name) {
      text += "[[";
      i = start + 2;
      continue;
    }
    if (!directives.has(name)) directives.set(name, value);
    i = end;
    // Drop the space after a directive too, so "a [[x]] b" reads "a b".
    if (text === "" || /\s$/.test(text)) while (input[i] === " " || input[i] === "\t") i++;
  }
  return { text: text.trim(), directives };
}

// Index of the `]]` closing a directive argument that starts at `from`. Nested `[[…]]` pairs are
// skipped, and in a run like `]]]` the last two brackets close, so `[[reply:[a]]]` replies `[a]`.
function findClose(s: string, from: number): number {
  let depth = 0;
  for (let j = from; j < s.length; ) {
    if (s.startsWith("[[", j)) {
      depth++;
      j += 2;
    } else if (s[j] === "]") {
      let run = 0;
      while (s[j + run] === "]") run++;
      const pairs = Math.floor(run / 2);
      if (pairs > depth) return j + run - 2;
      depth -= pairs;
      j += run;
    } else {
      j++;
    }
  }
  return -1;
}

function toScript(directives: Map<string, string | undefined>): Script {
  const num = (name: string): number | undefined => {
    const n = Number(directives.get(name));
    return directives.get(name) !== undefined && Number.isFinite(n) && n >= 0 ? Math.floor(n) : undefined;
  };
  const tool = directives.get("tool") ?? directives.get("any-tool");
  const colon = tool?.indexOf(":") ?? -1;
  return {
    tokens: num("tokens"),
    markdown: num("markdown"),
    reply: directives.has("json-reply") ? (JSON.parse(directives.get("json-reply") ?? '""') as string) : directives.get("reply"),
    delayMs: num("delay"),
    firstTokenDelayMs: num("first-token-delay"),
    reasoning: directives.has("reasoning") ? (num("reasoning") ?? 8) : undefined,
    tool: tool === undefined ? undefined : colon === -1
      ? { name: tool, arguments: "{}" }
      : { name: tool.slice(0, colon), arguments: tool.slice(colon + 1) },
    status: num("status"),
    resetAfter: num("reset-after"),
    hang: directives.has("hang"),
    length: directives.has("length"),
    keepaliveMs: num("keepalive"),
    anyTool: directives.has("any-tool"),
    replay: directives.get("replay"),
  };
}

/** Splits text into tokens: each word with the whitespace before it; trailing whitespace joins the last. */
export function tokenize(text: string): string[] {
  const tokens: string[] = text.match(/\s*\S+/g) ?? [];
  const rest = text.slice(tokens.join("").length);
  if (rest) {
    if (tokens.length) tokens[tokens.length - 1] += rest;
    else tokens.push(rest);
  }
  return tokens;
}

const words = (n: number, word: (i: number) => string) =>
  Array.from({ length: n }, (_, i) => (i === 0 ? "" : " ") + word(i));

function textOf(content: Content): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content.filter((p) => p.type === "text" && typeof p.text === "string").map((p) => p.text).join("\n");
}

const isSystem = (m: ChatMessage) => m.role === "system" || m.role === "developer";

function isTitleRequest(chat: ChatRequest): boolean {
  return chat.stream !== true && chat.messages.some((m) => isSystem(m) && /title/i.test(textOf(m.content)));
}

function titleOf(chat: ChatRequest): string {
  const first = parseDirectives(textOf(chat.messages.find((m) => m.role === "user")?.content));
  return first.directives.get("title") ?? (first.text.split(/\s+/).filter(Boolean).slice(0, 5).join(" ") || "New chat");
}

function planReply(chat: ChatRequest, script: Script, text: string, nextCallId: () => string): Reply {
  const reasoning = words(script.reasoning ?? 0, (i) => REASONING_WORDS[i % REASONING_WORDS.length]!);
  const finishReason = script.length ? "length" : "stop";
  const messages = chat.messages;
  const last = messages[messages.length - 1];

  if (last?.role === "tool") {
    const call = messages.flatMap((m) => m.tool_calls ?? []).find((c) => c.id === last.tool_call_id);
    const name = call?.function.name ?? "unknown";
    return { reasoning, content: tokenize(`Tool ${name} returned ${textOf(last.content)}`), finishReason };
  }
  if (script.tool) {
    const { name, arguments: args } = script.tool;
    if (!script.anyTool && !chat.tools?.some((t) => t.function?.name === name)) {
      return { reasoning, content: tokenize(`No tool named ${name} was offered`), finishReason };
    }
    const toolCall: ToolCall = { id: nextCallId(), type: "function", function: { name, arguments: args } };
    return { reasoning, content: [], toolCall, finishReason: "tool_calls" };
  }
  if (script.reply !== undefined) return { reasoning, content: tokenize(script.reply), finishReason };
  if (script.tokens !== undefined) return { reasoning, content: words(script.tokens, (i) => `w${i + 1}`), finishReason };
  if (script.markdown !== undefined) return { reasoning, content: markdownTokens(script.markdown), finishReason };
  const turn = messages.filter((m) => m.role === "user").length;
  return { reasoning, content: tokenize(`Echo: ${text} (turn ${turn})`), finishReason };
}

// OpenAI splits tool arguments over several chunks; so do we (up to 3 pieces).
function splitArguments(args: string): string[] {
  const size = Math.max(1, Math.ceil(args.length / 3));
  const pieces: string[] = [];
  for (let i = 0; i < args.length; i += size) pieces.push(args.slice(i, i + size));
  return pieces;
}

function usageOf(chat: ChatRequest, reply: Reply) {
  const promptChars = chat.messages.reduce((sum, m) => sum + textOf(m.content).length, 0);
  const prompt_tokens = Math.ceil(promptChars / 4);
  const toolTokens = reply.toolCall ? splitArguments(reply.toolCall.function.arguments).length : 0;
  const completion_tokens = reply.reasoning.length + reply.content.length + toolTokens;
  return {
    prompt_tokens,
    completion_tokens,
    total_tokens: prompt_tokens + completion_tokens,
    completion_tokens_details: { reasoning_tokens: reply.reasoning.length },
  };
}

function errorBody(status: number, message: string) {
  const [type, code] =
    status === 401 ? ["invalid_request_error", "invalid_api_key"]
    : status === 403 ? ["permission_error", "permission_denied"]
    : status === 404 ? ["invalid_request_error", "not_found"]
    : status === 429 ? ["requests", "rate_limit_exceeded"]
    : status >= 500 ? ["server_error", "server_error"]
    : ["invalid_request_error", "invalid_request"];
  return { error: { message, type, code } };
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const json = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(json), ...headers });
  res.end(json);
}

function sendError(res: ServerResponse, status: number, message: string) {
  sendJson(res, status, errorBody(status, message), status === 429 ? { "retry-after": "1" } : {});
}

// Resolves when the signal aborts (the client went away or the server closed).
const untilAborted = (signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener("abort", () => resolve(), { once: true });
  });

async function streamReply({ res, signal, chat, reply, script, timing, meta }: Exchange) {
  res.socket?.setNoDelay(true);
  res.writeHead(200, {
    "content-type": "text/event-stream",
    "cache-control": "no-cache",
    connection: "keep-alive",
    "x-accel-buffering": "no",
  });
  res.flushHeaders();
  if (script.hang) return untilAborted(signal);

  type Delta = { role?: "assistant"; content?: string; reasoning_content?: string; tool_calls?: unknown[] };
  const frame = (body: object) =>
    `data: ${JSON.stringify({ id: meta.id, object: "chat.completion.chunk", created: meta.created, model: meta.model, ...body })}\n\n`;
  const choice = (delta: Delta, finish_reason: FinishReason | null = null) => frame({ choices: [{ index: 0, delta, finish_reason }] });
  const write = async (data: string) => {
    if (!res.write(data)) await once(res, "drain", { signal });
  };

  const deltas: { delta: Delta; isContent: boolean }[] = [
    ...reply.reasoning.map((t) => ({ delta: { reasoning_content: t }, isContent: false })),
    ...reply.content.map((t) => ({ delta: { content: t }, isContent: true })),
  ];
  if (reply.toolCall) {
    const { id, type, function: fn } = reply.toolCall;
    deltas.push({ delta: { tool_calls: [{ index: 0, id, type, function: { name: fn.name, arguments: "" } }] }, isContent: false });
    for (const piece of splitArguments(fn.arguments)) {
      deltas.push({ delta: { tool_calls: [{ index: 0, function: { arguments: piece } }] }, isContent: false });
    }
  }
  if (deltas.length === 0) deltas.push({ delta: { content: "" }, isContent: false });
  deltas[0]!.delta = { role: "assistant", ...deltas[0]!.delta };

  let contentSent = 0;
  for (const [i, { delta, isContent }] of deltas.entries()) {
    if (script.resetAfter !== undefined && isContent && contentSent >= script.resetAfter) break;
    const wait = i === 0 ? timing.firstTokenDelayMs : timing.tokenDelayMs;
    if (i === 0 && script.keepaliveMs) await keepAlive(wait, script.keepaliveMs, write, signal);
    else if (wait > 0) await sleep(wait, undefined, { signal });
    if (signal.aborted) return;
    await write(choice(delta));
    if (isContent) contentSent++;
  }
  if (script.resetAfter !== undefined) {
    // Drop the connection mid-body, without [DONE]. end() rather than destroy() so the chunks
    // already written still reach the client first; the body's terminating chunk never comes.
    res.socket?.end();
    return;
  }
  await write(choice({}, reply.finishReason));
  if (chat.stream_options?.include_usage) await write(frame({ choices: [], usage: usageOf(chat, reply) }));
  res.end("data: [DONE]\n\n");
}

/** Waits `totalMs`, sending an SSE comment every `everyMs` (as servers do while a model thinks). */
async function keepAlive(totalMs: number, everyMs: number, write: (data: string) => Promise<void>, signal: AbortSignal) {
  const until = Date.now() + totalMs;
  while (Date.now() < until && !signal.aborted) {
    await sleep(Math.min(everyMs, until - Date.now()), undefined, { signal });
    await write(": keep-alive\n\n");
  }
}

// ---- Recorded responses of real servers (tests/fixtures/providers) ----------------------

type Fixture = { status: number; headers: Record<string, string>; cut?: "clean" | "reset"; body: string };
const FIXTURES = new URL("../fixtures/providers/", import.meta.url);

export function loadFixture(name: string): Fixture {
  if (!/^[a-z0-9-]+$/.test(name)) throw new Error(`bad fixture name ${name}`);
  const dir = new URL(`${name}/`, FIXTURES);
  const meta = JSON.parse(readFileSync(new URL("fixture.json", dir), "utf8")) as Omit<Fixture, "body">;
  const file = existsSync(new URL("body.sse", dir)) ? "body.sse" : "body.json";
  return { ...meta, body: readFileSync(new URL(file, dir), "utf8") };
}

const isEventStream = (fixture: Fixture) => fixture.headers["content-type"]?.includes("text/event-stream") ?? false;

/** Sends a recorded response as it was recorded: one SSE event at a time, paced; cut where it was cut. */
async function replay(res: ServerResponse, name: string, delayMs: number, signal: AbortSignal) {
  const fixture = loadFixture(name);
  if (!isEventStream(fixture)) {
    res.writeHead(fixture.status, fixture.headers);
    return void res.end(fixture.body);
  }
  res.socket?.setNoDelay(true);
  res.writeHead(fixture.status, fixture.headers);
  res.flushHeaders();
  // Split after each blank line, keeping the bytes exactly (\n\n or \r\n\r\n).
  const events = fixture.body.match(/[\s\S]*?(?:\r?\n\r?\n|$)/g)!.filter(Boolean);
  for (const event of events) {
    await sleep(delayMs, undefined, { signal });
    if (!res.write(event)) await once(res, "drain", { signal });
  }
  if (fixture.cut === "reset") {
    // Give the client a moment to read what was sent: a reset discards what it has not read yet.
    await sleep(100);
    return void res.socket?.resetAndDestroy();
  }
  res.end();
}

async function answerJson({ res, signal, chat, reply, script, timing, meta }: Exchange) {
  if (script.hang) return untilAborted(signal);
  if (timing.firstTokenDelayMs > 0) await sleep(timing.firstTokenDelayMs, undefined, { signal });
  if (script.resetAfter !== undefined) return void res.destroy();
  const message = {
    role: "assistant",
    content: reply.toolCall ? null : reply.content.join(""),
    ...(reply.toolCall ? { tool_calls: [reply.toolCall] } : {}),
    ...(reply.reasoning.length ? { reasoning_content: reply.reasoning.join("") } : {}),
  };
  sendJson(res, 200, {
    id: meta.id,
    object: "chat.completion",
    created: meta.created,
    model: meta.model,
    choices: [{ index: 0, message, finish_reason: reply.finishReason }],
    usage: usageOf(chat, reply),
  });
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const isChatRequest = (body: unknown): body is ChatRequest =>
  typeof body === "object" && body !== null && Array.isArray((body as ChatRequest).messages);

export async function startModelServer(options: ModelServerOptions = {}): Promise<ModelServer> {
  const requests: RecordedRequest[] = [];
  let completions = 0;
  let toolCalls = 0;

  const authorized = (req: IncomingMessage) =>
    options.apiKey === undefined || req.headers.authorization === `Bearer ${options.apiKey}`;

  async function completion(req: IncomingMessage, res: ServerResponse, path: string, signal: AbortSignal) {
    const receivedAt = Date.now();
    const raw = await readBody(req);
    const body = parseJson(raw);
    requests.push({ path, headers: { ...req.headers }, body: body ?? raw, receivedAt });

    if (!authorized(req)) return sendError(res, 401, "Incorrect API key provided.");
    if (!isChatRequest(body)) return sendError(res, 400, "Expected a JSON body with a messages array.");

    const meta = { id: `chatcmpl-parley-${++completions}`, created: Math.floor(receivedAt / 1000), model: body.model ?? MODEL_IDS[0]! };
    const lastUser = body.messages.findLast((m) => m.role === "user");
    const { text, directives } = parseDirectives(textOf(lastUser?.content));
    const script = toScript(directives);
    // A recorded stream answers the reply; a recorded JSON body answers whichever request asks (titles too).
    if (script.replay && (body.stream === true || !isEventStream(loadFixture(script.replay)))) {
      return replay(res, script.replay, script.delayMs ?? 5, signal);
    }
    if (isTitleRequest(body)) {
      return answerJson({
        res, signal, chat: body, meta,
        reply: { reasoning: [], content: tokenize(titleOf(body)), finishReason: "stop" },
        script: toScript(new Map()),
        timing: { firstTokenDelayMs: 0, tokenDelayMs: 0 },
      });
    }

    if (script.status !== undefined && script.status >= 400 && script.status <= 599) {
      return sendError(res, script.status, `Test fault: status ${script.status}`);
    }
    const reply = planReply(body, script, text, () => `call_${++toolCalls}`);
    const timing = {
      firstTokenDelayMs: script.firstTokenDelayMs ?? options.firstTokenDelayMs ?? 0,
      tokenDelayMs: script.delayMs ?? options.tokenDelayMs ?? 0,
    };
    const answer = body.stream === true ? streamReply : answerJson;
    return answer({ res, signal, chat: body, reply, script, timing, meta });
  }

  async function handle(req: IncomingMessage, res: ServerResponse, signal: AbortSignal) {
    const path = new URL(req.url ?? "/", "http://localhost").pathname.replace(/\/+$/, "");
    const route = `${req.method} ${path}`;
    if (route === "POST /v1/chat/completions") return completion(req, res, path, signal);
    if (route === "GET /__requests") return sendJson(res, 200, requests);
    if (route === "DELETE /__requests") {
      requests.length = 0;
      return void res.writeHead(204).end();
    }
    if (route === "GET /v1/models") {
      if (!authorized(req)) return sendError(res, 401, "Incorrect API key provided.");
      const data = MODEL_IDS.map((id) => ({ id, object: "model", created: MODELS_CREATED, owned_by: "parley-test" }));
      return sendJson(res, 200, { object: "list", data });
    }
    sendError(res, 404, `Unknown route: ${req.method} ${path}`);
  }

  const server = createServer((req, res) => {
    // One signal per exchange: aborted when the client disconnects or the response is done,
    // so delays, drains and hangs stop instead of writing to a closed socket.
    const closed = new AbortController();
    res.on("close", () => closed.abort());
    req.on("error", () => closed.abort());
    res.on("error", () => closed.abort());
    handle(req, res, closed.signal).catch((error: unknown) => {
      if (closed.signal.aborted) return; // the client left mid-answer: nothing to report
      if (!res.headersSent) sendError(res, 500, `Model server error: ${String(error)}`);
      else res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    reset: () => void (requests.length = 0),
    close: () =>
      (closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections(); // streams and keep-alive sockets would hold close() open
      })),
  };
}
