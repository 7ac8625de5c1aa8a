"use client";
// One session in the sidebar: a link, plus rename (inline), pin and delete.
import { Pencil, Pin, PinOff, Trash2 } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { sessionTitle } from "../lib/session-title";
import type { SessionListItem } from "../lib/types";
import { IconButton } from "../ui/icon-button";
import { Highlight } from "./highlight";

type Props = {
  session: SessionListItem;
  active: boolean;
  query: string;
  onOpen: (event: React.MouseEvent) => void;
  onRename: (title: string) => void;
  onTogglePin: () => void;
  onDelete: () => void;
};

export function SessionItem({ session, active, query, onOpen, onRename, onTogglePin, onDelete }: Props) {
  const [editing, setEditing] = useState(false);
  const t = useTranslations("sidebar.session");
  const title = sessionTitle(session, t("untitled"));

  if (editing) {
    return (
      <li className="px-1 py-0.5">
        <RenameInput
          title={title}
          onDone={(renamed) => {
            setEditing(false);
            if (renamed && renamed !== title) onRename(renamed);
          }}
        />
      </li>
    );
  }

  return (
    <li
      data-session-id={session.id}
      className={`group relative rounded-lg ${active ? "bg-muted text-foreground" : "text-foreground/85 hover:bg-muted/60"}`}
    >
      <Link
        href={`/c/${session.id}`}
        // Not every listed chat in advance: each prefetch renders a page on the server.
        prefetch={false}
        onClick={onOpen}
        aria-current={active ? "page" : undefined}
        className="block rounded-lg px-3 py-2 text-sm outline-offset-[-2px] pointer-coarse:py-3"
      >
        {/* Room on the right for the action buttons. */}
        {/* Room for the buttons only where they show: hovered, focused, current, or on touch screens. */}
        <span className={`flex items-center gap-1.5 ${active ? "pr-20" : "group-focus-within:pr-20 group-hover:pr-20"} pointer-coarse:pr-36`}>
          {session.pinned && <Pin className="size-3 shrink-0 text-muted-foreground" aria-label={t("pinned")} />}
          <span className="truncate">
            <Highlight text={title} query={query} />
          </span>
        </span>
        {session.snippet && (
          <span className="mt-0.5 line-clamp-2 text-xs text-muted-foreground" data-testid="snippet">
            <Highlight text={session.snippet} query={query} />
          </span>
        )}
      </Link>
      <div
        className={`absolute top-1 right-1 flex items-center gap-0.5 pointer-coarse:top-0 ${active ? "" : "opacity-0 group-focus-within:opacity-100 group-hover:opacity-100 [@media(hover:none)]:opacity-100"}`}
      >
        <IconButton label={t("rename", { title })} className="size-7" onClick={() => setEditing(true)}>
          <Pencil className="size-3.5" aria-hidden />
        </IconButton>
        <IconButton label={t(session.pinned ? "unpin" : "pin", { title })} className="size-7" onClick={onTogglePin}>
          {session.pinned ? <PinOff className="size-3.5" aria-hidden /> : <Pin className="size-3.5" aria-hidden />}
        </IconButton>
        <IconButton label={t("delete", { title })} className="size-7 hover:text-danger" onClick={onDelete}>
          <Trash2 className="size-3.5" aria-hidden />
        </IconButton>
      </div>
    </li>
  );
}

function RenameInput({ title, onDone }: { title: string; onDone: (title: string | null) => void }) {
  const [value, setValue] = useState(title);
  const t = useTranslations("sidebar.session");
  // Enter unmounts the input, which may also blur it: finish once.
  const finished = useRef(false);
  const finish = (result: string | null) => {
    if (finished.current) return;
    finished.current = true;
    onDone(result);
  };
  return (
    <input
      autoFocus
      aria-label={t("titleField")}
      value={value}
      maxLength={200}
      onChange={(event) => setValue(event.target.value)}
      onFocus={(event) => event.target.select()}
      onBlur={() => finish(value.trim() || null)}
      onKeyDown={(event) => {
        if (event.key === "Enter") finish(value.trim() || null);
        if (event.key === "Escape") finish(null);
      }}
      className="w-full rounded-lg border border-accent bg-background px-3 py-2 text-sm outline-none"
    />
  );
}
