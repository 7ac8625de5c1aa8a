"use client";
// A chat from the tab's cache while its page loads (see chat-cache).
import type { CachedChat } from "./chat-cache";
import { ChatView } from "./chat-view";
import { DrawnChat } from "./drawn-chat";

/** As drawn when it was left, or else drawn from its messages; read only either way. */
export function CachedChatView({ chat }: { chat: CachedChat }) {
  if (chat.view) return <DrawnChat key={`drawn-${chat.session.id}`} view={chat.view} />;
  return (
    <ChatView
      key={`preview-${chat.session.id}`}
      preview
      session={chat.session}
      initialMessages={[]}
      cachedMessages={chat.messages}
      olderCursor={chat.olderCursor}
    />
  );
}
