// Turns under other settings: each block changes the environment and loads the
// app's modules afresh (settings are read once per process, like in production).
import { afterEach, describe, expect, inject, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { browserUser, modelRequests, readSse, textFromChunks, type Client } from "../support/api";
import { startHttpMcpServer } from "../support/mcp-server";

const modelServer = inject("modelServerUrl");

function withSettings(env: Record<string, string>) {
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  vi.resetModules();
}

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

async function session(client: Client, body: object = {}) {
  return client.json<{ id: string; model: string; modelIsLocal: boolean }>("POST", "/api/sessions", { body });
}

async function turn(client: Client, sessionId: string, message: string, headers: Record<string, string> = {}) {
  return client.call("POST", `/api/sessions/${sessionId}/messages`, { body: { message }, headers });
}

describe("with no model server configured", () => {
  it("answers with the built-in local model, labelled as local, streaming token by token", async () => {
    withSettings({ OPENAI_BASE_URL: "", OPENAI_API_KEY: "", PARLEY_MODELS: "", PARLEY_LOCAL_MODEL_DELAY_MS: "0" });
    const ada = await browserUser();
    const models = await ada.json<{ models: Array<{ id: string; local: boolean; label: string }> }>("GET", "/api/models");
    expect(models.models).toEqual([{ id: "local", label: expect.stringMatching(/local.*not an LLM/i), local: true, default: true, vision: true }]);

    const s = await session(ada);
    expect(s).toMatchObject({ model: "local", modelIsLocal: true });
    const { chunks } = await readSse(await turn(ada, s.id, "hello local model"));
    expect(chunks.filter((c) => c.type === "text-delta").length).toBeGreaterThan(10);
    expect(chunks.some((c) => c.type === "reasoning-delta")).toBe(true);
    expect(textFromChunks(chunks)).toMatch(/Parley local model/);
    const reply = (await db().message.findMany({ where: { sessionId: s.id }, orderBy: { seq: "asc" } }))[1]!;
    expect(reply).toMatchObject({ status: "complete", model: "local" });
    expect(reply.outputTokens).toBeGreaterThan(10);
    expect(Number(reply.cost)).toBe(0);
  });

  it("the local model calls the built-in calculator", async () => {
    withSettings({ OPENAI_BASE_URL: "", OPENAI_API_KEY: "", PARLEY_MODELS: "", PARLEY_LOCAL_MODEL_DELAY_MS: "0" });
    const ada = await browserUser();
    const s = await session(ada);
    const { chunks } = await readSse(await turn(ada, s.id, "what is 12 * (3 + 4)?"));
    expect(chunks.find((c) => c.type === "tool-output-available")).toMatchObject({ output: { result: "84" } });
    expect(textFromChunks(chunks)).toContain("84");
  });
});

describe("limits", () => {
  it("gives up on a model that sends nothing within PARLEY_MODEL_TIMEOUT_MS: error event, 504 for JSON", async () => {
    withSettings({ PARLEY_MODEL_TIMEOUT_MS: "400" });
    const ada = await browserUser();
    const s = await session(ada);
    const { chunks } = await readSse(await turn(ada, s.id, "slow [[first-token-delay:5000]]"));
    expect(textFromChunks(chunks)).toBe("");
    expect((chunks.find((c) => c.type === "error") as { errorText: string }).errorText).toMatch(/sent nothing for 0.4 s/);
    expect((await db().message.findMany({ where: { sessionId: s.id }, orderBy: { seq: "asc" } })).map((m) => m.status)).toEqual(["complete", "error"]);

    const json = await turn(ada, s.id, "hang [[hang]]", { accept: "application/json" });
    expect(json.status).toBe(504);
    expect(await json.json()).toEqual({ error: { code: "model_timeout", message: expect.stringMatching(/sent nothing/) } });
  });

  it("does not give up on a model that thinks in silence while its server sends keep-alives", async () => {
    withSettings({ PARLEY_MODEL_TIMEOUT_MS: "1000" });
    const ada = await browserUser();
    const s = await session(ada);
    // 3 s before the first chunk, three times the timeout, with a comment every 100 ms.
    const { chunks } = await readSse(await turn(ada, s.id, "think [[first-token-delay:3000]] [[keepalive:100]]"));
    expect(chunks.some((c) => c.type === "error")).toBe(false);
    expect(textFromChunks(chunks)).toBe("Echo: think (turn 1)");
    const reply = (await db().message.findMany({ where: { sessionId: s.id }, orderBy: { seq: "asc" } }))[1]!;
    expect(reply.status).toBe("complete");
  });

  it("also gives up when the model stalls between two tokens", async () => {
    // A second for the first token (a busy CI machine), four before the second.
    withSettings({ PARLEY_MODEL_TIMEOUT_MS: "1000" });
    const ada = await browserUser();
    const s = await session(ada);
    const { chunks } = await readSse(await turn(ada, s.id, "stall [[tokens:5]] [[delay:4000]]"));
    expect(textFromChunks(chunks).trim()).toBe("w1");
    expect(chunks.some((c) => c.type === "error")).toBe(true);
    const reply = (await db().message.findMany({ where: { sessionId: s.id }, orderBy: { seq: "asc" } }))[1]!;
    expect(reply).toMatchObject({ status: "error", text: "w1" });
  });

  it("trims the thread to PARLEY_CONTEXT_TOKENS, newest kept, the system prompt always first", async () => {
    withSettings({ PARLEY_CONTEXT_TOKENS: "300" });
    const ada = await browserUser();
    const s = await session(ada);
    const tag = Math.random().toString(36).slice(2);
    const filler = "lorem ipsum ".repeat(40); // ~120 tokens each
    for (let i = 1; i <= 4; i++) await readSse(await turn(ada, s.id, `${tag} message ${i} ${filler}`));
    const requests = (await modelRequests(modelServer)).filter((r) => JSON.stringify(r.body.messages.at(-1)).includes(`${tag} message 4`));
    const messages = requests[0]!.body.messages;
    expect(messages[0]!.role).toBe("system");
    const users = messages.filter((m) => m.role === "user").map((m) => String(m.content).slice(0, tag.length + 10));
    expect(users).toEqual([`${tag} message 4`]);
    expect(messages.length).toBeLessThan(8);
  });

  it("prices replies from PARLEY_PRICES", async () => {
    withSettings({ PARLEY_PRICES: "test-model=1000/2000" });
    const ada = await browserUser();
    const s = await session(ada);
    await readSse(await turn(ada, s.id, "how much"));
    const reply = (await db().message.findMany({ where: { sessionId: s.id }, orderBy: { seq: "asc" } }))[1]!;
    const expected = (reply.inputTokens! * 1000 + reply.outputTokens! * 2000) / 1_000_000;
    expect(Number(reply.cost)).toBeCloseTo(expected, 8);
    expect(Number(reply.cost)).toBeGreaterThan(0);
  });
});

describe("MCP tools", () => {
  it("offers the tools of PARLEY_MCP_SERVERS (stdio) and runs them", async () => {
    withSettings({
      PARLEY_MCP_SERVERS: JSON.stringify([{ name: "demo", command: process.execPath, args: ["--import", "tsx", "tests/support/mcp-server.ts"] }]),
    });
    const ada = await browserUser();
    const s = await session(ada);
    const { chunks } = await readSse(await turn(ada, s.id, 'loud [[tool:demo__shout:{"text":"quiet please"}]]'));
    expect(chunks.find((c) => c.type === "tool-input-available")).toMatchObject({ toolName: "demo__shout", input: { text: "quiet please" } });
    expect(JSON.stringify(chunks.find((c) => c.type === "tool-output-available"))).toContain("QUIET PLEASE");
    expect(textFromChunks(chunks)).toContain("QUIET PLEASE");
    const { closeMcpClients } = await import("@/lib/ai/mcp");
    await closeMcpClients();
  });

  it("offers the tools of an MCP server over HTTP", async () => {
    const mcp = await startHttpMcpServer();
    try {
      withSettings({ PARLEY_MCP_SERVERS: JSON.stringify([{ name: "web", url: mcp.url }]) });
      const ada = await browserUser();
      const s = await session(ada);
      const { chunks } = await readSse(await turn(ada, s.id, 'loud [[tool:web__shout:{"text":"over http"}]]'));
      expect(JSON.stringify(chunks.find((c) => c.type === "tool-output-available"))).toContain("OVER HTTP");
      const { closeMcpClients } = await import("@/lib/ai/mcp");
      await closeMcpClients();
    } finally {
      await mcp.close();
    }
  });

  it("leaves out an MCP server that cannot start, and the turn still works", async () => {
    withSettings({ PARLEY_MCP_SERVERS: JSON.stringify([{ name: "broken", command: "/nonexistent/mcp-server" }]) });
    const ada = await browserUser();
    const s = await session(ada);
    const { chunks } = await readSse(await turn(ada, s.id, "still fine"));
    expect(textFromChunks(chunks)).toContain("Echo: still fine");
  });
});
