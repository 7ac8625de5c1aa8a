// The tab's cache of chats: the few most recently left keep their drawn view, what a
// chat shows now replaces a stale drawing, and another identity finds nothing.
import { beforeEach, describe, expect, it } from "vitest";
import { cachedChat, forgetAllChats, forgetChat, keepView, rememberChat } from "../../components/chat/chat-cache";
import type { ChatMessage, SessionView } from "../../components/lib/types";

const session = (id: string) => ({ id, title: `对话 ${id}` }) as SessionView;
const remember = (id: string) => rememberChat({ session: session(id), messages: [], olderCursor: null });
// Nothing but identity matters to the cache: a stand-in for a detached element.
const drawn = (id: string) => ({ id }) as unknown as HTMLElement;

describe("the tab's chat cache", () => {
  beforeEach(() => forgetAllChats());

  it("keeps a chat's drawn view when it is left, and drops it once the chat is shown again", () => {
    remember("a");
    const view = drawn("a");
    keepView("a", view);
    expect(cachedChat("a")?.view).toBe(view);
    remember("a");
    expect(cachedChat("a")?.view).toBeUndefined();
    expect(cachedChat("a")?.session.title).toBe("对话 a");
  });

  it("keeps the drawn views of the four chats left most recently only", () => {
    for (const id of ["a", "b", "c", "d", "e"]) {
      remember(id);
      keepView(id, drawn(id));
    }
    expect(cachedChat("a")?.view).toBeUndefined();
    expect(cachedChat("a")?.messages).toEqual([]); // still shown from its messages
    for (const id of ["b", "c", "d", "e"]) expect(cachedChat(id)?.view).toEqual({ id });
    // Leaving "b" again makes it the most recent: "c" is next to go.
    keepView("b", drawn("b"));
    remember("f");
    keepView("f", drawn("f"));
    expect(cachedChat("c")?.view).toBeUndefined();
    expect(cachedChat("b")?.view).toEqual({ id: "b" });
  });

  it("does not keep the drawn view of a long thread (its DOM is too big to hold)", () => {
    const message = { id: "m", role: "user", parts: [{ type: "text", text: "长" }] } as unknown as ChatMessage;
    rememberChat({ session: session("long"), messages: Array.from({ length: 301 }, () => message), olderCursor: null });
    expect(keepView("long", drawn("long"))).toBe(false);
    expect(cachedChat("long")?.view).toBeUndefined();
    rememberChat({ session: session("long"), messages: Array.from({ length: 300 }, () => message), olderCursor: null });
    expect(keepView("long", drawn("long"))).toBe(true);
    expect(cachedChat("long")?.view).toEqual({ id: "long" });
  });

  it("ignores a drawing of a chat it does not hold, and forgets on request", () => {
    keepView("x", drawn("x"));
    expect(cachedChat("x")).toBeUndefined();
    remember("y");
    keepView("y", drawn("y"));
    forgetChat("y");
    expect(cachedChat("y")).toBeUndefined();
    remember("z");
    forgetAllChats();
    expect(cachedChat("z")).toBeUndefined();
  });
});
