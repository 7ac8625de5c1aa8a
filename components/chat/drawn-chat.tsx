"use client";
// A chat left a moment ago, put back as it was drawn (its detached DOM, kept by
// chat-cache): shown while its page comes from the server (the shell's preview), or
// while its live view is drawn in a render that yields (the router had the page).
// Moving nodes back into the document costs a fraction of drawing its messages again,
// which on a slow phone is most of what a switch takes. Read only; nothing in it runs.
import { useLayoutEffect, useRef } from "react";
import { settleView, thawView, threadScroller } from "./drawn-view";

export function DrawnChat({ view }: { view: HTMLElement }) {
  const holder = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    settleView(view);
    holder.current?.replaceChildren(view);
    // A scroller taken out of the document forgets where it was: at the end, as a chat opens.
    const thread = threadScroller(view);
    if (thread) thread.scrollTop = thread.scrollHeight;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => (timer = setTimeout(() => thawView(view))));
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
      thawView(view);
      view.remove();
    };
  }, [view]);
  return <div ref={holder} className="flex h-full min-h-0 flex-col" inert data-preview data-drawn />;
}
