"use client";
// The sidebar: new chat, search, the session list, and who is signed in.
// At phone widths it is a drawer over the page.
import { Keyboard, Search, SquarePen, X } from "lucide-react";
import { useTranslations } from "next-intl";
import { memo, useState } from "react";
import { useApp } from "../app/app-context";
import { shortcutKeys } from "../lib/shortcuts";
import { useTouch } from "../lib/use-touch";
import { IconButton } from "../ui/icon-button";
import { ThemeToggle } from "../ui/theme-toggle";
import { SessionList } from "./session-list";
import { UserMenu } from "./user-menu";

export const SEARCH_INPUT_ID = "session-search";

// Memoised: the shell re-renders when a chat is opened (from the cache, then from the
// server); the list follows the current chat through the path and the preview store itself.
export const Sidebar = memo(function Sidebar() {
  const { startNewChat, drawerOpen, setDrawerOpen, openHelp } = useApp();
  const [query, setQuery] = useState("");
  const t = useTranslations("sidebar");
  const touch = useTouch();

  return (
    <>
      {drawerOpen && <div aria-hidden onClick={() => setDrawerOpen(false)} className="fixed inset-0 z-30 bg-black/40 md:hidden" />}
      <aside
        id="sidebar"
        aria-label={t("label")}
        // On phones a closed drawer is off screen and invisible: out of the tab order too.
        data-open={drawerOpen}
        onKeyDown={(event) => event.key === "Escape" && !event.shiftKey && setDrawerOpen(false)}
        className="fixed inset-y-0 left-0 z-40 flex w-[min(20rem,85vw)] flex-col border-r bg-sidebar transition-[translate,visibility] duration-200 max-md:data-[open=false]:-translate-x-full max-md:data-[open=false]:invisible md:static md:w-72 md:translate-x-0"
      >
        <div className="flex items-center gap-1 px-3 pt-3 pb-2">
          <span className="flex-1 text-base font-semibold tracking-tight">Parley</span>
          <IconButton label={t("newChat")} shortcut={shortcutKeys("new-chat")} onClick={startNewChat}>
            <SquarePen className="size-4" aria-hidden />
          </IconButton>
          <IconButton label={t("close")} className="md:hidden" onClick={() => setDrawerOpen(false)}>
            <X className="size-4" aria-hidden />
          </IconButton>
        </div>
        <div className="px-3">
          <label className="flex items-center gap-2 rounded-lg border bg-background px-2.5 py-1.5 focus-within:border-accent">
            <Search className="size-4 shrink-0 text-muted-foreground" aria-hidden />
            <input
              id={SEARCH_INPUT_ID}
              type="search"
              value={query}
              onChange={(event) => setQuery(event.target.value)}
              onKeyDown={(event) => event.key === "Escape" && query && (event.stopPropagation(), setQuery(""))}
              placeholder={touch ? t("searchPlaceholderTouch") : t("searchPlaceholder", { keys: shortcutKeys("search") })}
              aria-label={t("search")}
              aria-keyshortcuts="Control+K"
              className="w-full min-w-0 bg-transparent text-sm outline-none placeholder:text-muted-foreground"
            />
          </label>
        </div>
        <SessionList query={query} />
        <div className="flex items-center gap-1 border-t px-3 py-2">
          <UserMenu />
          <ThemeToggle />
          <IconButton label={t("shortcuts")} shortcut={shortcutKeys("help")} onClick={openHelp} className="pointer-coarse:hidden">
            <Keyboard className="size-4" aria-hidden />
          </IconButton>
        </div>
      </aside>
    </>
  );
});
