// Stored messages as chat messages, and what the UI reads off them.
import type { ChatMessage, MessageMeta, MessageStatus, MessageView } from "./types";

/** A stored message as the chat shows it; `versions` are its versions' ids when it has several. */
export function toChatMessage(view: MessageView, versions?: string[]): ChatMessage {
  const metadata: MessageMeta = {
    model: view.model ?? undefined,
    createdAt: view.createdAt,
    usage: view.usage ?? undefined,
    cost: view.cost,
    finishReason: view.finishReason ?? undefined,
    status: view.status,
    error: view.error,
    ...(versions ? { versions } : {}),
  };
  return { id: view.id, role: view.role, parts: view.parts as ChatMessage["parts"], metadata };
}

export function messageText(message: ChatMessage): string {
  return message.parts
    .filter((part) => part.type === "text")
    .map((part) => part.text)
    .join("\n\n");
}

/** How a message ended; a live reply has no status until it ends badly. */
export function statusOf(message: ChatMessage): MessageStatus {
  return message.metadata?.status ?? "complete";
}

export function markMessage(message: ChatMessage, meta: MessageMeta): ChatMessage {
  return { ...message, metadata: { ...message.metadata, ...meta } };
}

/** fetch() rejects with a TypeError when the network fails (not on HTTP errors). */
export function isNetworkError(error: unknown): boolean {
  return error instanceof TypeError && /fetch|network|load failed/i.test(error.message);
}

/** A page of the thread as chat messages, each knowing its versions. */
export function pageMessages(page: { messages: MessageView[]; versions?: Record<string, string[]> }): ChatMessage[] {
  return page.messages.map((view) => toChatMessage(view, page.versions?.[view.id]));
}
