// Versions of a message: an edit or a regeneration is a sibling of what it
// replaces; the history names each message's versions, and showing one moves
// the session's head to the newest message after it.
import { describe, expect, it } from "vitest";
import * as schemas from "@/lib/api/schemas";
import { browserUser, type Client } from "../support/api";

async function turn(client: Client, sessionId: string, body: object) {
  const response = await client.call("POST", `/api/sessions/${sessionId}/messages`, { body, headers: { accept: "application/json" } });
  expect(response.status).toBe(200);
  return schemas.messageView.parse(await response.json());
}

async function thread(client: Client, sessionId: string) {
  return schemas.historyPage.parse(await client.json("GET", `/api/sessions/${sessionId}/messages`));
}

const texts = (page: { messages: Array<{ text: string }> }) => page.messages.map((m) => m.text);

describe("versions of a message", () => {
  it("edits and regenerations are listed as versions; showing one shows its branch and is remembered", async () => {
    const ada = await browserUser();
    const session = await ada.json<{ id: string }>("POST", "/api/sessions", { body: {} });
    const r1 = await turn(ada, session.id, { message: "第一 first" });
    const r1b = await turn(ada, session.id, { regenerate: true });
    const r1c = await turn(ada, session.id, { message: "edited 改过", parentId: null });
    const q1 = r1.parentId!;
    const q1edit = r1c.parentId!;

    const now = await thread(ada, session.id);
    expect(texts(now)).toEqual(["edited 改过", "Echo: edited 改过 (turn 1)"]);
    expect(now.versions).toEqual({ [q1edit]: [q1, q1edit] });

    // The first question again: its branch ends at its newest reply (the regenerated one).
    const shown = schemas.historyPage.parse(await ada.json("POST", `/api/sessions/${session.id}/versions`, { body: { messageId: q1 } }));
    expect(shown.messages.map((m) => m.id)).toEqual([q1, r1b.id]);
    expect(shown.versions).toEqual({ [q1]: [q1, q1edit], [r1b.id]: [r1.id, r1b.id] });
    // Remembered: the session's head, and so the history and the next send.
    expect((await ada.json<{ headId: string }>("GET", `/api/sessions/${session.id}`)).headId).toBe(r1b.id);
    expect((await thread(ada, session.id)).messages.map((m) => m.id)).toEqual([q1, r1b.id]);

    const older = schemas.historyPage.parse(await ada.json("POST", `/api/sessions/${session.id}/versions`, { body: { messageId: r1.id } }));
    expect(older.messages.map((m) => m.id)).toEqual([q1, r1.id]);
    const next = await turn(ada, session.id, { message: "follow-up" });
    expect(next.text).toBe("Echo: follow-up (turn 2)");
    expect((await thread(ada, session.id)).messages.map((m) => m.id).slice(0, 2)).toEqual([q1, r1.id]);
  });

  it("someone else's session is 404; a message not in the session 422; a bad body 422", async () => {
    const ada = await browserUser();
    const session = await ada.json<{ id: string }>("POST", "/api/sessions", { body: {} });
    const reply = await turn(ada, session.id, { message: "hi" });
    const bob = await browserUser();
    expect((await bob.call("POST", `/api/sessions/${session.id}/versions`, { body: { messageId: reply.id } })).status).toBe(404);
    const other = await bob.json<{ id: string }>("POST", "/api/sessions", { body: {} });
    const bobReply = await turn(bob, other.id, { message: "mine" });
    const foreign = await ada.call("POST", `/api/sessions/${session.id}/versions`, { body: { messageId: bobReply.id } });
    expect(foreign.status).toBe(422);
    expect((await foreign.json()).error.code).toBe("unknown_message");
    expect((await ada.call("POST", `/api/sessions/${session.id}/versions`, { body: { messageId: "nope" } })).status).toBe(422);
    expect((await ada.json<{ headId: string }>("GET", `/api/sessions/${session.id}`)).headId).toBe(reply.id);
  });
});
