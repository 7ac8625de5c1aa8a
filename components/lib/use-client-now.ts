"use client";
// "Now" as the browser sees it (its clock, its time zone), for what the server
// cannot render the same way: null while the page hydrates, then the time the
// page first asked (one value for the whole page, so lists group consistently).
import { useSyncExternalStore } from "react";

let firstAsked: number | null = null;
const subscribe = () => () => {};
const clientNow = () => (firstAsked ??= Date.now());
const serverNow = () => null;

export function useClientNow(): number | null {
  return useSyncExternalStore(subscribe, clientNow, serverNow);
}
