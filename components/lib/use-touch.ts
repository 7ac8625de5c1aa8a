"use client";
// Whether the main pointer is a finger (a phone or tablet): no keyboard shortcuts to
// advertise, and Enter on a touch keyboard is a new line (the button sends).
import { useSyncExternalStore } from "react";

const QUERY = "(pointer: coarse)";

/** One list for the page: `matches` is live, and matchMedia is costly to call on every render. */
let media: MediaQueryList | undefined;
const touchQuery = () => (media ??= window.matchMedia(QUERY));

export function isTouch(): boolean {
  return typeof window !== "undefined" && touchQuery().matches;
}

function subscribe(listener: () => void): () => void {
  const list = touchQuery();
  list.addEventListener("change", listener);
  return () => list.removeEventListener("change", listener);
}

/** False on the server and during hydration, then the device's answer. */
export function useTouch(): boolean {
  return useSyncExternalStore(subscribe, isTouch, () => false);
}
