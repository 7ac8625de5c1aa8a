"use client";
// A shared chat's messages, read-only: the app's message rendering without its actions.
import { CircleAlert } from "lucide-react";
import { useTranslations } from "next-intl";
import type { SharedMessage } from "@/lib/shares";
import { MessageFiles } from "../chat/message-files";
import { MessageParts } from "../chat/message-parts";
import { messageText } from "../lib/messages";
import type { ChatMessage } from "../lib/types";

export function SharedThread({ shareId, messages }: { shareId: string; messages: SharedMessage[] }) {
  // Attachments are read through the share: /api/files is for their owner only.
  const t = useTranslations("share.thread");
  const fileUrl = (url: string) => `/s/${shareId}/files/${url.split("/").pop()}`;
  if (messages.length === 0) return <p className="text-muted-foreground">{t("empty")}</p>;
  return (
    <div className="flex flex-col gap-6">
      {messages.map((shared) => {
        const message: ChatMessage = { id: shared.id, role: shared.role, parts: shared.parts as ChatMessage["parts"], metadata: { status: shared.status, error: shared.error, model: shared.model ?? undefined } };
        if (message.role === "user") {
          return (
            <article key={message.id} aria-label={t("message")} data-role="user" className="flex flex-col items-end">
              <MessageFiles message={message} href={fileUrl} />
              {messageText(message) && <div className="max-w-[85%] rounded-2xl bg-muted px-4 py-2.5 whitespace-pre-wrap break-words">{messageText(message)}</div>}
            </article>
          );
        }
        return (
          <article key={message.id} aria-label={t("reply")} data-role="assistant" data-status={shared.status} className="min-w-0">
            <MessageParts message={message} live={false} />
            {shared.status === "error" && (
              <p className="my-2 flex items-start gap-2 rounded-lg border border-danger/40 bg-danger-soft px-3 py-2 text-sm text-danger">
                <CircleAlert className="mt-0.5 size-4 shrink-0" aria-hidden />
                {shared.error ?? t("failed")}
              </p>
            )}
            {shared.model && <p className="mt-1 text-xs text-muted-foreground">{shared.model}</p>}
          </article>
        );
      })}
    </div>
  );
}
