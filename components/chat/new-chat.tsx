"use client";
import { usePathname, useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { useApp } from "../app/app-context";
import { CachedChatView } from "./cached-chat-view";
import { cachedChat } from "./chat-cache";
import { ChatView } from "./chat-view";

/** An empty chat; "new chat" starts it over even when the page is already "/". */
export function NewChat() {
  const { newChatKey } = useApp();
  const router = useRouter();
  const pathname = usePathname();
  // The chat this view created (its address became the chat's own, in place), until the
  // address is "/" again (a new chat).
  const [created, setCreated] = useState<string | null>(null);
  const [seenPath, setSeenPath] = useState(pathname);
  if (seenPath !== pathname) {
    setSeenPath(pathname);
    if (pathname === "/") setCreated(null);
  }
  // That in-place change leaves this page in the chat's history entry, so Back or Forward
  // to a chat started here brings this page with that chat's address: show the chat from
  // the cache and load its own page.
  const addressed = pathname.startsWith("/c/") ? pathname.slice(3) : null;
  const stranded = addressed !== null && addressed !== created ? addressed : null;
  useEffect(() => {
    if (stranded) router.replace(`/c/${stranded}`);
  }, [stranded, router]);
  if (stranded) {
    const cached = cachedChat(stranded);
    return cached ? <CachedChatView chat={cached} /> : null;
  }
  return (
    <ChatView
      key={newChatKey}
      session={null}
      initialMessages={[]}
      olderCursor={null}
      onCreated={setCreated}
    />
  );
}
