// The thread's groups of messages stay put: a group's array is the same object until one
// of its own messages changes, whatever is added before or after it.
import { describe, expect, it } from "vitest";
import type { ChatMessage } from "../../components/lib/types";
import { Chunker } from "../../components/chat/use-message-chunks";

const message = (id: string, text = `text ${id}`): ChatMessage => ({ id, role: Number(id.slice(1)) % 2 ? "assistant" : "user", parts: [{ type: "text", text }] }) as ChatMessage;
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => message(`m${from + i}`));
const ids = (chunks: { messages: ChatMessage[] }[]) => chunks.map((c) => c.messages.map((m) => m.id).join(","));

describe("grouping a thread's messages", () => {
  it("puts 20 messages in a group, in order", () => {
    const chunks = new Chunker().group(range(0, 45));
    expect(chunks.map((c) => c.messages.length)).toEqual([20, 20, 5]);
    expect(chunks.flatMap((c) => c.messages.map((m) => m.id))).toEqual(range(0, 45).map((m) => m.id));
    expect(new Set(chunks.map((c) => c.key)).size).toBe(3);
  });

  it("keeps every group when an older page comes before them", () => {
    const chunker = new Chunker();
    const page = range(50, 100);
    const before = chunker.group(page);
    const after = chunker.group([...range(0, 50), ...page]);
    // The page's groups are the same arrays (their components do not render again) …
    for (const chunk of before) expect(after.find((c) => c.key === chunk.key)?.messages).toBe(chunk.messages);
    // … and the older messages are in groups of their own before them.
    expect(after.slice(0, after.length - before.length).flatMap((c) => c.messages.map((m) => m.id))).toEqual(range(0, 50).map((m) => m.id));
    expect(after.every((c) => c.messages.length <= 20)).toBe(true);
  });

  it("fills the last group with new messages, then starts another; only the changed group is a new array", () => {
    const chunker = new Chunker();
    const thread = range(0, 38);
    const first = chunker.group(thread);
    const grown = chunker.group([...thread, message("m38")]);
    expect(grown[0]!.messages).toBe(first[0]!.messages);
    expect(grown[1]!.messages).not.toBe(first[1]!.messages);
    expect(ids(grown)[1]).toBe(range(20, 39).map((m) => m.id).join(","));
    // A streaming reply: its message object changes on every chunk, its group alone follows.
    const streaming = chunker.group([...thread, message("m38"), message("m39", "a")]);
    const more = chunker.group([...thread, message("m38"), message("m39", "a b")]);
    expect(more[0]!.messages).toBe(streaming[0]!.messages);
    expect(more[1]!.messages).not.toBe(streaming[1]!.messages);
    const next = chunker.group([...thread, message("m38"), message("m39"), message("m40")]);
    expect(next.map((c) => c.messages.length)).toEqual([20, 20, 1]);
  });

  it("follows a streaming reply by replacing its message in the last group only, and grows on from there", () => {
    const chunker = new Chunker();
    const thread = range(0, 39);
    const first = chunker.group([...thread, message("m39", "a")]);
    const streamed = chunker.group([...thread, message("m39", "a b")]);
    expect(streamed.map((c) => c.key)).toEqual(first.map((c) => c.key));
    expect(streamed[0]!.messages).toBe(first[0]!.messages);
    expect(streamed[1]!.messages).not.toBe(first[1]!.messages);
    expect(streamed[1]!.messages.at(-1)!.parts).toEqual([{ type: "text", text: "a b" }]);
    expect(ids(streamed)).toEqual(ids(first));
    // The same array again: the same groups.
    const final = [...thread, message("m39", "a b c")];
    const done = chunker.group(final);
    expect(chunker.group(final)).toBe(done);
    // The next exchange starts a group; the finished one keeps its array.
    const next = chunker.group([...final, message("m40"), message("m41")]);
    expect(next.map((c) => c.messages.length)).toEqual([20, 20, 2]);
    expect(next[1]!.messages).toBe(done[1]!.messages);
  });

  it("keeps a message in its group when the thread is read again from the server", () => {
    const chunker = new Chunker();
    const before = chunker.group(range(0, 30));
    const after = chunker.group(range(0, 30)); // same ids, new objects
    expect(after.map((c) => c.key)).toEqual(before.map((c) => c.key));
    expect(ids(after)).toEqual(ids(before));
  });

  it("groups afresh a thread whose messages came back in another order", () => {
    const chunker = new Chunker();
    chunker.group(range(0, 40));
    const reversed = range(0, 40).reverse();
    const chunks = chunker.group(reversed);
    expect(chunks.flatMap((c) => c.messages.map((m) => m.id))).toEqual(reversed.map((m) => m.id));
    expect(chunks.map((c) => c.messages.length)).toEqual([20, 20]);
  });
});
