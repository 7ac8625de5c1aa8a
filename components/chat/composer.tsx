"use client";
// Where messages are written. Enter sends, Shift+Enter breaks the line; while a
// reply runs the only action is Stop. The draft is kept per session in localStorage.
// The text lives in the textarea itself, not in React state: a keystroke renders
// nothing unless it fills or empties the box or changes its line count.
// Files are attached with the paperclip, by dropping them on the composer, or by
// pasting (a screenshot); each uploads at once and goes with the next message.
import type { FileUIPart } from "ai";
import { ArrowUp, Paperclip, Square } from "lucide-react";
import { useTranslations } from "next-intl";
import { memo, useImperativeHandle, useLayoutEffect, useRef, useState, type DragEvent, type Ref } from "react";
import { draftKey, readStored, writeStored } from "../lib/storage";
import { isTouch, useTouch } from "../lib/use-touch";
import { IconButton } from "../ui/icon-button";
import { AttachmentChips } from "./attachment-chips";
import { ACCEPT, useAttachments } from "./use-attachments";

export const COMPOSER_ID = "composer";

export type ComposerHandle = { restore: (text: string) => void };

type Props = {
  sessionId: string | null;
  running: boolean;
  /** The chat's model takes images. */
  vision: boolean;
  /** False: not sent (offline, say), so the draft and its files stay. */
  onSend: (text: string, files: FileUIPart[]) => boolean;
  onStop: () => void;
  ref?: Ref<ComposerHandle>;
};

const hasFiles = (event: DragEvent) => event.dataTransfer.types.includes("Files");

/** All that a keystroke can change in what is drawn: whether there is text, and how many lines (the box's rows). */
type Shape = { filled: boolean; lines: number };
const shapeOf = (text: string): Shape => ({ filled: text.trim() !== "", lines: Math.min(8, text.split("\n").length) });
/** The new shape, or the same object when it did not change (React then renders nothing). */
const reshaped = (text: string) => (shape: Shape) => {
  const next = shapeOf(text);
  return next.filled === shape.filled && next.lines === shape.lines ? shape : next;
};

/** Memoized: with stable handlers it renders for its own changes, not with each streamed chunk of a reply. */
export const Composer = memo(function Composer({ sessionId, running, vision, onSend, onStop, ref }: Props) {
  const t = useTranslations("composer");
  const touch = useTouch();
  const key = draftKey(sessionId);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const [shape, setShape] = useState(() => shapeOf(""));
  const write = (value: string) => {
    writeStored(key, value);
    setShape(reshaped(value));
  };
  const put = (value: string) => {
    if (textarea.current) textarea.current.value = value;
    write(value);
  };
  useImperativeHandle(ref, () => ({ restore: put }));
  // This chat's draft, once in the browser and whenever the chat changes.
  useLayoutEffect(() => {
    const draft = readStored(key) ?? "";
    if (textarea.current) textarea.current.value = draft;
    // Set in an effect: the draft is in localStorage, which the server's render (and so hydration) cannot read.
    setShape(reshaped(draft));
  }, [key]);

  const attachments = useAttachments();
  const picker = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const blindToImages = attachments.hasImages && !vision;
  const canSend = !running && !attachments.uploading && !attachments.failed && !blindToImages && (shape.filled || attachments.ready.length > 0);

  const send = () => {
    if (!canSend) return;
    if (!onSend((textarea.current?.value ?? "").trim(), attachments.ready)) return;
    put("");
    attachments.clear();
    // Sent with the button: writing goes on here.
    textarea.current?.focus();
  };
  const stop = () => {
    onStop();
    // The Stop button goes away with the reply: focus must not be lost with it.
    textarea.current?.focus();
  };

  return (
    <form
      aria-label={t("form")}
      className="mx-auto w-full max-w-3xl px-4 pb-4"
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
      onDragOver={(event) => {
        if (!hasFiles(event)) return;
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={(event) => {
        if (!hasFiles(event)) return;
        event.preventDefault();
        setDragging(false);
        attachments.add(event.dataTransfer.files);
      }}
    >
      {blindToImages && (
        <p role="alert" className="mb-2 rounded-lg bg-amber-100 px-3 py-2 text-sm text-amber-900 dark:bg-amber-500/20 dark:text-amber-100">
          {t("noVision")}
        </p>
      )}
      <div
        data-dragging={dragging || undefined}
        className="rounded-2xl border bg-background p-2 shadow-sm focus-within:border-accent data-dragging:border-dashed data-dragging:border-accent data-dragging:bg-accent-soft"
      >
        <AttachmentChips files={attachments.files} onRemove={attachments.remove} />
        <div className="flex items-end gap-2">
        <IconButton label={t("attach")} className="size-9" onClick={() => picker.current?.click()}>
          <Paperclip className="size-4" aria-hidden />
        </IconButton>
        <input
          ref={picker}
          type="file"
          multiple
          accept={ACCEPT}
          aria-label={t("filesToAttach")}
          tabIndex={-1}
          className="sr-only"
          onChange={(event) => {
            if (event.target.files) attachments.add(event.target.files);
            event.target.value = "";
          }}
        />
        <textarea
          ref={textarea}
          id={COMPOSER_ID}
          aria-label={t("message")}
          aria-keyshortcuts="Shift+Escape"
          // Grows with its content (field-sizing); rows covers browsers without it.
          rows={shape.lines}
          onChange={(event) => write(event.target.value)}
          onPaste={(event) => {
            const files = event.clipboardData.files;
            if (files.length === 0) return;
            attachments.add(files);
            // A screenshot comes as a file only; copied text with an image keeps its text.
            if (!event.clipboardData.getData("text/plain")) event.preventDefault();
          }}
          onKeyDown={(event) => {
            // On a touch keyboard Enter is a new line: the button sends.
            if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing && !isTouch()) {
              event.preventDefault();
              send();
            }
          }}
          placeholder={t(running ? "placeholderRunning" : "placeholder")}
          className="field-sizing-content max-h-52 min-h-10 flex-1 resize-none bg-transparent px-2 py-2 outline-none placeholder:text-muted-foreground"
        />
        {running ? (
          <button type="button" onClick={stop} aria-label={t("stop")} title={t("stop")} className="flex size-9 shrink-0 items-center justify-center rounded-full bg-primary text-primary-foreground hover:opacity-90 pointer-coarse:size-11">
            <Square className="size-3.5 fill-current" aria-hidden />
          </button>
        ) : (
          <button type="submit" disabled={!canSend} aria-label={t("send")} title={touch ? t("send") : t("sendTitle")} className="flex size-9 shrink-0 items-center justify-center rounded-full bg-primary text-primary-foreground hover:opacity-90 disabled:opacity-30 pointer-coarse:size-11">
            <ArrowUp className="size-4" aria-hidden />
          </button>
        )}
        </div>
      </div>
      <p className="mt-1.5 text-center text-xs text-muted-foreground max-sm:hidden pointer-coarse:hidden">{t("hint")}</p>
    </form>
  );
});
