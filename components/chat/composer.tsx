"use client";
// Where messages are written. Enter sends, Shift+Enter breaks the line; while a
// reply runs the only action is Stop. The draft is kept per session in localStorage.
import { ArrowUp, Square } from "lucide-react";
import { useImperativeHandle, useState, type Ref } from "react";
import { draftKey, useStored, writeStored } from "../lib/storage";

export const COMPOSER_ID = "composer";

export type ComposerHandle = { restore: (text: string) => void };

type Props = {
  sessionId: string | null;
  running: boolean;
  onSend: (text: string) => void;
  onStop: () => void;
  ref?: Ref<ComposerHandle>;
};

export function Composer({ sessionId, running, onSend, onStop, ref }: Props) {
  const key = draftKey(sessionId);
  const stored = useStored(key);
  // What the person typed in this view; until they type, the stored draft.
  const [typed, setTyped] = useState<{ key: string; text: string } | null>(null);
  const text = typed?.key === key ? typed.text : (stored ?? "");

  const change = (value: string) => {
    setTyped({ key, text: value });
    writeStored(key, value);
  };
  useImperativeHandle(ref, () => ({ restore: change }));

  const send = () => {
    if (running || !text.trim()) return;
    onSend(text.trim());
    change("");
  };

  return (
    <form
      aria-label="Send a message"
      className="mx-auto w-full max-w-3xl px-4 pb-4"
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      <div className="flex items-end gap-2 rounded-2xl border bg-background p-2 shadow-sm focus-within:border-accent">
        <textarea
          id={COMPOSER_ID}
          aria-label="Message"
          aria-keyshortcuts="Shift+Escape"
          // Grows with its content (field-sizing); rows covers browsers without it.
          rows={Math.min(8, text.split("\n").length)}
          value={text}
          onChange={(event) => change(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
              event.preventDefault();
              send();
            }
          }}
          placeholder={running ? "Wait for the reply, or stop it…" : "Message Parley"}
          className="field-sizing-content max-h-52 min-h-10 flex-1 resize-none bg-transparent px-2 py-2 outline-none placeholder:text-muted-foreground"
        />
        {running ? (
          <button type="button" onClick={onStop} aria-label="Stop reply" title="Stop reply" className="flex size-9 shrink-0 items-center justify-center rounded-full bg-primary text-primary-foreground hover:opacity-90">
            <Square className="size-3.5 fill-current" aria-hidden />
          </button>
        ) : (
          <button type="submit" disabled={!text.trim()} aria-label="Send message" title="Send (Enter)" className="flex size-9 shrink-0 items-center justify-center rounded-full bg-primary text-primary-foreground hover:opacity-90 disabled:opacity-30">
            <ArrowUp className="size-4" aria-hidden />
          </button>
        )}
      </div>
      <p className="mt-1.5 text-center text-xs text-muted-foreground max-sm:hidden">Enter to send · Shift+Enter for a new line · Replies can be wrong.</p>
    </form>
  );
}
