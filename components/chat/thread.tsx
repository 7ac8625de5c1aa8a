"use client";
// The scrolling list of messages: follows the stream, loads older pages as the
// reader nears the top (keeping what they read in place; a button does the same
// for keyboards), and offers a way back to the latest message.
import { uiMessageChunkSchema } from "ai";
import { ArrowDown } from "lucide-react";
import { useTranslations } from "next-intl";
import { memo, startTransition, useCallback, useDeferredValue, useEffect, useLayoutEffect, useRef, useState, type ReactNode } from "react";
import { isHydrated } from "../lib/hydration";
import { createStore } from "../lib/store";
import { useStableCallback } from "../lib/use-stable-callback";
import type { ChatMessage } from "../lib/types";
import { MessageItem, type MessageActions } from "./message-item";
import { preloadMarkdown } from "./message-parts";
import { ThreadBusy } from "./thread-busy";
import { useMessageChunks, type MessageChunk } from "./use-message-chunks";
import { useStickToBottom } from "./use-stick-to-bottom";

type Props = {
  messages: ChatMessage[];
  /** A reply is being requested or streamed. */
  running: boolean;
  actions: MessageActions;
  /** Older messages exist on the server, and how to fetch the next page of them (prepended; false when none came). */
  hasOlder: boolean;
  onLoadOlder: () => Promise<boolean>;
  empty: ReactNode;
};

/** How far above the top of the view older messages start loading. */
const LOAD_AHEAD_PX = 600;
/** The kinds of stream chunk every reply has (checked once while idle, so the first reply's are not the first). */
const REPLY_CHUNKS = [
  { type: "start" },
  { type: "start-step" },
  { type: "text-start", id: "0" },
  { type: "text-delta", id: "0", delta: "" },
  { type: "text-end", id: "0" },
  { type: "finish-step" },
  { type: "finish", finishReason: "stop" },
];
/** Drawn first when a thread is drawn in the browser (more than a screenful). */
const FIRST_PAINT = 2;

export function Thread({ messages: latest, running, actions, hasOlder: olderOnServer, onLoadOlder, empty }: Props) {
  const t = useTranslations("chat.thread");
  // Each streamed update is drawn in a render React may interrupt and drop for a newer
  // one: a slow device draws fewer, later frames of the reply instead of queueing long
  // tasks, and keystrokes and clicks go first.
  const all = useDeferredValue(latest);
  // A thread drawn in the browser (a chat opened from the list or from the cache) paints
  // its last messages first and the rest right after, so it shows at once. While the
  // page hydrates the whole thread is drawn: it must match what the server sent.
  const [whole, setWhole] = useState(() => !isHydrated() || all.length <= FIRST_PAINT);
  useEffect(() => {
    if (!whole) startTransition(() => setWhole(true));
  }, [whole]);
  const messages = whole ? all : all.slice(-FIRST_PAINT);
  const hasOlder = olderOnServer && whole;
  const { scrollRef, contentRef, atBottom, follow } = useStickToBottom();
  const topRef = useRef<HTMLDivElement>(null);
  const loading = useRef(false);
  /** An older page was asked for: when it is prepended, the reader's place is put back. */
  const prepending = useRef(false);
  /** Where the reader is, as distance from the bottom: what stays the same when content is added above. */
  const fromBottom = useRef(0);
  const firstId = messages[0]?.id;
  // The latest loader, without making loadOlder (and the observer below) new on every render.
  const loadPage = useStableCallback(onLoadOlder);

  useEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    const track = () => void (fromBottom.current = element.scrollHeight - element.scrollTop);
    track();
    element.addEventListener("scroll", track, { passive: true });
    return () => element.removeEventListener("scroll", track);
  }, [scrollRef]);

  const loadOlder = useCallback(async () => {
    const element = scrollRef.current;
    if (!element || loading.current) return;
    loading.current = true;
    prepending.current = true;
    fromBottom.current = element.scrollHeight - element.scrollTop;
    try {
      // Nothing came (an error, shown as a notice): no later change of the first message is a prepend.
      if (!(await loadPage())) prepending.current = false;
    } finally {
      loading.current = false;
    }
  }, [scrollRef, loadPage]);

  // Older messages arrived: put the reader back where they are now (they may have scrolled
  // while the page loaded), before the browser paints. At the very top browsers do not
  // anchor the scroll position themselves; elsewhere this agrees with their anchoring.
  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (!element || !prepending.current) return;
    prepending.current = false;
    element.scrollTop = element.scrollHeight - fromBottom.current;
  }, [firstId, scrollRef]);

  // Nearing the top loads the next older page (again after each page, while the top stays near).
  useEffect(() => {
    const root = scrollRef.current;
    const top = topRef.current;
    if (!root || !top || !hasOlder) return;
    const observer = new IntersectionObserver((entries) => entries.some((entry) => entry.isIntersecting) && void loadOlder(), {
      root,
      rootMargin: `${LOAD_AHEAD_PX}px 0px 0px 0px`,
    });
    observer.observe(top);
    return () => observer.disconnect();
  }, [hasOlder, loadOlder, firstId, scrollRef]);
  const last = messages.at(-1);
  const lastReplyId = last?.role === "assistant" ? last.id : null;
  const waiting = running && last?.role === "user";
  const chunks = useMessageChunks(messages);
  const [busy] = useState(() => createStore(running));
  useLayoutEffect(() => busy.set(running), [busy, running]);

  // Once the page is interactive, get ready for the replies to come: fetch the Markdown
  // renderer, and build the AI SDK's check of stream chunks (built on first use, it
  // would otherwise hold up the first reply's first tokens).
  useEffect(() => {
    const prepare = () => {
      preloadMarkdown();
      const { validate } = uiMessageChunkSchema();
      for (const chunk of REPLY_CHUNKS) void validate?.(chunk);
    };
    if (!("requestIdleCallback" in window)) return void setTimeout(prepare, 500); // Safari
    const idle = requestIdleCallback(prepare, { timeout: 2_000 });
    return () => cancelIdleCallback(idle);
  }, []);

  // A message sent by the reader brings them back to the end.
  const lastUserId = messages.findLast((m) => m.role === "user")?.id;
  useEffect(() => {
    if (lastUserId) follow("instant");
  }, [lastUserId, follow]);

  return (
    <div className="relative min-h-0 flex-1">
      {/* The browser's own scroll anchoring then keeps the place while the older messages settle. */}
      <div ref={scrollRef} className="h-full overflow-y-auto overscroll-contain" data-testid="thread" data-thread-scroller>
        <div ref={contentRef} className="mx-auto flex max-w-3xl flex-col gap-4 px-4 pt-6 pb-10">
          <div ref={topRef} aria-hidden />
          {hasOlder && (
            <button type="button" onClick={() => void loadOlder()} className="self-center rounded-full border px-3 py-1 text-xs text-muted-foreground hover:bg-muted">
              {t("loadEarlier")}
            </button>
          )}
          {messages.length === 0 && empty}
          <ThreadBusy value={busy}>
            {chunks.map((chunk) => {
              // Only the group holding the last reply hears of it (and of whether it runs).
              const holdsLast = chunk.messages.at(-1)?.id === lastReplyId;
              return <Chunk key={chunk.key} messages={chunk.messages} lastReplyId={holdsLast ? lastReplyId : null} running={holdsLast && running} actions={actions} />;
            })}
          </ThreadBusy>
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
          {t("jumpToLatest")}
        </button>
      )}
    </div>
  );
}

type ChunkProps = Pick<MessageChunk, "messages"> & { lastReplyId: string | null; running: boolean; actions: MessageActions };

/** A group of messages: drawn again only when one of them changes (the streaming reply's group, mostly). */
const Chunk = memo(function Chunk({ messages, lastReplyId, running, actions }: ChunkProps) {
  return (
    <div className="message-chunk">
      {messages.map((message) => (
        <MessageItem key={message.id} message={message} live={running && message.id === lastReplyId} last={message.id === lastReplyId} actions={actions} />
      ))}
    </div>
  );
});

function TypingIndicator() {
  const t = useTranslations("chat.thread");
  return (
    <div role="status" aria-label={t("waiting")} className="flex gap-1 py-2">
      {[0, 150, 300].map((delay) => (
        <span key={delay} className="size-2 animate-bounce rounded-full bg-muted-foreground/60" style={{ animationDelay: `${delay}ms` }} />
      ))}
    </div>
  );
}
