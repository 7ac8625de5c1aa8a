"use client";
// Follows the end of the thread while the reader is there; once they scroll up
// it stops (and the thread offers a "jump to latest" button) until they return.
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";

const NEAR_BOTTOM_PX = 48;

export function useStickToBottom() {
  const scrollRef = useRef<HTMLDivElement>(null);
  const contentRef = useRef<HTMLDivElement>(null);
  const stuck = useRef(true);
  const [atBottom, setAtBottom] = useState(true);

  const scrollToEnd = useCallback((behavior: ScrollBehavior = "instant") => {
    const element = scrollRef.current;
    if (element) element.scrollTo({ top: element.scrollHeight, behavior });
  }, []);

  // Open at the end of the thread, before the first paint.
  useLayoutEffect(() => scrollToEnd(), [scrollToEnd]);

  useEffect(() => {
    const element = scrollRef.current;
    const content = contentRef.current;
    if (!element || !content) return;
    let lastTop = element.scrollTop;
    const onScroll = () => {
      const near = element.scrollHeight - element.scrollTop - element.clientHeight < NEAR_BOTTOM_PX;
      // Moving up lets go; reaching the end (or a smooth scroll heading there) holds on.
      if (near) stuck.current = true;
      else if (element.scrollTop < lastTop) stuck.current = false;
      lastTop = element.scrollTop;
      setAtBottom(stuck.current);
    };
    // Scrolling up must win over content growing in the same frame.
    const onWheel = (event: WheelEvent) => {
      if (event.deltaY < 0) stuck.current = false;
    };
    const observer = new ResizeObserver(() => stuck.current && scrollToEnd());
    observer.observe(content);
    element.addEventListener("scroll", onScroll, { passive: true });
    element.addEventListener("wheel", onWheel, { passive: true });
    return () => {
      observer.disconnect();
      element.removeEventListener("scroll", onScroll);
      element.removeEventListener("wheel", onWheel);
    };
  }, [scrollToEnd]);

  /** Back to following the end (after sending, or from the button). */
  const follow = useCallback(
    (behavior: ScrollBehavior = "smooth") => {
      stuck.current = true;
      setAtBottom(true);
      scrollToEnd(behavior);
    },
    [scrollToEnd],
  );

  return { scrollRef, contentRef, atBottom, follow };
}
