// The chats opened in this tab, as last shown: opening one again shows it at once
// while its page comes from the server (which then replaces it). Kept in memory
// only, for the most recently shown chats.
import type { ChatMessage, SessionView } from "../lib/types";

export type CachedChat = { session: SessionView; messages: ChatMessage[]; olderCursor: string | null };

const LIMIT = 20;
const chats = new Map<string, CachedChat>();

export function rememberChat(chat: CachedChat): void {
  chats.delete(chat.session.id); // re-inserted: a Map keeps insertion order, oldest first
  chats.set(chat.session.id, chat);
  if (chats.size > LIMIT) chats.delete(chats.keys().next().value!);
}

export const cachedChat = (sessionId: string): CachedChat | undefined => chats.get(sessionId);

export function forgetChat(sessionId: string): void {
  chats.delete(sessionId);
}

/** Another identity (log out, log in) must not see this one's chats. */
export function forgetAllChats(): void {
  chats.clear();
}
