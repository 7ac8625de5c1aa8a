// Share links: a snapshot of the visible thread, readable by its link only,
// listed and deletable by its owner, gone with its session, off when the operator says so.
import { describe, expect, it, vi } from "vitest";
import * as schemas from "@/lib/api/schemas";
import { db } from "@/lib/db/client";
import { browserUser, tokenUser, type Client } from "../support/api";

async function turn(client: Client, sessionId: string, body: object) {
  const response = await client.call("POST", `/api/sessions/${sessionId}/messages`, { body, headers: { accept: "application/json" } });
  expect(response.status).toBe(200);
  return (await response.json()) as { id: string; parentId: string };
}

async function share(client: Client, sessionId: string) {
  const response = await client.call("POST", `/api/sessions/${sessionId}/share`);
  expect(response.status).toBe(201);
  return schemas.createdShare.parse(await response.json());
}

/** What an anonymous reader gets behind a link (the page renders exactly this). */
async function read(id: string) {
  const { sharedThread } = await import("@/lib/shares");
  return sharedThread(id);
}

describe("share links", () => {
  it("snapshot the visible thread as it is now: later messages and other branches are not in it", async () => {
    const ada = await browserUser();
    const session = await ada.json<{ id: string }>("POST", "/api/sessions", { body: { title: "分享 shared chat" } });
    const first = await turn(ada, session.id, { message: "first question 第一个" });
    await turn(ada, session.id, { message: "an abandoned branch" });
    // Edit the second question: the visible thread is first, edited.
    await turn(ada, session.id, { message: "the edited question 改过的 <img src=x onerror=alert(1)>", parentId: first.id });

    const created = await share(ada, session.id);
    expect(created.url).toBe(`http://parley.test/s/${created.id}`);
    expect(created.path).toBe(`/s/${created.id}`);
    expect(created.id).toMatch(/^[\w-]{22}$/);
    await turn(ada, session.id, { message: "written after sharing" });

    const shared = (await read(created.id))!;
    expect(shared.title).toBe("分享 shared chat");
    const texts = shared.messages.map((m) => m.parts.map((p) => (p.type === "text" ? p.text : "")).join(""));
    expect(texts).toEqual([
      "first question 第一个",
      "Echo: first question 第一个 (turn 1)",
      "the edited question 改过的 <img src=x onerror=alert(1)>",
      "Echo: the edited question 改过的 <img src=x onerror=alert(1)> (turn 2)",
    ]);
    expect(shared.messages.map((m) => m.role)).toEqual(["user", "assistant", "user", "assistant"]);

    const listed = await ada.json<{ shares: unknown[] }>("GET", "/api/shares");
    expect(schemas.sharesList.parse(listed).shares).toEqual([{ id: created.id, path: created.path, sessionId: session.id, title: "分享 shared chat", createdAt: created.createdAt }]);

    // A second link is a second snapshot, holding what came since.
    const later = await share(ada, session.id);
    expect((await read(later.id))!.messages).toHaveLength(6);
    expect((await read(created.id))!.messages).toHaveLength(4);
  });

  it("only the owner shares, lists and deletes; a deleted link, an unknown one and a deleted session's are gone", async () => {
    const ada = await browserUser();
    const bob = await browserUser();
    const session = await ada.json<{ id: string }>("POST", "/api/sessions", { body: {} });
    await turn(ada, session.id, { message: "hello" });

    expect((await bob.call("POST", `/api/sessions/${session.id}/share`)).status).toBe(404);
    expect((await bob.call("POST", "/api/sessions/not-a-uuid/share")).status).toBe(404);
    const created = await share(ada, session.id);
    expect((await bob.json<{ shares: unknown[] }>("GET", "/api/shares")).shares).toEqual([]);
    expect((await bob.call("DELETE", `/api/shares/${created.id}`)).status).toBe(404);
    expect(await read(created.id)).not.toBeNull();

    expect((await ada.call("DELETE", `/api/shares/${created.id}`)).status).toBe(204);
    expect(await read(created.id)).toBeNull();
    expect((await ada.call("DELETE", `/api/shares/${created.id}`)).status).toBe(404);
    expect((await ada.call("DELETE", "/api/shares/..%2F..%2Fetc")).status).toBe(404);
    expect(await read("AAAAAAAAAAAAAAAAAAAAAA")).toBeNull();
    expect(await read("' OR 1=1 --")).toBeNull();

    const again = await share(ada, session.id);
    expect((await ada.call("DELETE", `/api/sessions/${session.id}`)).status).toBe(204);
    expect(await read(again.id)).toBeNull();
    expect(await db().share.count({ where: { sessionId: session.id } })).toBe(0);
  });

  it("a program with a token can share; a read-only token cannot; no one can when the operator turned sharing off", async () => {
    const program = await tokenUser();
    const session = await program.json<{ id: string }>("POST", "/api/sessions", { body: {} });
    await turn(program, session.id, { message: "from a program" });
    const created = await share(program, session.id);

    const browser = await browserUser();
    const readOnly = await browser.json<{ token: string }>("POST", "/api/tokens", { body: { name: "reader", access: "read-only" } });
    const own = await browser.json<{ id: string }>("POST", "/api/sessions", { body: {} });
    const refused = await browser.call("POST", `/api/sessions/${own.id}/share`, { headers: { authorization: `Bearer ${readOnly.token}`, cookie: "" } });
    expect(refused.status).toBe(403);

    vi.stubEnv("PARLEY_SHARING", "off");
    vi.resetModules();
    try {
      const off = await program.call("POST", `/api/sessions/${session.id}/share`);
      expect(off.status).toBe(403);
      expect((await off.json()).error.code).toBe("sharing_disabled");
      // Existing links stop answering too (and come back if sharing is turned on again).
      expect(await read(created.id)).toBeNull();
    } finally {
      vi.unstubAllEnvs();
      vi.resetModules();
    }
    expect(await read(created.id)).not.toBeNull();
  });
});
