"use client";
// The scrolling list of messages: follows the stream, offers older pages and a
// way back to the latest message.
import { ArrowDown } from "lucide-react";
import { useEffect, type ReactNode } from "react";
import type { ChatMessage } from "../lib/types";
import { MessageItem, type MessageActions } from "./message-item";
import { preloadMarkdown } from "./message-parts";
import { useStickToBottom } from "./use-stick-to-bottom";

type Props = {
  messages: ChatMessage[];
  /** A reply is being requested or streamed. */
  running: boolean;
  actions: MessageActions;
  olderControl: ReactNode;
  empty: ReactNode;
};

export function Thread({ messages, running, actions, olderControl, empty }: Props) {
  const { scrollRef, contentRef, atBottom, follow } = useStickToBottom();
  const last = messages.at(-1);
  const lastReplyId = last?.role === "assistant" ? last.id : null;
  const waiting = running && last?.role === "user";

  // Once the page is interactive, fetch the Markdown renderer for the replies to come.
  useEffect(() => {
    if (!("requestIdleCallback" in window)) return void setTimeout(preloadMarkdown, 500); // Safari
    const idle = requestIdleCallback(preloadMarkdown, { timeout: 2_000 });
    return () => cancelIdleCallback(idle);
  }, []);

  // A message sent by the reader brings them back to the end.
  const lastUserId = messages.findLast((m) => m.role === "user")?.id;
  useEffect(() => {
    if (lastUserId) follow("instant");
  }, [lastUserId, follow]);

  return (
    <div className="relative min-h-0 flex-1">
      <div ref={scrollRef} className="h-full overflow-y-auto overscroll-contain" data-testid="thread">
        <div ref={contentRef} className="mx-auto flex max-w-3xl flex-col gap-4 px-4 pt-6 pb-10">
          {olderControl}
          {messages.length === 0 && empty}
          {messages.map((message) => (
            <MessageItem
              key={message.id}
              message={message}
              live={running && message.id === lastReplyId}
              last={message.id === lastReplyId}
              busy={running}
              actions={actions}
            />
          ))}
          {waiting && <TypingIndicator />}
        </div>
      </div>
      {!atBottom && (
        <button
          type="button"
          onClick={() => follow()}
          className="absolute bottom-3 left-1/2 inline-flex -translate-x-1/2 items-center gap-1.5 rounded-full border bg-background px-3 py-1.5 text-xs font-medium shadow-md hover:bg-muted"
        >
          <ArrowDown className="size-3.5" aria-hidden />
          Jump to latest
        </button>
      )}
    </div>
  );
}

function TypingIndicator() {
  return (
    <div role="status" aria-label="Waiting for the reply" className="flex gap-1 py-2">
      {[0, 150, 300].map((delay) => (
        <span key={delay} className="size-2 animate-bounce rounded-full bg-muted-foreground/60" style={{ animationDelay: `${delay}ms` }} />
      ))}
    </div>
  );
}
