"use client";
// A function that keeps its identity across renders and always calls the latest
// closure: for handlers handed to memoized children (the chat's header and composer,
// which would otherwise render again with every streamed chunk of a reply) and for
// callbacks that effects depend on (the thread's older-page observer).
import { useCallback, useLayoutEffect, useRef } from "react";

export function useStableCallback<Args extends unknown[], Result>(fn: (...args: Args) => Result): (...args: Args) => Result {
  const latest = useRef(fn);
  useLayoutEffect(() => {
    latest.current = fn;
  });
  return useCallback((...args: Args) => latest.current(...args), []);
}
