// Real model servers' recorded responses (tests/fixtures/providers), replayed
// byte for byte by the test model server, through the whole turn: what
// streamed to the client and what was stored must be what the server said.
import { readdirSync, readFileSync } from "node:fs";
import { readUIMessageStream, type UIMessage, type UIMessageChunk } from "ai";
import { afterEach, describe, expect, inject, it, vi } from "vitest";
import { storedReplyChunks } from "@/lib/chat/parts";
import { db } from "@/lib/db/client";
import { browserUser, modelRequests, readSse, type Client } from "../support/api";

type Expect = {
  outcome: "complete" | "error";
  text: string;
  reasoning: string | null;
  refusal?: string;
  toolCalls?: Array<{ name: string; arguments: unknown }>;
  finishReason: string | null;
  usage?: { inputTokens: number | null; outputTokens: number | null; reasoningTokens: number | null };
  errorMessage?: string;
  errorContains?: string;
};
type FixtureMeta = { provider: string; status: number; headers: Record<string, string>; cut?: string; expect: Expect };

const modelServer = inject("modelServerUrl");
const root = new URL("../fixtures/providers/", import.meta.url);
const fixtures = readdirSync(root, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => ({ name: entry.name, ...(JSON.parse(readFileSync(new URL(`${entry.name}/fixture.json`, root), "utf8")) as FixtureMeta) }));
const streamed = fixtures.filter((f) => f.status !== 200 || f.headers["content-type"]?.includes("text/event-stream"));

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

async function replayTurn(client: Client, name: string, accept = "text/event-stream") {
  const session = await client.json<{ id: string }>("POST", "/api/sessions", { body: { title: `replay ${name}` } });
  const response = await client.call("POST", `/api/sessions/${session.id}/messages`, { body: { message: `[[replay:${name}]]` }, headers: { accept } });
  return { session, response };
}

/** The message the AI SDK's own reader builds from these chunks, as JSON would store it. */
async function sdkParts(chunks: UIMessageChunk[]): Promise<unknown> {
  let last: UIMessage | undefined;
  const stream = new ReadableStream<UIMessageChunk>({
    start(controller) {
      chunks.filter((c) => c.type !== "error").forEach((c) => controller.enqueue(c));
      controller.close();
    },
  });
  for await (const message of readUIMessageStream({ stream })) last = message;
  return JSON.parse(JSON.stringify(last?.parts ?? []));
}

const deltas = (chunks: UIMessageChunk[], type: "text-delta" | "reasoning-delta") =>
  chunks.map((c) => (c.type === type ? c.delta : "")).join("");

describe("replies from real model servers' recorded responses", () => {
  it("has a recording of every server Parley is used with", () => {
    const providers = new Set(fixtures.map((f) => f.provider.toLowerCase()));
    for (const name of ["openai", "azure", "deepseek", "vllm", "sglang", "ollama", "openrouter", "groq", "mistral", "alibaba", "moonshot", "xai"]) {
      expect([...providers].some((p) => p.includes(name)), name).toBe(true);
    }
  });

  for (const fixture of streamed) {
    const want = fixture.expect;
    it(`${fixture.name} (${fixture.provider}): ${want.outcome}`, async () => {
      // A recorded tool call names the recording's own tools, which Parley does not offer:
      // one step, so the reply ends where the recording ends.
      if (want.toolCalls) vi.stubEnv("PARLEY_MAX_STEPS", "1");
      vi.resetModules();
      const client = await browserUser();
      const { session, response } = await replayTurn(client, fixture.name);
      expect(response.status).toBe(200);
      const { chunks, done } = await readSse(response);
      expect(done).toBe(true);

      // What streamed: reasoning and text exactly as sent, in their order.
      expect(deltas(chunks, "reasoning-delta")).toBe(want.reasoning ?? "");
      const text = deltas(chunks, "text-delta");
      // A reset may cost the last bytes in flight; never more, and what arrived is what is stored.
      if (fixture.cut === "reset") expect(want.text.startsWith(text) && text.length > 0).toBe(true);
      else expect(text).toBe(want.text + (want.refusal ?? ""));
      const calls = chunks.filter((c) => c.type === "tool-input-available" || c.type === "tool-input-error") as Array<{ toolName: string; input: unknown }>;
      expect(calls.map((c) => ({ name: c.toolName, arguments: c.input }))).toEqual(want.toolCalls ?? []);
      const errors = chunks.filter((c) => c.type === "error") as Array<{ errorText: string }>;

      const [, reply] = await db().message.findMany({ where: { sessionId: session.id }, orderBy: { seq: "asc" } });
      const storedText = (reply!.parts as Array<{ type: string; text?: string }>).filter((p) => p.type === "reasoning").map((p) => p.text).join("");
      expect(storedText).toBe(want.reasoning ?? "");
      expect(reply!.text).toBe(text);

      // The stored parts are what the AI SDK's own reader makes of the stream.
      expect(reply!.parts).toEqual(await sdkParts(chunks));
      // And the stored reply replays (a retried send, GET …/stream after the end) to the same parts.
      const replayed = await sdkParts(storedReplyChunks(reply!));
      // (Text and reasoning keep their provider metadata, "Thought for" included; tool calls replay without theirs.)
      const replayable = function (this: { type?: string }, key: string, value: unknown) {
        if (key === "rawInput") return undefined;
        if (key === "providerMetadata" && this.type !== "text" && this.type !== "reasoning") return undefined;
        return value;
      };
      expect(replayed).toEqual(JSON.parse(JSON.stringify(reply!.parts, replayable)));

      if (want.outcome === "complete") {
        expect(errors).toEqual([]);
        const finish = chunks.find((c) => c.type === "finish") as { finishReason?: string };
        expect(finish.finishReason ?? null).toBe(want.finishReason);
        expect(reply).toMatchObject({ status: "complete", finishReason: want.finishReason, error: null });
        if (want.usage) {
          expect({ inputTokens: reply!.inputTokens, outputTokens: reply!.outputTokens, reasoningTokens: reply!.reasoningTokens }).toEqual(want.usage);
        }
      } else {
        expect(errors).toHaveLength(1);
        const said = want.errorMessage ?? want.errorContains;
        if (said) expect(errors[0]!.errorText).toContain(said);
        expect(errors[0]!.errorText.length).toBeLessThanOrEqual(300);
        expect(reply).toMatchObject({ status: "error", error: errors[0]!.errorText });
      }
    });
  }

  it("a recorded plain JSON answer titles the session (ollama-nonstream-text)", async () => {
    const { generateTitle } = await import("@/lib/ai/title");
    expect(await generateTitle("[[replay:ollama-nonstream-text]]")).toBe("4200 + 42 = 4242");
  });

  it("a stream cut before it finished answers 502 in JSON mode, keeping what arrived", async () => {
    const client = await browserUser();
    const { session, response } = await replayTurn(client, "cut-clean-alibaba-qwen3-max-text", "application/json");
    expect(response.status).toBe(502);
    expect(await response.json()).toEqual({ error: { code: "model_stream_cut", message: expect.stringMatching(/before finishing/) } });
    const [, reply] = await db().message.findMany({ where: { sessionId: session.id }, orderBy: { seq: "asc" } });
    expect(reply!.status).toBe("error");
    expect(reply!.text.length).toBeGreaterThan(10);
  });

  it("a stream that failed after its first byte is not asked again, so nothing shown is repeated", async () => {
    vi.stubEnv("PARLEY_MODEL_RETRIES", "3");
    vi.resetModules();
    const client = await browserUser();
    const before = (await modelRequests(modelServer)).filter((r) => r.body.stream && JSON.stringify(r.body.messages).includes("openrouter-midstream-error-after-length")).length;
    const { response } = await replayTurn(client, "openrouter-midstream-error-after-length");
    const { chunks } = await readSse(response);
    expect(chunks.some((c) => c.type === "error")).toBe(true);
    const after = (await modelRequests(modelServer)).filter((r) => r.body.stream && JSON.stringify(r.body.messages).includes("openrouter-midstream-error-after-length")).length;
    expect(after - before).toBe(1);
  });

  it("a 429 names when to try again, from the server's Retry-After", async () => {
    const client = await browserUser();
    const { response } = await replayTurn(client, "error-429-mistral-rate-limited", "application/json");
    expect(response.status).toBe(502);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("model_rate_limited");
    expect(body.error.message).toMatch(/try again in 1 s/);
  });
});
