// Exports: one chat as Parley's JSON (every branch, parts, usage, role) or as
// Markdown (the visible thread), and every chat at once, streamed.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import * as schemas from "@/lib/api/schemas";
import { db } from "@/lib/db/client";
import { browserUser, call, ORIGIN, type Client } from "../support/api";

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

describe("importing", () => {
  async function exported(client: Client) {
    const response = await client.call("GET", "/api/export");
    return schemas.exportDocument.parse(await response.json());
  }

  /** What a reader sees of each session: title, settings and every message (tree by position), ids aside. */
  function shape(document: z.infer<typeof schemas.exportDocument>) {
    return document.sessions
      .map((session) => {
        const position = new Map(session.messages.map((m, i) => [m.id, i]));
        return {
          title: session.title,
          systemPrompt: session.systemPrompt,
          role: session.role && { name: session.role.name, systemPrompt: session.role.systemPrompt },
          model: session.model,
          pinned: session.pinned,
          head: session.headId === null ? null : position.get(session.headId),
          messages: session.messages.map((m) => ({
            ...m,
            id: undefined,
            parentId: m.parentId === null ? null : position.get(m.parentId),
          })),
        };
      })
      .sort((a, b) => a.title.localeCompare(b.title));
  }

  it("export from one account and import into another gives identical threads; the same file twice adds nothing", async () => {
    const ada = await browserUser();
    const own = await ada.json<{ id: string }>("POST", "/api/roles", { body: { name: "诗人", systemPrompt: "Answer in verse." } });
    const first = await ada.json<{ id: string }>("POST", "/api/sessions", { body: { title: "往返 round trip", roleId: own.id } });
    const reply = await turn(ada, first.id, { message: "first [[reasoning:2]]" });
    await turn(ada, first.id, { message: 'then a tool [[tool:calculator:{"expression":"2 + 2"}]]' });
    await turn(ada, first.id, { message: "an edit 编辑", parentId: reply.id });
    const second = await ada.json<{ id: string }>("POST", "/api/sessions", { body: { title: "pinned one", pinned: true, systemPrompt: "Be brief." } });
    await turn(ada, second.id, { message: "hello" });
    const file = await exported(ada);

    const bob = await browserUser();
    const response = await bob.call("POST", "/api/import", { body: file });
    expect(response.status).toBe(201);
    const result = schemas.importResult.parse(await response.json());
    expect(result.imported).toEqual({ sessions: 2, messages: 8 });
    const copy = await exported(bob);
    expect(shape(copy)).toEqual(shape(file));
    // Bob's copies are his own: new ids, and his own copy of ada's role.
    expect(copy.sessions.map((s) => s.id)).not.toContain(first.id);
    expect(copy.sessions.find((s) => s.title === "往返 round trip")!.role).toMatchObject({ name: "诗人", builtIn: false });
    expect((await bob.json<{ roles: Array<{ name: string }> }>("GET", "/api/roles")).roles.map((r) => r.name)).toContain("诗人");
    // Imported text is searchable like any other.
    expect((await bob.json<{ sessions: Array<{ id: string }> }>("GET", `/api/sessions?q=${encodeURIComponent("编辑")}`)).sessions).toHaveLength(1);

    const again = schemas.importResult.parse(await (await bob.call("POST", "/api/import", { body: file })).json());
    expect(again).toMatchObject({ imported: { sessions: 0, messages: 0 }, skipped: 2 });
    expect((await exported(bob)).sessions).toHaveLength(2);
  });

  it("a broken or foreign file is refused, naming what is wrong, and nothing is imported", async () => {
    const ada = await browserUser();
    const session = await ada.json<{ id: string }>("POST", "/api/sessions", { body: { title: "source" } });
    await turn(ada, session.id, { message: "hi" });
    const file = await exported(ada);
    const bob = await browserUser();
    const broken = structuredClone(file);
    broken.sessions[0]!.messages[1]!.parentId = "0b8f3c4e-2a1d-4c6b-9e7f-1a2b3c4d5e6f";
    const nul = structuredClone(file);
    nul.sessions[0]!.messages[0]!.text = "nul\u0000";
    const cases: Array<[unknown, string, RegExp]> = [
      [[{ title: "x", mapping: "nope" }], "invalid_import", /\b0\.mapping: /],
      [[{ uuid: "x", name: "y", chat_messages: {} }], "invalid_import", /\b0\.chat_messages: /],
      [{ hello: "world" }, "unsupported_format", /"format": "parley"/],
      [{ ...file, version: 2 }, "unsupported_version", /version 1/],
      [{ ...file, sessions: [{ ...file.sessions[0], messages: [{ role: "robot" }] }] }, "invalid_import", /sessions\.0\.messages\.0/],
      [broken, "invalid_import", /sessions\.0\.messages\.1\.parentId/],
      [nul, "invalid_import", /sessions\.0\.messages\.0\.text.*NUL/],
    ];
    for (const [body, code, message] of cases) {
      const response = await bob.call("POST", "/api/import", { body });
      expect([code, response.status]).toEqual([code, 422]);
      const { error } = await response.json();
      expect(error.code).toBe(code);
      expect(error.message).toMatch(message);
    }
    expect((await exported(bob)).sessions).toEqual([]);
  });

  it("ChatGPT's and Claude's conversations.json come in as chats with their branches, once", async () => {
    const ada = await browserUser();
    const chatgpt = JSON.parse(readFileSync("tests/fixtures/imports/chatgpt-conversations.json", "utf8"));
    const first = await ada.call("POST", "/api/import", { body: chatgpt });
    expect(first.status).toBe(201);
    // The third conversation holds only hidden messages: nothing to import.
    expect(schemas.importResult.parse(await first.json()).imported.sessions).toBe(2);
    const document = await exported(ada);
    const meeting = document.sessions.find((s) => s.title === "会议翻译 Meeting translation")!;
    // Shown messages only: the null root, the hidden system message, thoughts, code and tool output are left out.
    expect(meeting.messages.map((m) => m.role)).toEqual(["user", "assistant", "user", "assistant", "user", "assistant", "user", "assistant"]);
    // The edit: two user messages answer the first reply; the visible thread follows current_node.
    const firstReply = meeting.messages[1]!;
    expect(meeting.messages.filter((m) => m.parentId === firstReply.id).map((m) => m.text)).toEqual(["再正式一点", "Make it more formal, 并且加上时间 10:00 AM 🙂"]);
    const page = await ada.json<{ messages: Array<{ text: string; parts: Array<{ type: string }> }> }>("GET", `/api/sessions/${meeting.id}/messages`);
    expect(page.messages.map((m) => m.text)).not.toContain("再正式一点");
    expect(page.messages.at(-1)!.text).toBe("照片里能看到 10 把椅子，坐 12 个人会有点挤 (a bit tight)。");
    expect(page.messages[3]!.parts.map((p) => p.type)).toEqual(["reasoning", "text"]);
    // Searchable like any chat, in Chinese too.
    expect((await ada.json<{ sessions: Array<{ id: string }> }>("GET", `/api/sessions?q=${encodeURIComponent("上海")}`)).sessions.map((s) => s.id)).toEqual([meeting.id]);

    const claude = JSON.parse(readFileSync("tests/fixtures/imports/claude-conversations.json", "utf8"));
    const fromClaude = schemas.importResult.parse(await (await ada.call("POST", "/api/import", { body: claude })).json());
    expect(fromClaude.imported.sessions).toBe(2);
    const review = (await exported(ada)).sessions.find((s) => s.title === "Review my CSV parser")!;
    // "Show me the fix." was edited: both versions answer the first reply.
    expect(review.messages.filter((m) => m.parentId === review.messages[1]!.id)).toHaveLength(2);

    // The same files again add nothing.
    for (const file of [chatgpt, claude]) {
      const again = schemas.importResult.parse(await (await ada.call("POST", "/api/import", { body: file })).json());
      expect(again).toMatchObject({ imported: { sessions: 0, messages: 0 }, skipped: 2 });
    }
    expect((await exported(ada)).sessions).toHaveLength(4);
  });

  it("reads a long file as it arrives, writes it in batches, and still imports all of it or nothing", async () => {
    const ada = await browserUser();
    const session = await ada.json<{ id: string }>("POST", "/api/sessions", { body: { title: "模板 template" } });
    await turn(ada, session.id, { message: "hello 你好" });
    const [template] = (await exported(ada)).sessions;
    const copies = (count: number) =>
      Array.from({ length: count }, (_, i) => ({
        ...template!,
        id: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
        title: `copy ${i}`,
      }));
    /** The file as a stream of small chunks, the way a slow upload arrives. */
    const streamed = (text: string) =>
      new ReadableStream<Uint8Array>({
        start(controller) {
          const bytes = new TextEncoder().encode(text);
          for (let at = 0; at < bytes.length; at += 4096) controller.enqueue(bytes.subarray(at, at + 4096));
          controller.close();
        },
      });
    const post = (client: Client, text: string) =>
      call("POST", "/api/import", { headers: { cookie: client.cookie!, origin: ORIGIN, "sec-fetch-site": "same-origin", "content-type": "application/json" }, stream: streamed(text) });

    const bob = await browserUser();
    // 120 sessions (five batches), the last one broken: nothing at all is imported.
    const broken = copies(120);
    broken[119] = { ...broken[119]!, headId: "0b8f3c4e-2a1d-4c6b-9e7f-1a2b3c4d5e6f" };
    const refused = await post(bob, JSON.stringify({ format: "parley", version: 1, exportedAt: new Date().toISOString(), sessions: broken }));
    expect(refused.status).toBe(422);
    expect((await refused.json()).error.message).toMatch(/^sessions\.119\.headId/);
    expect(await db().session.count({ where: { userId: bob.userId } })).toBe(0);

    // Sessions before the header wait for it; all 120 arrive.
    const fine = copies(120);
    const text = `{"sessions":${JSON.stringify(fine)},"version":1,"format":"parley"}`;
    const imported = await post(bob, text);
    expect(imported.status).toBe(201);
    expect(schemas.importResult.parse(await imported.json()).imported).toEqual({ sessions: 120, messages: 240 });

    // A file cut short is not JSON: 400, and nothing more.
    const cut = await post(bob, JSON.stringify({ format: "parley", version: 1, sessions: copies(130) }).slice(0, -500));
    expect(cut.status).toBe(400);
    expect((await cut.json()).error.code).toBe("invalid_json");
    expect(await db().session.count({ where: { userId: bob.userId } })).toBe(120);
  });
});
