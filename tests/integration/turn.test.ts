// Chat turns end to end through the route handlers, with the model reached over
// real HTTP (@ai-sdk/openai → the project's OpenAI-compatible test server) and
// the messages in a real database.
import type { UIMessageChunk } from "ai";
import { describe, expect, inject, it } from "vitest";
import { BUILTIN_ROLES } from "@/lib/ai/roles";
import { CHECKPOINT_MS } from "@/lib/chat/liveness";
import { db } from "@/lib/db/client";
import { browserUser, modelRequests, readSse, textFromChunks, type Client } from "../support/api";
import { readRest, readUntil } from "../support/sse";

const modelServer = inject("modelServerUrl");

type Session = { id: string; model: string; roleId: string | null };
type MessageJson = {
  id: string;
  role: string;
  status: string;
  text: string;
  parts: Array<{ type: string; text?: string; state?: string; output?: unknown; input?: unknown }>;
  usage: { inputTokens: number; outputTokens: number; reasoningTokens: number | null } | null;
  cost: number | null;
  model: string;
  finishReason: string | null;
  error: string | null;
};

async function newSession(client: Client, body: object = {}): Promise<Session> {
  return client.json<Session>("POST", "/api/sessions", { body });
}

function send(client: Client, sessionId: string, body: object, headers: Record<string, string> = {}) {
  return client.call("POST", `/api/sessions/${sessionId}/messages`, { body, headers });
}

async function turn(client: Client, sessionId: string, message: string) {
  return readSse(await send(client, sessionId, { message }));
}

async function stored(sessionId: string) {
  return db().message.findMany({ where: { sessionId }, orderBy: { seq: "asc" } });
}

/** The model server's requests that carry `marker` in their last user message. */
async function requestsWith(marker: string) {
  const all = await modelRequests(modelServer);
  return all.filter((r) => !isTitleRequest(r) && JSON.stringify(r.body.messages.at(-1)).includes(marker));
}

function isTitleRequest(request: { body: { messages: Array<{ role: string; content: unknown }> } }) {
  return request.body.messages.some((m) => m.role === "system" && /title/i.test(String(m.content)));
}

const unique = () => Math.random().toString(36).slice(2, 10);

describe("a streamed turn", () => {
  it("follows the documented SSE protocol and stores both messages with parts and usage", async () => {
    const ada = await browserUser();
    const session = await newSession(ada);
    const response = await send(ada, session.id, { message: "hello there" });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    expect(response.headers.get("x-vercel-ai-ui-message-stream")).toBe("v1");
    expect(response.headers.get("x-accel-buffering")).toBe("no");
    expect(response.headers.get("content-encoding")).toBeNull();
    const replyId = response.headers.get("x-parley-reply-id");

    const { chunks, done, raw } = await readSse(response);
    expect(done).toBe(true);
    expect(raw.at(-1)).toBe("[DONE]");
    expect(chunks[0]).toEqual({ type: "start", messageId: replyId, messageMetadata: { model: "test-model", createdAt: expect.any(String) } });
    const types = chunks.map((c) => c.type);
    expect(types).toContain("text-start");
    expect(types.filter((t) => t === "text-delta").length).toBeGreaterThan(3); // token by token
    expect(types.indexOf("text-end")).toBeLessThan(types.indexOf("finish"));
    expect(textFromChunks(chunks)).toBe("Echo: hello there (turn 1)");
    const finish = chunks.find((c) => c.type === "finish") as Extract<UIMessageChunk, { type: "finish" }>;
    expect(finish.finishReason).toBe("stop");
    expect(finish.messageMetadata).toMatchObject({ usage: { inputTokens: expect.any(Number), outputTokens: 5 } });

    const [user, reply] = await stored(session.id);
    expect(user).toMatchObject({ role: "user", status: "complete", text: "hello there", parts: [{ type: "text", text: "hello there" }] });
    expect(reply).toMatchObject({
      id: replyId,
      role: "assistant",
      status: "complete",
      parentId: user!.id,
      text: "Echo: hello there (turn 1)",
      model: "test-model",
      finishReason: "stop",
      outputTokens: 5,
    });
    expect(reply!.inputTokens).toBeGreaterThan(0);
    expect(reply!.parts).toEqual([{ type: "step-start" }, { type: "text", text: "Echo: hello there (turn 1)", state: "done" }]);
    expect((await db().session.findUniqueOrThrow({ where: { id: session.id } })).headId).toBe(replyId);
  });

  it("returns the finished message as JSON to a non-streaming client", async () => {
    const ada = await browserUser();
    const session = await newSession(ada);
    const response = await send(ada, session.id, { message: "json please" }, { accept: "application/json" });
    expect(response.status).toBe(200);
    const message = (await response.json()) as MessageJson;
    expect(message).toMatchObject({ role: "assistant", status: "complete", text: "Echo: json please (turn 1)", model: "test-model", finishReason: "stop" });
    expect(message.usage).toEqual({ inputTokens: expect.any(Number), outputTokens: 5, reasoningTokens: 0 });
    const rows = await stored(session.id);
    expect(rows.map((r) => r.text)).toEqual(["json please", "Echo: json please (turn 1)"]);
  });

  it("stores reasoning as its own part and counts reasoning tokens", async () => {
    const ada = await browserUser();
    const session = await newSession(ada);
    const { chunks } = await turn(ada, session.id, "think first [[reasoning:5]]");
    const reasoning = chunks.filter((c) => c.type === "reasoning-delta").map((c) => (c as { delta: string }).delta).join("");
    expect(reasoning.trim().length).toBeGreaterThan(0);
    expect(chunks.findIndex((c) => c.type === "reasoning-start")).toBeLessThan(chunks.findIndex((c) => c.type === "text-start"));
    const reply = (await stored(session.id))[1]!;
    const parts = reply.parts as MessageJson["parts"];
    expect(parts.find((p) => p.type === "reasoning")?.text).toBe(reasoning);
    expect(reply.reasoningTokens).toBe(5);
    expect(reply.text).toBe("Echo: think first (turn 1)");
  });

  it("prices the reply from PARLEY_PRICES when the model has a price", async () => {
    const ada = await browserUser();
    const session = await newSession(ada);
    await turn(ada, session.id, "price check");
    // No price configured in tests: cost stays unknown rather than a made-up zero.
    expect((await stored(session.id))[1]!.cost).toBeNull();
  });
});

describe("context", () => {
  it("sends the session's thread (and only it) to the model, role prompt first", async () => {
    const ada = await browserUser();
    const bob = await browserUser();
    const tag = unique();
    const mine = await newSession(ada);
    const other = await newSession(ada);
    const bobs = await newSession(bob);
    await turn(ada, other.id, `other session ${tag}`);
    await turn(bob, bobs.id, `bob secret ${tag}`);
    await turn(ada, mine.id, `first ${tag}`);
    await turn(ada, mine.id, `second ${tag}`);
    await turn(ada, mine.id, `third ${tag}`);

    const [request] = await requestsWith(`third ${tag}`);
    const messages = request!.body.messages;
    expect(messages[0]).toEqual({ role: "system", content: BUILTIN_ROLES.find((r) => r.id === "assistant")!.systemPrompt });
    expect(messages.slice(1).map((m) => [m.role, m.content])).toEqual([
      ["user", `first ${tag}`],
      ["assistant", `Echo: first ${tag} (turn 1)`],
      ["user", `second ${tag}`],
      ["assistant", `Echo: second ${tag} (turn 2)`],
      ["user", `third ${tag}`],
    ]);
    expect(JSON.stringify(messages)).not.toContain("other session");
    expect(JSON.stringify(messages)).not.toContain("bob secret");
  });

  it("uses the session's role, a role changed between turns, and a one-off system prompt", async () => {
    const ada = await browserUser();
    const tag = unique();
    const session = await newSession(ada, { roleId: "teacher" });
    await turn(ada, session.id, `teach ${tag}`);
    const teacher = BUILTIN_ROLES.find((r) => r.id === "teacher")!.systemPrompt;
    expect((await requestsWith(`teach ${tag}`))[0]!.body.messages[0]).toEqual({ role: "system", content: teacher });

    await ada.json("PATCH", `/api/sessions/${session.id}`, { body: { roleId: "programmer" } });
    await turn(ada, session.id, `code ${tag}`);
    const programmer = BUILTIN_ROLES.find((r) => r.id === "programmer")!.systemPrompt;
    expect((await requestsWith(`code ${tag}`))[0]!.body.messages[0]).toEqual({ role: "system", content: programmer });

    await ada.json("PATCH", `/api/sessions/${session.id}`, { body: { systemPrompt: "Answer like a pirate." } });
    await turn(ada, session.id, `pirate ${tag}`);
    expect((await requestsWith(`pirate ${tag}`))[0]!.body.messages[0]).toEqual({ role: "system", content: "Answer like a pirate." });
  });

  it("uses the session's model, changeable between turns", async () => {
    const ada = await browserUser();
    const tag = unique();
    const session = await newSession(ada, { model: "test-model-2" });
    await turn(ada, session.id, `m2 ${tag}`);
    expect((await requestsWith(`m2 ${tag}`))[0]!.body).toMatchObject({ model: "test-model-2" });
    await ada.json("PATCH", `/api/sessions/${session.id}`, { body: { model: "test-model" } });
    await turn(ada, session.id, `m1 ${tag}`);
    expect((await requestsWith(`m1 ${tag}`))[0]!.body).toMatchObject({ model: "test-model" });
    expect((await stored(session.id)).filter((m) => m.role === "assistant").map((m) => m.model)).toEqual(["test-model-2", "test-model"]);
  });
});

describe("tools", () => {
  it("runs a tool call round trip, streaming the call and result as their own events and storing them", async () => {
    const ada = await browserUser();
    const session = await newSession(ada);
    const { chunks } = await turn(ada, session.id, 'compute [[tool:calculator:{"expression":"6 * (3 + 4)"}]]');
    const call = chunks.find((c) => c.type === "tool-input-available") as Extract<UIMessageChunk, { type: "tool-input-available" }>;
    expect(call).toMatchObject({ toolName: "calculator", input: { expression: "6 * (3 + 4)" } });
    const result = chunks.find((c) => c.type === "tool-output-available") as Extract<UIMessageChunk, { type: "tool-output-available" }>;
    expect(result).toMatchObject({ toolCallId: call.toolCallId, output: { expression: "6 * (3 + 4)", result: "42" } });
    expect(textFromChunks(chunks)).toContain("Tool calculator returned");
    expect(textFromChunks(chunks)).toContain("42");

    const reply = (await stored(session.id))[1]!;
    const parts = reply.parts as MessageJson["parts"];
    expect(parts.find((p) => p.type === "tool-calculator")).toMatchObject({ state: "output-available", input: { expression: "6 * (3 + 4)" }, output: { result: "42" } });
    expect(reply.status).toBe("complete");

    // The next turn's context carries the call and its result to the model.
    const tag = unique();
    await turn(ada, session.id, `after tool ${tag}`);
    const messages = (await requestsWith(`after tool ${tag}`))[0]!.body.messages;
    expect(messages.some((m) => m.role === "tool")).toBe(true);
  });

  it.each([
    ["a tool that does not exist", '[[any-tool:no_such_tool:{"x":1}]]', "no_such_tool"],
    ["arguments that do not fit the tool", '[[tool:calculator:{"expression":42}]]', "calculator"],
    ["arguments that are not JSON", "[[tool:calculator:{not json]]", "calculator"],
  ])("%s goes back to the model as a tool error, and the reply goes on", async (_, directive, toolName) => {
    const ada = await browserUser();
    const session = await newSession(ada);
    const { chunks } = await turn(ada, session.id, `call ${directive}`);
    expect(chunks.find((c) => c.type === "tool-input-error")).toMatchObject({ toolName, errorText: expect.any(String) });
    expect(chunks.some((c) => c.type === "error")).toBe(false);
    expect(textFromChunks(chunks)).toContain(`Tool ${toolName} returned`);
    const reply = (await stored(session.id))[1]!;
    expect(reply).toMatchObject({ status: "complete", error: null, finishReason: "stop" });
    // The model was told what went wrong.
    const toolResult = (await modelRequests(modelServer)).flatMap((r) => r.body.messages).find((m) => m.role === "tool" && JSON.stringify(m.content).includes(toolName === "calculator" ? "expression" : "no_such_tool"));
    expect(toolResult).toBeDefined();
  });

  it("offers the built-in tools to the model", async () => {
    const ada = await browserUser();
    const session = await newSession(ada);
    const tag = unique();
    await turn(ada, session.id, `tools ${tag}`);
    const tools = (await requestsWith(`tools ${tag}`))[0]!.body.tools as Array<{ function: { name: string } }>;
    expect(tools.map((t) => t.function.name).sort()).toEqual(["calculator", "current_time"]);
  });
});

describe("titles", () => {
  it("titles the session from the first message, streamed as a data part and stored", async () => {
    const ada = await browserUser();
    const session = await newSession(ada);
    const { chunks } = await turn(ada, session.id, "[[title:Rust borrow checker]] why does it complain");
    expect(chunks.find((c) => c.type === "data-title")).toEqual({ type: "data-title", data: { sessionId: session.id, title: "Rust borrow checker" }, transient: true });
    expect((await db().session.findUniqueOrThrow({ where: { id: session.id } })).title).toBe("Rust borrow checker");
    const second = await turn(ada, session.id, "and again");
    expect(second.chunks.some((c) => c.type === "data-title")).toBe(false);
  });

  it("asks for the title only once the answer has begun, so it never delays the first token", async () => {
    const ada = await browserUser();
    const session = await newSession(ada);
    const tag = unique();
    await turn(ada, session.id, `title later ${tag} [[first-token-delay:300]]`);
    const all = await modelRequests(modelServer);
    const mine = all.filter((r) => JSON.stringify(r.body.messages).includes(tag));
    const reply = mine.find((r) => r.body.stream)!;
    const title = mine.find((r) => !r.body.stream)!;
    expect(title.receivedAt - reply.receivedAt).toBeGreaterThanOrEqual(300);
  });

  it("never overwrites a title the user chose", async () => {
    const ada = await browserUser();
    const session = await newSession(ada, { title: "My own title" });
    const { chunks } = await turn(ada, session.id, "[[title:Generated]] hi");
    expect(chunks.some((c) => c.type === "data-title")).toBe(false);
    expect((await db().session.findUniqueOrThrow({ where: { id: session.id } })).title).toBe("My own title");
  });
});

describe("stop and concurrency", () => {
  it("stop ends the reply and keeps what was generated, with status stopped", async () => {
    const ada = await browserUser();
    const session = await newSession(ada);
    const response = await send(ada, session.id, { message: "long one [[tokens:400]] [[delay:15]]" });
    const { reader, text: seen } = await readUntil(response, (text) => text.includes(' w10"'));
    expect(seen, "the reply ended before it could be stopped").toContain(' w10"');

    const second = await send(ada, session.id, { message: "while running" });
    expect(second.status).toBe(409);
    expect(await second.json()).toEqual({ error: { code: "reply_running", message: expect.stringContaining("still being written") } });

    const stop = await ada.json<{ stopped: boolean; message: MessageJson }>("POST", `/api/sessions/${session.id}/stop`);
    expect(stop.stopped).toBe(true);
    expect(stop.message.status).toBe("stopped");
    expect(stop.message.text).toMatch(/^ ?w1 w2 w3 .*w10/);
    expect(stop.message.text.split(" ").length).toBeLessThan(400);

    const rest = await readRest(reader);
    expect(rest).toContain('"type":"abort"');
    expect(rest.trim().endsWith("data: [DONE]")).toBe(true);

    const rows = await stored(session.id);
    expect(rows.map((r) => [r.role, r.status])).toEqual([
      ["user", "complete"],
      ["assistant", "stopped"],
    ]);
    expect(rows[1]!.text).toBe(stop.message.text);
    // The session takes the next message.
    const next = await turn(ada, session.id, "after stop");
    expect(textFromChunks(next.chunks)).toContain("after stop");
  });

  it("a streaming reply whose writer died (no checkpoint for 10 s) does not block the session and shows as interrupted", async () => {
    const ada = await browserUser();
    const session = await newSession(ada);
    await turn(ada, session.id, "first");
    const [, reply] = await stored(session.id);
    // As if the process writing it had died 11 s ago.
    await db().$executeRaw`UPDATE "Message" SET status = 'streaming', "updatedAt" = now() - interval '11 seconds' WHERE id = ${reply!.id}::uuid`;
    const history = await ada.json<{ messages: MessageJson[] }>("GET", `/api/sessions/${session.id}/messages`);
    expect(history.messages[1]!.status).toBe("interrupted");
    await turn(ada, session.id, "second");
    expect((await stored(session.id)).map((m) => m.status)).toEqual(["complete", "interrupted", "complete", "complete"]);
  });

  it("one reply's checkpoint that cannot be written does not cost the others theirs", async () => {
    const { forgetCheckpoint, saveCheckpoint } = await import("@/lib/chat/recorder");
    const ada = await browserUser();
    const session = await newSession(ada);
    await turn(ada, session.id, "first");
    const [, reply] = await stored(session.id);
    await db().$executeRaw`UPDATE "Message" SET status = 'streaming' WHERE id = ${reply!.id}::uuid`;
    // Two checkpoints in one batch: one for a row id the database rejects, one for a real reply.
    saveCheckpoint({ id: "not-a-uuid", parts: [{ type: "text", text: "lost" }], text: "lost" });
    saveCheckpoint({ id: reply!.id, parts: [{ type: "text", text: "kept 你好" }], text: "kept 你好" });
    // Wait for the batch (and any write before it) to be done with.
    let row = (await stored(session.id))[1]!;
    for (let i = 0; i < 100 && row.text !== "kept 你好"; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      await forgetCheckpoint("nothing");
      row = (await stored(session.id))[1]!;
    }
    expect(row).toMatchObject({ status: "streaming", text: "kept 你好" });
  });

  it("a running reply's text is checkpointed about every two seconds, never per token", async () => {
    const ada = await browserUser();
    const session = await newSession(ada);
    const started = Date.now();
    let finished = false;
    const reading = readSse(await send(ada, session.id, { message: "long one [[tokens:300]] [[delay:20]]" })).finally(() => (finished = true));
    const seen = new Set<string>();
    while (!finished) {
      const reply = (await stored(session.id))[1];
      if (reply?.status === "streaming" && reply.text) seen.add(reply.text);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const seconds = (Date.now() - started) / 1_000;
    expect((await reading).done).toBe(true);
    const final = (await stored(session.id))[1]!;
    expect(final.status).toBe("complete");
    // Partial text reached the row while streaming (what a crash would keep)...
    expect(seen.size).toBeGreaterThanOrEqual(2);
    for (const partial of seen) expect(final.text.startsWith(partial)).toBe(true);
    // ...in far fewer writes than the 300 tokens: the first words, then one every CHECKPOINT_MS.
    expect(seen.size).toBeLessThanOrEqual(Math.ceil((seconds * 1000) / CHECKPOINT_MS) + 1);
  });

  it("checkpoints do not index a running reply for search; its words are indexed once it ends", async () => {
    const ada = await browserUser();
    const session = await newSession(ada);
    const reading = readSse(await send(ada, session.id, { message: "index me [[tokens:80]] [[delay:25]]" }));
    const indexed = async () => {
      const rows = await db().$queryRaw<Array<{ status: string; text: string; indexed: boolean }>>`
        SELECT status::text, text, "searchVector" IS NOT NULL AS indexed FROM "Message" WHERE "sessionId" = ${session.id}::uuid AND role = 'assistant'`;
      return rows[0];
    };
    let row = await indexed();
    while (row && row.status === "streaming" && !row.text) row = await new Promise((resolve) => setTimeout(() => resolve(indexed()), 50));
    expect(row).toMatchObject({ status: "streaming", indexed: false });
    expect(row!.text.length).toBeGreaterThan(0);
    await reading;
    expect(await indexed()).toMatchObject({ status: "complete", indexed: true });
    const found = await ada.json<{ sessions: Array<{ id: string }> }>("GET", "/api/sessions?q=w80");
    expect(found.sessions.map((s) => s.id)).toContain(session.id);
  });

  it("replies running at once are checkpointed together, each into its own row", async () => {
    const ada = await browserUser();
    const sessions = await Promise.all([0, 1, 2].map(() => newSession(ada)));
    // Each reply has words of its own, so text written to the wrong row would show.
    const replies = sessions.map((session, i) => {
      const words = Array.from({ length: 80 }, (_, w) => `s${i}w${w}`).join(" ");
      return send(ada, session.id, { message: `[[reply:${words}]] [[delay:25]]` }).then(readSse);
    });
    let running = true;
    const all = Promise.all(replies).finally(() => (running = false));
    const seen = sessions.map(() => new Set<string>());
    while (running) {
      const rows = await db().message.findMany({ where: { sessionId: { in: sessions.map((s) => s.id) }, role: "assistant", status: "streaming" } });
      for (const row of rows) if (row.text) seen[sessions.findIndex((s) => s.id === row.sessionId)]!.add(row.text);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    for (const [i, session] of sessions.entries()) {
      expect((await all)[i]!.done).toBe(true);
      const final = (await stored(session.id))[1]!;
      expect(final.text).toMatch(new RegExp(`^s${i}w0 .* s${i}w79$`));
      expect(seen[i]!.size).toBeGreaterThanOrEqual(1);
      for (const partial of seen[i]!) expect(final.text.startsWith(partial)).toBe(true);
    }
  });

  it("a fresh streaming reply blocks a second send with 409", async () => {
    const ada = await browserUser();
    const session = await newSession(ada);
    await turn(ada, session.id, "first");
    const [, reply] = await stored(session.id);
    await db().$executeRaw`UPDATE "Message" SET status = 'streaming', "updatedAt" = now() WHERE id = ${reply!.id}::uuid`;
    const blocked = await send(ada, session.id, { message: "second" });
    expect(blocked.status).toBe(409);
    expect(await db().message.count({ where: { sessionId: session.id } })).toBe(2);
  });

  it("stop with nothing running says so", async () => {
    const ada = await browserUser();
    const session = await newSession(ada);
    expect(await ada.json("POST", `/api/sessions/${session.id}/stop`)).toEqual({ stopped: false, message: null });
  });

  it("20 concurrent turns on 20 sessions all complete and are stored in order", async () => {
    const ada = await browserUser();
    const sessions = await Promise.all(Array.from({ length: 20 }, () => newSession(ada)));
    const results = await Promise.all(sessions.map((s, i) => turn(ada, s.id, `parallel ${i} [[tokens:30]] [[delay:5]]`)));
    for (const result of results) {
      expect(result.done).toBe(true);
      expect(textFromChunks(result.chunks).trim().split(" ")).toHaveLength(30);
    }
    for (const [i, session] of sessions.entries()) {
      const rows = await stored(session.id);
      expect(rows.map((r) => [r.seq, r.role, r.status])).toEqual([
        [1, "user", "complete"],
        [2, "assistant", "complete"],
      ]);
      expect(rows[0]!.text).toBe(`parallel ${i} [[tokens:30]] [[delay:5]]`);
      expect(rows[1]!.text.trim().split(" ")).toHaveLength(30);
    }
  });

  it("keeps generating and stores the full reply when the client goes away", async () => {
    const ada = await browserUser();
    const session = await newSession(ada);
    const response = await send(ada, session.id, { message: "leaving [[tokens:60]] [[delay:10]]" });
    const reader = response.body!.getReader();
    await reader.read();
    await reader.cancel(); // the tab closes
    for (let i = 0; i < 100; i++) {
      const reply = (await stored(session.id))[1]!;
      if (reply.status !== "streaming") break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const reply = (await stored(session.id))[1]!;
    expect(reply.status).toBe("complete");
    expect(reply.text.trim().split(" ")).toHaveLength(60);
  });
});

describe("model failures", () => {
  async function failingTurn(directive: string) {
    const ada = await browserUser();
    const session = await newSession(ada);
    const { chunks, done } = await turn(ada, session.id, `please ${directive}`);
    const rows = await stored(session.id);
    return { ada, session, chunks, done, rows };
  }

  it.each([
    ["[[status:401]]", /refused the API key \(HTTP 401\)/],
    ["[[status:429]]", /rate limiting.*HTTP 429/],
    ["[[status:500]]", /failed \(HTTP 500\)/],
    ["[[status:503]]", /failed \(HTTP 503\)/],
  ])("%s: an error event with a clear message; the user message is kept, the reply marked error", async (directive, message) => {
    const { ada, session, chunks, done, rows } = await failingTurn(directive);
    expect(done).toBe(true);
    const error = chunks.find((c) => c.type === "error") as { errorText: string };
    expect(error.errorText).toMatch(message);
    expect(rows.map((r) => [r.role, r.status])).toEqual([
      ["user", "complete"],
      ["assistant", "error"],
    ]);
    expect(rows[0]!.text).toBe(`please ${directive}`);
    expect(rows[1]!.error).toMatch(message);
    // The next send works.
    const next = await turn(ada, session.id, "retry");
    expect(textFromChunks(next.chunks)).toContain("Echo: retry");
  });

  it("a connection cut mid-stream keeps the partial reply with status error", async () => {
    const { ada, session, chunks, rows } = await failingTurn("[[tokens:50]] [[reset-after:5]]");
    expect(textFromChunks(chunks).trim().split(" ")).toHaveLength(5);
    expect((chunks.find((c) => c.type === "error") as { errorText: string }).errorText).toMatch(/connection to the model server was lost/);
    expect(rows[1]).toMatchObject({ status: "error" });
    expect(rows[1]!.text.trim()).toBe("w1 w2 w3 w4 w5");
    const next = await turn(ada, session.id, "again");
    expect(textFromChunks(next.chunks)).toContain("Echo: again");
  });

  it("a JSON client gets 502 with the error, and the partial reply is stored", async () => {
    const ada = await browserUser();
    const session = await newSession(ada);
    const response = await send(ada, session.id, { message: "[[status:500]]" }, { accept: "application/json" });
    expect(response.status).toBe(502);
    expect(await response.json()).toEqual({ error: { code: "model_error", message: expect.stringMatching(/HTTP 500/) } });
    expect((await stored(session.id)).map((r) => r.status)).toEqual(["complete", "error"]);
  });
});

describe("what a model server sends", () => {
  it("reasoning streams to the client as it arrives, not held back until the answer starts", async () => {
    const ada = await browserUser();
    const session = await newSession(ada);
    const response = await send(ada, session.id, { message: "think first [[reasoning:4]] [[first-token-delay:0]] [[delay:400]]" });
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let seen = "";
    let reasoningAt = 0;
    let textAt = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      seen += value;
      if (!reasoningAt && seen.includes('"reasoning-delta"')) reasoningAt = performance.now();
      if (!textAt && seen.includes('"text-delta"')) textAt = performance.now();
    }
    // The four reasoning chunks come 400 ms apart before the first word of the answer.
    expect(reasoningAt).toBeGreaterThan(0);
    expect(textAt - reasoningAt).toBeGreaterThan(800);
  });

  it("NUL characters and broken surrogates from the model are cleaned, not a failed write", async () => {
    const ada = await browserUser();
    const session = await newSession(ada);
    const { chunks } = await turn(ada, session.id, '[[json-reply:"nul\\u0000 and half an emoji \\ud83d here"]]');
    expect(chunks.some((c) => c.type === "error")).toBe(false);
    const reply = (await stored(session.id))[1]!;
    expect(reply.status).toBe("complete");
    expect(reply.text).toBe("nul and half an emoji \ufffd here");
  });

  it("a user message with a NUL character or a broken surrogate is refused with 422 naming the field, and nothing is written", async () => {
    const ada = await browserUser();
    const session = await newSession(ada);
    for (const message of ["hello\u0000world", "broken \ud800 surrogate"]) {
      const response = await send(ada, session.id, { message });
      expect(response.status).toBe(422);
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe("invalid_body");
      expect(body.error.message).toMatch(/message/);
      expect(body.error.message).toMatch(/NUL|surrogate/);
    }
    expect(await stored(session.id)).toEqual([]);
  });
});

describe("deleting a session", () => {
  it("stops its running reply at once", async () => {
    const ada = await browserUser();
    const session = await newSession(ada);
    const response = await send(ada, session.id, { message: "long [[tokens:400]] [[delay:20]]" });
    const { reader, text: before } = await readUntil(response, (text) => text.includes('"delta":" w3"'));
    expect((await ada.call("DELETE", `/api/sessions/${session.id}`)).status).toBe(204);
    const seen = before + (await readRest(reader));
    expect(seen).toContain('"type":"abort"');
    expect(seen).not.toContain('"delta":" w400"');
    expect(await stored(session.id)).toEqual([]);
  });

  it("a send racing the delete gets 404 or its reply, never a 500", async () => {
    for (let i = 0; i < 5; i++) {
      const ada = await browserUser();
      const session = await newSession(ada);
      const [sent, deleted] = await Promise.all([send(ada, session.id, { message: "race" }), ada.call("DELETE", `/api/sessions/${session.id}`)]);
      expect(deleted.status).toBe(204);
      expect([200, 404]).toContain(sent.status);
      if (sent.status === 200) await readSse(sent);
    }
  });
});

describe("threads: regenerate and edit", () => {
  it("regenerate adds a sibling reply that becomes the visible one", async () => {
    const ada = await browserUser();
    const session = await newSession(ada);
    await turn(ada, session.id, "first answer");
    const { chunks } = await readSse(await send(ada, session.id, { regenerate: true }));
    expect(textFromChunks(chunks)).toBe("Echo: first answer (turn 1)");
    const rows = await stored(session.id);
    expect(rows.map((r) => [r.seq, r.role, r.parentId])).toEqual([
      [1, "user", null],
      [2, "assistant", rows[0]!.id],
      [3, "assistant", rows[0]!.id],
    ]);
    const history = await ada.json<{ messages: MessageJson[] }>("GET", `/api/sessions/${session.id}/messages`);
    expect(history.messages.map((m) => m.id)).toEqual([rows[0]!.id, rows[2]!.id]);
  });

  it("edit-and-resend branches from the edited message's parent; the old branch stays stored", async () => {
    const ada = await browserUser();
    const session = await newSession(ada);
    const tag = unique();
    await turn(ada, session.id, `one ${tag}`);
    await turn(ada, session.id, `two ${tag}`);
    const before = await stored(session.id);
    // Edit "two": the new message follows the reply to "one".
    await readSse(await send(ada, session.id, { message: `two edited ${tag}`, parentId: before[1]!.id }));
    const messages = (await requestsWith(`two edited ${tag}`))[0]!.body.messages;
    expect(messages.slice(1).map((m) => m.content)).toEqual([`one ${tag}`, `Echo: one ${tag} (turn 1)`, `two edited ${tag}`]);
    const history = await ada.json<{ messages: MessageJson[] }>("GET", `/api/sessions/${session.id}/messages`);
    expect(history.messages.map((m) => m.text)).toEqual([`one ${tag}`, `Echo: one ${tag} (turn 1)`, `two edited ${tag}`, `Echo: two edited ${tag} (turn 2)`]);
    expect(await db().message.count({ where: { sessionId: session.id } })).toBe(6);
  });

  it("a parent from another session is refused and nothing is written", async () => {
    const ada = await browserUser();
    const a = await newSession(ada);
    const b = await newSession(ada);
    await turn(ada, a.id, "in a");
    const foreign = (await stored(a.id))[0]!.id;
    const response = await send(ada, b.id, { message: "x", parentId: foreign });
    expect(response.status).toBe(422);
    expect(await db().message.count({ where: { sessionId: b.id } })).toBe(0);
  });
});

describe("retried sends", () => {
  it("a send retried with the same client message id stores nothing twice and replays the reply", async () => {
    const ada = await browserUser();
    const session = await newSession(ada);
    const body = { message: "only once", clientMessageId: "client-1" };
    const first = await readSse(await send(ada, session.id, body));
    const again = await readSse(await send(ada, session.id, body));
    expect(textFromChunks(again.chunks)).toBe(textFromChunks(first.chunks));
    expect(await db().message.count({ where: { sessionId: session.id } })).toBe(2);
    expect((await requestsWith("only once")).length).toBe(1);
  });

  it("a send and its retry racing each other store one message and start one reply", async () => {
    const ada = await browserUser();
    const session = await newSession(ada);
    await turn(ada, session.id, "before the race");
    const body = { message: "raced [[tokens:20]] [[delay:10]]", clientMessageId: `race-${unique()}` };
    const responses = await Promise.all(Array.from({ length: 4 }, () => send(ada, session.id, body)));
    // The first holds the session; each retry replays it (or, while it starts, is told a reply is running).
    for (const response of responses) expect([200, 409]).toContain(response.status);
    await Promise.all(responses.map((response) => response.text()));
    const rows = await stored(session.id);
    expect(rows.map((row) => row.role)).toEqual(["user", "assistant", "user", "assistant"]);
    expect(rows.map((row) => row.seq)).toEqual([1, 2, 3, 4]);
  });
});

describe("sends racing on one session", () => {
  it("one of several different messages sent at once wins; the others are told a reply is running", async () => {
    const ada = await browserUser();
    const session = await newSession(ada);
    await turn(ada, session.id, "before the race");
    const responses = await Promise.all(Array.from({ length: 4 }, (_, i) => send(ada, session.id, { message: `racer ${i} [[tokens:20]] [[delay:10]]` })));
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([200, 409, 409, 409]);
    await Promise.all(responses.map((response) => response.text()));
    const rows = await stored(session.id);
    expect(rows.map((row) => row.seq)).toEqual([1, 2, 3, 4]);
    expect(rows[2]!.parentId).toBe(rows[1]!.id);
  });
});
