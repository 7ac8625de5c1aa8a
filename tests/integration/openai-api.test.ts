// The OpenAI-compatible API (/v1), driven by real clients: the official
// `openai` package and the AI SDK's `@ai-sdk/openai-compatible` provider, each
// pointed at Parley (their requests reach the route handlers through appFetch).
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import { generateText, streamText } from "ai";
import OpenAI from "openai";
import { describe, expect, inject, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { appFetch, browserUser, call, modelRequests, ORIGIN, tokenUser } from "../support/api";
import { png } from "../support/images";

const baseURL = `${ORIGIN}/v1`;

async function openaiClient() {
  const user = await tokenUser();
  return { user, client: new OpenAI({ apiKey: user.token, baseURL, fetch: appFetch, maxRetries: 0 }) };
}

/** What the project's model server received last for a user message containing `marker`. */
async function lastRequestFor(marker: string) {
  const requests = await modelRequests(inject("modelServerUrl"));
  return requests.filter((r) => JSON.stringify(r.body.messages).includes(marker) && !JSON.stringify(r.body).includes("title")).at(-1)!.body as Record<string, unknown> & {
    messages: Array<{ role: string; content: unknown }>;
  };
}

describe("the openai client against /v1", () => {
  it("lists and retrieves models; an unknown one is 404 model_not_found", async () => {
    const { client } = await openaiClient();
    const list = await client.models.list();
    expect(list.data.map((m) => m.id)).toEqual(["test-model", "test-model-2"]);
    expect(list.data[0]).toMatchObject({ object: "model", owned_by: "system" });
    expect(await client.models.retrieve("test-model-2")).toMatchObject({ id: "test-model-2", object: "model" });
    const missing = await client.models.retrieve("gpt-9").catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(OpenAI.NotFoundError);
    expect(missing).toMatchObject({ status: 404, code: "model_not_found", type: "invalid_request_error" });
  });

  it("answers without streaming; the call is a Parley session with its system prompt; temperature and max_tokens reach the model", async () => {
    const { client, user } = await openaiClient();
    const { data, response } = await client.chat.completions
      .create({
        model: "test-model",
        messages: [
          { role: "system", content: "你是一个耐心的老师。" },
          { role: "user", content: "你好, explain 机器学习 oai-plain" },
        ],
        temperature: 0.25,
        max_tokens: 64,
      })
      .withResponse();
    expect(data.object).toBe("chat.completion");
    expect(data.model).toBe("test-model");
    expect(data.choices).toHaveLength(1);
    expect(data.choices[0]).toMatchObject({ index: 0, finish_reason: "stop", message: { role: "assistant", content: "Echo: 你好, explain 机器学习 oai-plain (turn 1)" } });
    expect(data.usage).toMatchObject({ prompt_tokens: expect.any(Number), completion_tokens: expect.any(Number) });
    expect(data.usage!.total_tokens).toBe(data.usage!.prompt_tokens + data.usage!.completion_tokens);

    const sessionId = response.headers.get("x-parley-session")!;
    const session = await db().session.findUniqueOrThrow({ where: { id: sessionId }, include: { messages: { orderBy: { seq: "asc" } } } });
    expect(session).toMatchObject({ userId: user.userId, systemPrompt: "你是一个耐心的老师。", roleId: null, model: "test-model" });
    expect(session.messages.map((m) => [m.role, m.text, m.status])).toEqual([
      ["user", "你好, explain 机器学习 oai-plain", "complete"],
      ["assistant", "Echo: 你好, explain 机器学习 oai-plain (turn 1)", "complete"],
    ]);
    expect(data.id).toBe(`chatcmpl-${session.messages[1]!.id}`);

    const sent = await lastRequestFor("oai-plain");
    expect(sent).toMatchObject({ temperature: 0.25, max_tokens: 64 });
    expect(sent.messages[0]).toMatchObject({ role: "system", content: "你是一个耐心的老师。" });
    // The user sees the session in the app too.
    const listed = await user.json<{ sessions: Array<{ id: string }> }>("GET", "/api/sessions");
    expect(listed.sessions.map((s) => s.id)).toContain(sessionId);
  });

  it("streams text and reasoning as they come, then the finish reason, usage when asked for, and [DONE]", async () => {
    const { client } = await openaiClient();
    const stream = await client.chat.completions.create({
      model: "test-model-2",
      messages: [{ role: "user", content: "think first [[reasoning:3]] 流式 oai-stream" }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let content = "";
    let reasoning = "";
    const finishReasons: Array<string | null> = [];
    let usage: OpenAI.CompletionUsage | null | undefined;
    let chunks = 0;
    for await (const chunk of stream) {
      chunks += 1;
      expect(chunk).toMatchObject({ object: "chat.completion.chunk", model: "test-model-2" });
      if (chunk.usage) usage = chunk.usage;
      for (const choice of chunk.choices) {
        content += choice.delta.content ?? "";
        reasoning += (choice.delta as { reasoning_content?: string }).reasoning_content ?? "";
        finishReasons.push(choice.finish_reason);
      }
    }
    expect(chunks).toBeGreaterThan(4);
    expect(content).toBe("Echo: think first 流式 oai-stream (turn 1)");
    expect(reasoning.length).toBeGreaterThan(0);
    expect(finishReasons.filter(Boolean)).toEqual(["stop"]);
    expect(usage).toMatchObject({ prompt_tokens: expect.any(Number), completion_tokens: expect.any(Number) });
  });

  it("a new session keeps the request's earlier messages; X-Parley-Session continues one with only the newest user message", async () => {
    const { client, user } = await openaiClient();
    const first = await client.chat.completions
      .create({
        model: "test-model",
        messages: [
          { role: "user", content: "第一个问题 oai-history" },
          { role: "assistant", content: "第一个回答" },
          { role: "user", content: [{ type: "text", text: "second question" }, { type: "text", text: "第二部分 oai-history" }] },
        ],
      })
      .withResponse();
    expect(first.data.choices[0]!.message.content).toBe("Echo: second question\n第二部分 oai-history (turn 2)");
    const sessionId = first.response.headers.get("x-parley-session")!;
    const sent = await lastRequestFor("第二部分 oai-history");
    expect(sent.messages.filter((m) => m.role !== "system").map((m) => m.role)).toEqual(["user", "assistant", "user"]);

    const again = await client.chat.completions
      .create(
        {
          model: "test-model-2",
          // Only the newest user message is taken: the session holds the rest.
          messages: [
            { role: "user", content: "ignored: the session has its own history" },
            { role: "user", content: "third question oai-continue" },
          ],
        },
        { headers: { "X-Parley-Session": sessionId } },
      )
      .withResponse();
    expect(again.response.headers.get("x-parley-session")).toBe(sessionId);
    expect(again.data.choices[0]!.message.content).toBe("Echo: third question oai-continue (turn 3)");
    const messages = await db().message.findMany({ where: { sessionId }, orderBy: { seq: "asc" } });
    expect(messages.map((m) => m.text)).toEqual([
      "第一个问题 oai-history",
      "第一个回答",
      "second question\n第二部分 oai-history",
      "Echo: second question\n第二部分 oai-history (turn 2)",
      "third question oai-continue",
      "Echo: third question oai-continue (turn 3)",
    ]);
    expect(messages.at(-1)!.model).toBe("test-model-2");
    const session = await user.json<{ model: string; headId: string; title: string }>("GET", `/api/sessions/${sessionId}`);
    expect(session).toMatchObject({ model: "test-model-2", headId: messages.at(-1)!.id, title: "第一个问题 oai-history" });
    expect(JSON.stringify((await lastRequestFor("oai-continue")).messages)).not.toContain("ignored");

    // Someone else's session, and an id that is none: 404, nothing stored.
    const other = await openaiClient();
    for (const id of [sessionId, "not-a-session"]) {
      const refused = await other.client.chat.completions.create({ model: "test-model", messages: [{ role: "user", content: "hi" }] }, { headers: { "X-Parley-Session": id } }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(OpenAI.NotFoundError);
    }
    expect(await db().message.count({ where: { sessionId } })).toBe(6);
    expect(await db().session.count({ where: { userId: other.user.userId } })).toBe(0);
  });

  it("a wrong key is 401 invalid_api_key, no key 401, a read-only token 403, a cookie alone 401", async () => {
    const wrong = new OpenAI({ apiKey: "parley_not-a-real-token", baseURL, fetch: appFetch, maxRetries: 0 });
    const refused = await wrong.chat.completions.create({ model: "test-model", messages: [{ role: "user", content: "hi" }] }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(OpenAI.AuthenticationError);
    expect(refused).toMatchObject({ status: 401, code: "invalid_api_key" });

    const bare = await call("GET", "/v1/models");
    expect(bare.status).toBe(401);
    expect((await bare.json()).error).toMatchObject({ type: "invalid_request_error", code: "missing_api_key", param: null });

    const browser = await browserUser();
    expect((await browser.call("GET", "/v1/models")).status).toBe(401);
    const readOnly = await browser.json<{ token: string }>("POST", "/api/tokens", { body: { name: "reader", access: "read-only" } });
    const reader = new OpenAI({ apiKey: readOnly.token, baseURL, fetch: appFetch, maxRetries: 0 });
    expect((await reader.models.list()).data.length).toBe(2);
    const write = await reader.chat.completions.create({ model: "test-model", messages: [{ role: "user", content: "hi" }] }).catch((e: unknown) => e);
    expect(write).toBeInstanceOf(OpenAI.PermissionDeniedError);
  });

  it("refuses what it cannot honour with 400 naming the parameter, and stores nothing", async () => {
    const { client, user } = await openaiClient();
    const cases: Array<[object, string | null]> = [
      [{ messages: [] }, null],
      [{ messages: [{ role: "user", content: "hi" }, { role: "assistant", content: "last" }] }, "messages"],
      [{ messages: [{ role: "user", content: "   " }] }, "messages[0].content"],
      [{ messages: [{ role: "user", content: "nul \u0000 inside" }] }, "messages[0].content"],
      [{ messages: [{ role: "user", content: [{ type: "image_url", image_url: { url: "data:image/png;base64,AAAA" } }] }] }, "messages[0].content[0].image_url"],
      [{ messages: [{ role: "user", content: [{ type: "image_url", image_url: { url: "https://example.com/cat.png" } }] }] }, "messages[0].content[0].image_url.url"],
      [{ messages: [{ role: "user", content: [{ type: "input_audio", input_audio: {} }] }] }, "messages[0].content[0]"],
      [{ messages: [{ role: "user", content: "x" }, { role: "tool", content: "result", tool_call_id: "1" }] }, "messages[1]"],
      [{ messages: [{ role: "user", content: "x" }], tools: [{ type: "function", function: { name: "f" } }] }, "tools"],
      [{ messages: [{ role: "user", content: "x" }], n: 2 }, null],
      [{ messages: [{ role: "user", content: "x" }], temperature: 7 }, null],
      [{ messages: [{ role: "user", content: "x" }], max_tokens: -1 }, null],
    ];
    for (const [body, param] of cases) {
      const refused = await client.chat.completions.create({ model: "test-model", ...body } as OpenAI.ChatCompletionCreateParamsNonStreaming).catch((e: unknown) => e);
      expect(refused, JSON.stringify(body)).toBeInstanceOf(OpenAI.BadRequestError);
      expect(refused).toMatchObject({ status: 400, type: "invalid_request_error" });
      if (param) expect((refused as InstanceType<typeof OpenAI.BadRequestError>).param).toBe(param);
    }
    const notJson = await user.call("POST", "/v1/chat/completions", { rawBody: "{nope", headers: { "content-type": "application/json" } });
    expect(notJson.status).toBe(400);
    expect((await notJson.json()).error).toMatchObject({ type: "invalid_request_error", code: "invalid_json" });
    expect(await db().session.count({ where: { userId: user.userId } })).toBe(0);

    const unknownPath = await user.call("GET", "/v1/embeddings");
    expect(unknownPath.status).toBe(404);
    expect((await unknownPath.json()).error).toMatchObject({ type: "invalid_request_error" });
    const wrongMethod = await user.call("DELETE", "/v1/chat/completions");
    expect(wrongMethod.status).toBe(405);
  });

  it("a model server's failure is a 502 error, and a cut stream ends in an error event; what was received is stored", async () => {
    const { client, user } = await openaiClient();
    const failed = await client.chat.completions.create({ model: "test-model", messages: [{ role: "user", content: "[[status:500]] oai-fail" }] }).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(OpenAI.InternalServerError);
    expect(failed).toMatchObject({ status: 502, type: "server_error" });

    const stream = await client.chat.completions.create({ model: "test-model", messages: [{ role: "user", content: "[[tokens:20]] [[reset-after:3]] oai-cut" }], stream: true });
    let content = "";
    const cut = await (async () => {
      for await (const chunk of stream) content += chunk.choices[0]?.delta.content ?? "";
    })().catch((e: unknown) => e);
    expect(cut).toBeInstanceOf(OpenAI.APIError);
    expect(content.length).toBeGreaterThan(0);
    // The reply's final write follows its last event: wait for it.
    await vi.waitFor(async () => {
      const sessions = await db().session.findMany({ where: { userId: user.userId }, include: { messages: { where: { role: "assistant" } } } });
      const stored = sessions.flatMap((s) => s.messages).find((m) => m.status === "error" && m.text.length > 0);
      expect(stored?.text.startsWith(content.trim().split(" ")[0]!)).toBe(true);
    }, { timeout: 15_000, interval: 100 });
  });
});

describe("images over /v1", () => {
  it("an image_url data URL becomes an attachment the vision model receives; a text-only model refuses it", async () => {
    const { client, user } = await openaiClient();
    const image = png(3, 2);
    const dataUrl = `data:image/png;base64,${image.toString("base64")}`;
    const { data, response } = await client.chat.completions
      .create({ model: "test-model-2", messages: [{ role: "user", content: [{ type: "text", text: "what is this? oai-image" }, { type: "image_url", image_url: { url: dataUrl } }] }] })
      .withResponse();
    expect(data.choices[0]!.message.content).toContain("oai-image");
    const sent = await lastRequestFor("oai-image");
    expect(JSON.stringify(sent.messages.at(-1))).toContain(dataUrl);
    const stored = await db().message.findFirstOrThrow({ where: { sessionId: response.headers.get("x-parley-session")!, role: "user" } });
    expect((stored.parts as Array<{ type: string }>).map((p) => p.type)).toEqual(["text", "file"]);
    expect(await db().attachment.count({ where: { userId: user.userId } })).toBe(1);

    const refused = await client.chat.completions.create({ model: "test-model", messages: [{ role: "user", content: [{ type: "image_url", image_url: { url: dataUrl } }] }] }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(OpenAI.BadRequestError);
    expect(refused).toMatchObject({ code: "model_cannot_see_images" });
  });
});

describe("@ai-sdk/openai-compatible against /v1", () => {
  it("generates and streams text with usage; reasoning arrives as reasoning", async () => {
    const user = await tokenUser();
    const parley = createOpenAICompatible({ name: "parley", baseURL, apiKey: user.token, fetch: appFetch, includeUsage: true });
    const generated = await generateText({ model: parley("test-model"), prompt: "混合 mixed text sdk-generate", maxRetries: 0 });
    expect(generated.text).toBe("Echo: 混合 mixed text sdk-generate (turn 1)");
    expect(generated.usage.outputTokens).toEqual(expect.any(Number));

    const streamed = streamText({ model: parley("test-model-2"), system: "Be brief.", prompt: "[[reasoning:2]] sdk-stream", maxRetries: 0 });
    const deltas: string[] = [];
    for await (const delta of streamed.textStream) deltas.push(delta);
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join("")).toBe("Echo: sdk-stream (turn 1)");
    expect((await streamed.reasoningText)?.length).toBeGreaterThan(0);
    expect((await streamed.usage).inputTokens).toEqual(expect.any(Number));
    expect(await streamed.finishReason).toBe("stop");
    const sessions = await db().session.findMany({ where: { userId: user.userId }, orderBy: { createdAt: "asc" } });
    expect(sessions.map((s) => s.systemPrompt)).toEqual([null, "Be brief."]);
  });
});
