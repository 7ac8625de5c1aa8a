// Shapes the browser sees: the API's views (type-only imports: nothing of lib/ is bundled)
// and the UI message type the chat components work with.
import type { UIMessage } from "ai";
import type { UserView } from "@/lib/account";
import type { ModelInfo } from "@/lib/ai/providers";
import type { SessionListItem } from "@/lib/chat/sessions";
import type { ReplyMetadata } from "@/lib/chat/turn";
import type { RoleView } from "@/lib/roles";
import type { MessageView, SessionView } from "@/lib/views";

export type { MessageView, ModelInfo, RoleView, SessionListItem, SessionView, UserView };

export type MessageStatus = MessageView["status"];

/** What a chat message carries besides its parts: the reply's metadata, and how it ended. */
export type MessageMeta = ReplyMetadata & {
  /** Absent while a reply streams live; set from the stored message or when it stops or fails. */
  status?: MessageStatus;
  error?: string | null;
  /** Every version of this message (edits, regenerations), oldest first, when it has more than one. */
  versions?: string[];
};

export type TitleData = { sessionId: string; title: string };

export type ChatMessage = UIMessage<MessageMeta, { title: TitleData }>;
