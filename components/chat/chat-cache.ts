// The chats opened in this tab, as last shown: opening one again shows it at once
// while its page comes from the server (which then replaces it). Kept in memory
// only, for the most recently shown chats. The few most recently left also keep
// their view as it was drawn (its detached DOM, see DrawnChat): put back as it is,
// it shows in a fraction of the time that drawing it again takes on a slow phone.
import type { ChatMessage, SessionView } from "../lib/types";

export type CachedChat = { session: SessionView; messages: ChatMessage[]; olderCursor: string | null; view?: HTMLElement };

const LIMIT = 20;
/** Drawn views kept: each holds its whole DOM (a long thread's is megabytes). */
const VIEW_LIMIT = 4;
/** Longer threads are not kept as drawn (their DOM is tens of megabytes); they open from their messages. */
const VIEW_MAX_MESSAGES = 300;
const chats = new Map<string, CachedChat>();

/** What the chat shows now; a view kept as drawn before is stale and let go. */
export function rememberChat(chat: Omit<CachedChat, "view">): void {
  chats.delete(chat.session.id); // re-inserted: a Map keeps insertion order, oldest first
  chats.set(chat.session.id, chat);
  if (chats.size > LIMIT) chats.delete(chats.keys().next().value!);
}

/** The chat's view, as drawn when the reader left it (unmounted: no longer React's); whether it is kept. */
export function keepView(sessionId: string, view: HTMLElement): boolean {
  const chat = chats.get(sessionId);
  if (!chat || chat.messages.length > VIEW_MAX_MESSAGES) return false;
  chats.delete(sessionId);
  chats.set(sessionId, { ...chat, view });
  let kept = 0;
  for (const cached of [...chats.values()].reverse()) if (cached.view && ++kept > VIEW_LIMIT) delete cached.view;
  return true;
}

export const cachedChat = (sessionId: string): CachedChat | undefined => chats.get(sessionId);

export function forgetChat(sessionId: string): void {
  chats.delete(sessionId);
}

/** Another identity (log out, log in) must not see this one's chats. */
export function forgetAllChats(): void {
  chats.clear();
}
