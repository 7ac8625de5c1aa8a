// localStorage that never throws (private mode, quota, no window during SSR),
// readable through useSyncExternalStore so a stored value never breaks hydration.
import { useSyncExternalStore } from "react";

/** Values the browser would not store (storage full or disabled): they live for this page only. */
const unsaved = new Map<string, string | null>();

export function readStored(key: string): string | null {
  if (unsaved.has(key)) return unsaved.get(key)!;
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

const listeners = new Set<() => void>();

export function writeStored(key: string, value: string | null): void {
  try {
    if (value === null || value === "") window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, value);
    unsaved.delete(key);
  } catch {
    unsaved.set(key, value);
  }
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener("storage", listener); // other tabs
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", listener);
  };
}

/** The stored value, live; null on the server and during hydration. */
export function useStored(key: string): string | null {
  return useSyncExternalStore(subscribe, () => readStored(key), () => null);
}

export const draftKey = (sessionId: string | null) => `parley:draft:${sessionId ?? "new"}`;
