// Exports: one chat as Parley's JSON (every branch, parts, usage, role) or as
// Markdown (the visible thread), and every chat at once, streamed.
import { describe, expect, it } from "vitest";
import * as schemas from "@/lib/api/schemas";
import { db } from "@/lib/db/client";
import { browserUser, type Client } from "../support/api";

async function turn(client: Client, sessionId: string, body: object) {
  const response = await client.call("POST", `/api/sessions/${sessionId}/messages`, { body, headers: { accept: "application/json" } });
  expect(response.status).toBe(200);
  return (await response.json()) as { id: string; parentId: string };
}

describe("exporting a chat", () => {
  it("JSON holds every branch, with parts, reasoning, tool calls, usage, role and system prompt", async () => {
    const ada = await browserUser();
    const session = await ada.json<{ id: string }>("POST", "/api/sessions", { body: { title: "导出 export test", roleId: "teacher", systemPrompt: "Answer in 中文." } });
    await turn(ada, session.id, { message: "first question [[reasoning:3]]" });
    const second = await turn(ada, session.id, { message: 'compute [[tool:calculator:{"expression":"6 * 7"}]]' });
    // Edit the second question: a new branch; the old one stays stored.
    await turn(ada, session.id, { message: "second question, edited 第二个问题", parentId: (await db().message.findUniqueOrThrow({ where: { id: second.parentId } })).parentId });

    const response = await ada.call("GET", `/api/sessions/${session.id}/export`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="__-export-test.json"; filename*=UTF-8''${encodeURIComponent("导出-export-test.json")}`);
    const document = schemas.exportDocument.parse(await response.json());
    expect(document).toMatchObject({ format: "parley", version: 1 });
    const [exported] = document.sessions;
    expect(exported).toMatchObject({ id: session.id, title: "导出 export test", systemPrompt: "Answer in 中文.", role: { id: "teacher", builtIn: true } });
    expect(exported!.messages).toHaveLength(6);
    const stored = await db().message.findMany({ where: { sessionId: session.id }, orderBy: { seq: "asc" } });
    expect(exported!.messages.map((m) => [m.id, m.parentId, m.seq])).toEqual(stored.map((m) => [m.id, m.parentId, m.seq]));
    expect(exported!.headId).toBe(stored.at(-1)!.id);
    const partTypes = exported!.messages.flatMap((m) => m.parts.map((p) => p.type));
    expect(partTypes).toContain("reasoning");
    expect(partTypes).toContain("tool-calculator");
    expect(exported!.messages.find((m) => m.role === "assistant")!.usage).toMatchObject({ outputTokens: expect.any(Number) });
  });

  it("Markdown is the visible thread as a document; someone else's chat is 404; a bad format 422", async () => {
    const ada = await browserUser();
    const session = await ada.json<{ id: string }>("POST", "/api/sessions", { body: { title: "Notes" } });
    const first = await turn(ada, session.id, { message: "a first question" });
    await turn(ada, session.id, { message: "the original question" });
    // Edit the second question: a sibling of it, after the first reply.
    await turn(ada, session.id, { message: "**the edited question** 改过的", parentId: first.id });
    const response = await ada.call("GET", `/api/sessions/${session.id}/export?format=markdown`);
    expect(response.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
    const markdown = await response.text();
    expect(markdown.startsWith("# Notes\n")).toBe(true);
    expect(markdown).toContain("## You\n\na first question\n\n## test-model\n\nEcho: a first question (turn 1)");
    expect(markdown).toContain("## You\n\n**the edited question** 改过的");
    expect(markdown).toContain("## test-model\n\nEcho: **the edited question** 改过的");
    expect(markdown).not.toContain("the original question");

    const bob = await browserUser();
    expect((await bob.call("GET", `/api/sessions/${session.id}/export`)).status).toBe(404);
    const bad = await ada.call("GET", `/api/sessions/${session.id}/export?format=pdf`);
    expect(bad.status).toBe(422);
    expect((await bad.json()).error.code).toBe("invalid_query");
  });
});

describe("exporting everything", () => {
  it("streams all of the user's chats, across batches, and nobody else's", async () => {
    const ada = await browserUser();
    const bob = await browserUser();
    await bob.json("POST", "/api/sessions", { body: { title: "bob's" } });
    await db().session.createMany({ data: Array.from({ length: 120 }, (_, i) => ({ userId: ada.userId, title: `bulk ${i}`, model: "test-model" })) });
    const talked = await ada.json<{ id: string }>("POST", "/api/sessions", { body: { title: "talked" } });
    await turn(ada, talked.id, { message: "hello 你好" });

    const response = await ada.call("GET", "/api/export");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="parley-export-\d{4}-\d{2}-\d{2}\.json"/);
    const document = schemas.exportDocument.parse(JSON.parse(await response.text()));
    expect(document.sessions).toHaveLength(121);
    expect(document.sessions.some((s) => s.title === "bob's")).toBe(false);
    expect(document.sessions.find((s) => s.id === talked.id)!.messages.map((m) => m.text)).toEqual(["hello 你好", "Echo: hello 你好 (turn 1)"]);
  });
});
