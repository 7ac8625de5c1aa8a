"use client";
// A long thread's messages in fixed groups. Each group is one memoized component and
// one `content-visibility: auto` box, so per streamed chunk React compares and the
// browser lays out, paints and intersects a few dozen groups instead of every message.
// A message stays in the group it was first put in: older pages get new groups before
// the first one, new messages fill the last group, then start another (a message
// moving between groups would be mounted again and its Markdown rendered again).
import { useMemo, useState } from "react";
import type { ChatMessage } from "../lib/types";

export type MessageChunk = { key: string; messages: ChatMessage[] };

const CHUNK_SIZE = 20;

type NumberedChunk = MessageChunk & { number: number };

export function useMessageChunks(messages: ChatMessage[]): MessageChunk[] {
  const [chunker] = useState(() => new Chunker());
  return useMemo(() => chunker.group(messages), [chunker, messages]);
}

/** Remembers which group each message went into, and each group's last array. */
export class Chunker {
  private groupOf = new Map<string, number>();
  private previous = new Map<number, ChatMessage[]>();
  private last: { messages: ChatMessage[]; chunks: NumberedChunk[] } | null = null;

  group(messages: ChatMessage[]): MessageChunk[] {
    const chunks = this.streamed(messages) ?? this.regroup(messages);
    this.last = { messages, chunks };
    return chunks;
  }

  /** While a reply streams only the last message changes: only the last group gets a new array. */
  private streamed(messages: ChatMessage[]): NumberedChunk[] | null {
    const last = this.last;
    if (!last || last.messages.length !== messages.length || messages.length === 0) return null;
    const end = messages.length - 1;
    if (messages[end]!.id !== last.messages[end]!.id) return null;
    for (let i = 0; i < end; i++) if (messages[i] !== last.messages[i]) return null;
    if (messages[end] === last.messages[end]) return last.chunks;
    const tail = last.chunks.at(-1)!;
    const updated = { ...tail, messages: [...tail.messages.slice(0, -1), messages[end]!] };
    this.previous.set(tail.number, updated.messages);
    return [...last.chunks.slice(0, -1), updated];
  }

  private regroup(messages: ChatMessage[]): NumberedChunk[] {
    let numbers = assign(messages, this.groupOf);
    // Messages out of their groups' order (the thread was replaced): group them afresh.
    if (numbers.some((n, i) => i > 0 && n < numbers[i - 1]!)) {
      this.groupOf.clear();
      numbers = assign(messages, this.groupOf);
    }
    const chunks: NumberedChunk[] = [];
    messages.forEach((message, i) => {
      const number = numbers[i]!;
      if (chunks.at(-1)?.number !== number) chunks.push({ key: `chunk-${number}`, number, messages: [] });
      chunks.at(-1)!.messages.push(message);
    });
    // A group whose messages are all the same objects as before keeps its array, so its
    // memoized component does not render again.
    const next = new Map<number, ChatMessage[]>();
    for (const chunk of chunks) {
      const before = this.previous.get(chunk.number);
      if (before && before.length === chunk.messages.length && before.every((m, i) => m === chunk.messages[i])) chunk.messages = before;
      next.set(chunk.number, chunk.messages);
    }
    this.previous = next;
    return chunks;
  }
}

/** Each message's group number, giving the unplaced ones a group (and remembering it). */
function assign(messages: ChatMessage[], groupOf: Map<string, number>): number[] {
  const numbers = messages.map((m) => groupOf.get(m.id));
  const firstPlaced = numbers.findIndex((n) => n !== undefined);
  if (firstPlaced === -1) {
    messages.forEach((m, i) => groupOf.set(m.id, Math.floor(i / CHUNK_SIZE)));
    return messages.map((m) => groupOf.get(m.id)!);
  }
  // Before the first placed message (an older page): whole groups, counting back.
  for (let i = firstPlaced - 1; i >= 0; i--) {
    const group = numbers[firstPlaced]! - 1 - Math.floor((firstPlaced - 1 - i) / CHUNK_SIZE);
    numbers[i] = group;
    groupOf.set(messages[i]!.id, group);
  }
  // After it: with the message before, while that group has room.
  const sizes = new Map<number, number>();
  for (let i = 0; i < messages.length; i++) {
    let group = numbers[i];
    if (group === undefined) {
      const before = numbers[i - 1]!;
      group = (sizes.get(before) ?? 0) < CHUNK_SIZE ? before : before + 1;
      numbers[i] = group;
      groupOf.set(messages[i]!.id, group);
    }
    sizes.set(group, (sizes.get(group) ?? 0) + 1);
  }
  return numbers as number[];
}
