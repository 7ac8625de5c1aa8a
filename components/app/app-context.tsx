"use client";
// What every screen shares: the user, the roles and models on offer, the
// session list, and the shell's own state (drawer, help, new-chat key).
import { createContext, useContext } from "react";
import type { ModelInfo, RoleView, SessionListItem, UserView } from "../lib/types";
import type { Store } from "../lib/store";
import type { SessionsStore } from "./sessions-store";

export type InitialData = {
  user: UserView | null;
  sessions: { items: SessionListItem[]; nextCursor: string | null };
  roles: RoleView[];
  models: ModelInfo[];
};

export type AppContextValue = {
  user: UserView | null;
  models: ModelInfo[];
  roles: RoleView[];
  setRoles: (update: (roles: RoleView[]) => RoleView[]) => void;
  sessions: SessionsStore;
  /** Changes on every "new chat", so the empty chat starts over even when already at "/". */
  newChatKey: number;
  startNewChat: () => void;
  /** A chat is being opened: shown at once if this tab has seen it, until its page arrives. */
  openChat: (sessionId: string) => void;
  /** The chat shown from the cache while its page loads, if any. */
  previewing: Store<string | null>;
  drawerOpen: boolean;
  setDrawerOpen: (open: boolean) => void;
  openHelp: () => void;
};

export const AppContext = createContext<AppContextValue | null>(null);

export function useApp(): AppContextValue {
  const value = useContext(AppContext);
  if (!value) throw new Error("useApp() outside <AppShell>");
  return value;
}
