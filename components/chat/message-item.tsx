"use client";
// One message of the thread. Memoized: a finished message keeps its object identity
// in useChat's state, so while a reply streams only the live message re-renders (and
// when one starts or ends, only the buttons that read useThreadBusy).
import { ChevronLeft, ChevronRight, CircleAlert, RotateCcw } from "lucide-react";
import { useTranslations } from "next-intl";
import { memo, useState } from "react";
import { messageText, statusOf } from "../lib/messages";
import type { ChatMessage } from "../lib/types";
import { CopyButton, EditButton, MessageTime, RegenerateButton, StatusBadge, useUsageText } from "./message-footer";
import { MessageFiles } from "./message-files";
import { MessageParts } from "./message-parts";
import { useThreadBusy } from "./thread-busy";

/** What a person can do to messages; one stable object for the whole thread. */
export type MessageActions = {
  /** False when it cannot be done now (a reply is running): the edit stays open. */
  edit: (messageId: string, text: string) => boolean;
  regenerate: () => void;
  /** Shows another version of a message (an edit, a regeneration) and what follows it. */
  showVersion: (messageId: string) => void;
};

type Props = {
  message: ChatMessage;
  /** This reply is streaming now. */
  live: boolean;
  /** The thread's last reply: it can be regenerated. */
  last: boolean;
  actions: MessageActions;
};

export const MessageItem = memo(function MessageItem({ message, live, last, actions }: Props) {
  return message.role === "user" ? <UserMessage message={message} actions={actions} /> : <AssistantMessage message={message} live={live} last={last} actions={actions} />;
});

function UserMessage({ message, actions }: Omit<Props, "live" | "last">) {
  const [editing, setEditing] = useState(false);
  const t = useTranslations("message");
  const text = messageText(message);
  if (editing) {
    return (
      <EditForm
        text={text}
        onCancel={() => setEditing(false)}
        onSubmit={(edited) => {
          if (actions.edit(message.id, edited)) setEditing(false);
        }}
      />
    );
  }
  return (
    <article aria-label={t("yours")} data-role="user" data-message-id={message.id} className="group finished-message flex flex-col items-end">
      <MessageFiles message={message} />
      {text && <div className="max-w-[85%] rounded-2xl bg-muted px-4 py-2.5 whitespace-pre-wrap break-words">{text}</div>}
      <div className="mt-1 flex items-center gap-0.5">
        <div className="flex gap-0.5 opacity-0 transition-opacity group-focus-within:opacity-100 group-hover:opacity-100 [@media(hover:none)]:opacity-100">
          <MessageTime createdAt={message.metadata?.createdAt} />
          <CopyButton text={text} />
          <EditButton onClick={() => setEditing(true)} />
        </div>
        {/* Always shown: that there are other versions is worth knowing without hovering. */}
        <VersionSwitcher message={message} onShow={actions.showVersion} />
      </div>
    </article>
  );
}

function AssistantMessage({ message, live, last, actions }: Props) {
  const t = useTranslations("message");
  const status = live ? "streaming" : statusOf(message);
  const usage = useUsageText(message.metadata);
  return (
    <article
      aria-label={t("reply")}
      aria-busy={live}
      data-role="assistant"
      data-message-id={message.id}
      data-status={status}
      className={`group min-w-0 ${live ? "" : "finished-message"}`}
    >
      <MessageParts message={message} live={live} />
      {status === "error" && (
        <div role="alert" className="my-2 flex items-start gap-2 rounded-lg border border-danger/40 bg-danger-soft px-3 py-2 text-sm text-danger">
          <CircleAlert className="mt-0.5 size-4 shrink-0" aria-hidden />
          <span className="flex-1">{message.metadata?.error ?? t("failed")}</span>
          {last && <RetryButton onClick={actions.regenerate} />}
        </div>
      )}
      {!live && (
        <div className="mt-1 flex items-center gap-1">
          <StatusBadge status={status} />
          <VersionSwitcher message={message} onShow={actions.showVersion} />
          <div className="flex items-center gap-0.5 opacity-0 transition-opacity group-focus-within:opacity-100 group-hover:opacity-100 [@media(hover:none)]:opacity-100">
            <CopyButton text={messageText(message)} />
            {last && <RegenerateButton onClick={actions.regenerate} />}
            {usage && (
              <span data-testid="usage" className="ml-1 text-xs text-muted-foreground">
                {usage}
              </span>
            )}
            <MessageTime createdAt={message.metadata?.createdAt} />
          </div>
        </div>
      )}
    </article>
  );
}

function RetryButton({ onClick }: { onClick: () => void }) {
  const t = useTranslations("message");
  return (
    <button type="button" onClick={onClick} disabled={useThreadBusy()} className="inline-flex items-center gap-1 rounded-md border border-danger/40 px-2 py-0.5 text-xs font-medium hover:bg-background disabled:opacity-50">
      <RotateCcw className="size-3" aria-hidden />
      {t("retry")}
    </button>
  );
}

/** ‹ 2 / 3 ›: which version of this message is shown, and the others a click away. */
function VersionSwitcher({ message, onShow }: { message: ChatMessage; onShow: (messageId: string) => void }) {
  const t = useTranslations("message.versions");
  const versions = message.metadata?.versions;
  if (!versions || versions.length < 2) return null;
  const at = versions.indexOf(message.id);
  if (at < 0) return null;
  const button = "flex size-7 items-center justify-center rounded-md text-muted-foreground hover:bg-muted hover:text-foreground disabled:pointer-events-none disabled:opacity-30";
  return (
    <div role="group" aria-label={t("label")} className="flex items-center text-xs text-muted-foreground tabular-nums">
      <button type="button" aria-label={t("previous")} className={button} disabled={at === 0} onClick={() => onShow(versions[at - 1]!)}>
        <ChevronLeft className="size-3.5" aria-hidden />
      </button>
      <span aria-live="polite">{t("position", { at: at + 1, count: versions.length })}</span>
      <button type="button" aria-label={t("next")} className={button} disabled={at === versions.length - 1} onClick={() => onShow(versions[at + 1]!)}>
        <ChevronRight className="size-3.5" aria-hidden />
      </button>
    </div>
  );
}

function EditForm({ text, onSubmit, onCancel }: { text: string; onSubmit: (text: string) => void; onCancel: () => void }) {
  const [value, setValue] = useState(text);
  const t = useTranslations("message.editForm");
  const common = useTranslations("common");
  const submit = () => value.trim() && onSubmit(value.trim());
  return (
    <form
      aria-label={t("label")}
      className="ml-auto flex w-full max-w-[85%] flex-col gap-2 rounded-2xl border bg-background p-3"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <textarea
        autoFocus
        aria-label={t("field")}
        value={value}
        onChange={(event) => setValue(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
            event.preventDefault();
            submit();
          }
          if (event.key === "Escape") onCancel();
        }}
        className="field-sizing-content max-h-60 min-h-16 w-full resize-none bg-transparent outline-none"
      />
      <div className="flex justify-end gap-2 text-sm">
        <button type="button" onClick={onCancel} className="rounded-md border px-3 py-1 hover:bg-muted">
          {common("cancel")}
        </button>
        <button type="submit" disabled={!value.trim()} className="rounded-md bg-primary px-3 py-1 font-medium text-primary-foreground disabled:opacity-40">
          {t("submit")}
        </button>
      </div>
    </form>
  );
}
