"use client";
import { useApp } from "../app/app-context";
import { ChatView } from "./chat-view";

/** An empty chat; "new chat" starts it over even when the page is already "/". */
export function NewChat() {
  const { newChatKey } = useApp();
  return <ChatView key={newChatKey} session={null} initialMessages={[]} olderCursor={null} />;
}
