"use client";
import { useEffect, useRef } from "react";

/** Calls `load` whenever the returned sentinel element scrolls into view (and `enabled`). */
export function useInfiniteScroll<T extends HTMLElement>(load: () => Promise<void>, enabled: boolean) {
  const sentinel = useRef<T>(null);
  useEffect(() => {
    const element = sentinel.current;
    if (!element || !enabled) return;
    let loading = false;
    const observer = new IntersectionObserver(
      async (entries) => {
        if (loading || !entries.some((entry) => entry.isIntersecting)) return;
        loading = true;
        try {
          await load();
        } finally {
          loading = false;
        }
      },
      { rootMargin: "200px" },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [load, enabled]);
  return sentinel;
}
