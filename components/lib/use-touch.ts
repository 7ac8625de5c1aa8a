"use client";
// Whether the main pointer is a finger (a phone or tablet): no keyboard shortcuts to
// advertise, and Enter on a touch keyboard is a new line (the button sends).
import { useSyncExternalStore } from "react";

const QUERY = "(pointer: coarse)";

export function isTouch(): boolean {
  return typeof window !== "undefined" && window.matchMedia(QUERY).matches;
}

function subscribe(listener: () => void): () => void {
  const media = window.matchMedia(QUERY);
  media.addEventListener("change", listener);
  return () => media.removeEventListener("change", listener);
}

/** False on the server and during hydration, then the device's answer. */
export function useTouch(): boolean {
  return useSyncExternalStore(subscribe, isTouch, () => false);
}
