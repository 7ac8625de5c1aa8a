// The sidebar's list of sessions, shared with the chat (new sessions, live titles,
// activity): pinned first, then by last activity, as the API orders them.
import { api } from "../lib/api";
import { createStore, useStore } from "../lib/store";
import { SESSIONS_PAGE_SIZE } from "../lib/paging";
import type { SessionListItem, SessionView } from "../lib/types";

type State = { items: SessionListItem[]; nextCursor: string | null };

type Action =
  | { type: "append"; items: SessionListItem[]; nextCursor: string | null }
  | { type: "upsert"; session: SessionView }
  | { type: "patch"; id: string; fields: Partial<SessionView> }
  | { type: "remove"; id: string };

function byListOrder(a: SessionView, b: SessionView): number {
  if (a.pinned !== b.pinned) return a.pinned ? -1 : 1;
  if (a.lastMessageAt !== b.lastMessageAt) return a.lastMessageAt < b.lastMessageAt ? 1 : -1;
  return a.id < b.id ? 1 : -1;
}

function reducer(state: State, action: Action): State {
  switch (action.type) {
    case "append": {
      // A session moved to the top locally may come again in a later page.
      const known = new Set(state.items.map((s) => s.id));
      return { items: [...state.items, ...action.items.filter((s) => !known.has(s.id))], nextCursor: action.nextCursor };
    }
    case "upsert": {
      const rest = state.items.filter((s) => s.id !== action.session.id);
      const old = state.items.find((s) => s.id === action.session.id);
      return { ...state, items: [...rest, { ...action.session, snippet: old?.snippet ?? null }].sort(byListOrder) };
    }
    case "patch":
      return { ...state, items: state.items.map((s) => (s.id === action.id ? { ...s, ...action.fields } : s)).sort(byListOrder) };
    case "remove":
      return { ...state, items: state.items.filter((s) => s.id !== action.id) };
  }
}

export type SessionsStore = {
  /** The list as it is now (read in render with useSessionList, which follows changes). */
  get(): State;
  subscribe(listener: () => void): () => void;
  upsert(session: SessionView): void;
  patch(id: string, fields: Partial<SessionView>): void;
  remove(id: string): void;
  loadMore(): Promise<void>;
};

/** One store for the shell's lifetime: the context that hands it down never changes. */
export function createSessionsStore(initial: State): SessionsStore {
  const store = createStore(initial);
  const dispatch = (action: Action) => store.set(reducer(store.get(), action));
  return {
    get: store.get,
    subscribe: store.subscribe,
    upsert: (session) => dispatch({ type: "upsert", session }),
    patch: (id, fields) => dispatch({ type: "patch", id, fields }),
    remove: (id) => dispatch({ type: "remove", id }),
    async loadMore() {
      const { nextCursor } = store.get();
      if (!nextCursor) return;
      const page = await api<{ sessions: SessionListItem[]; nextCursor: string | null }>(
        `/api/sessions?limit=${SESSIONS_PAGE_SIZE}&cursor=${encodeURIComponent(nextCursor)}`,
      );
      dispatch({ type: "append", items: page.sessions, nextCursor: page.nextCursor });
    },
  };
}

export const useSessionList = (store: SessionsStore): State => useStore(store);
