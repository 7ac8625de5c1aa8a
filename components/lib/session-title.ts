// A chat's title as shown. Until the server names a chat it carries a placeholder,
// "New chat" (prisma/schema.prisma's default, lib/ai/title.ts's fallback), which the
// reader sees in their own language (`untitled`); every other title is the chat's own.
import type { SessionView } from "./types";

const PLACEHOLDER = "New chat";

export function sessionTitle(session: Pick<SessionView, "title" | "titleSource">, untitled: string): string {
  return session.titleSource === "auto" && session.title === PLACEHOLDER ? untitled : session.title;
}
