"use client";
// The frame of every page: shared state, the global keyboard shortcuts, and on
// the chat pages ("/" and "/c/…") the sidebar.
import { Menu } from "lucide-react";
import { usePathname, useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useLayoutEffect, useMemo, useState, type ReactNode } from "react";
import { markHydrated } from "../lib/hydration";
import { createStore } from "../lib/store";
import { SHORTCUTS, type ShortcutAction } from "../lib/shortcuts";
import { Sidebar, SEARCH_INPUT_ID } from "../sessions/sidebar";
import { IconButton } from "../ui/icon-button";
import { ShortcutsHelp } from "../ui/shortcuts-help";
import { cachedChat, forgetAllChats } from "../chat/chat-cache";
import { CachedChatView } from "../chat/cached-chat-view";
import { COMPOSER_ID } from "../chat/composer";
import { AppContext, type AppContextValue, type InitialData } from "./app-context";
import { createSessionsStore } from "./sessions-store";

export function AppShell({ initial, children }: { initial: InitialData; children: ReactNode }) {
  const router = useRouter();
  const pathname = usePathname();
  const t = useTranslations("sidebar");
  const [sessions] = useState(() => createSessionsStore(initial.sessions));
  const [roles, setRoles] = useState(initial.roles);
  const [newChatKey, setNewChatKey] = useState(0);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [helpOpen, setHelpOpen] = useState(false);
  // A chat seen before, shown from the cache while its page loads. Any finished
  // navigation (to it or elsewhere) ends the preview.
  const [opening, setOpening] = useState<string | null>(null);
  const [shownPath, setShownPath] = useState(pathname);
  if (shownPath !== pathname) {
    setShownPath(pathname);
    setOpening(null);
  }
  const openChat = useCallback((sessionId: string) => setOpening(cachedChat(sessionId) ? sessionId : null), []);
  const preview = opening && pathname !== `/c/${opening}` ? cachedChat(opening) : undefined;
  // The chat shown from the cache is the current one in the sidebar too.
  const [previewing] = useState(() => createStore<string | null>(null));
  const previewId = preview ? preview.session.id : null;
  useLayoutEffect(() => previewing.set(previewId), [previewing, previewId]);
  // This shell is one identity's (see the layout): the next one starts with no cached chats.
  useEffect(() => forgetAllChats, []);
  useEffect(markHydrated, []);

  const startNewChat = useCallback(() => {
    setOpening(null);
    setNewChatKey((key) => key + 1);
    setDrawerOpen(false);
    router.push("/");
    // Writing is what comes next (the new chat's composer is there from the next frame).
    requestAnimationFrame(() => document.getElementById(COMPOSER_ID)?.focus());
  }, [router]);

  const value = useMemo<AppContextValue>(
    () => ({
      user: initial.user,
      models: initial.models,
      roles,
      setRoles,
      sessions,
      newChatKey,
      startNewChat,
      openChat,
      previewing,
      drawerOpen,
      setDrawerOpen,
      openHelp: () => setHelpOpen(true),
    }),
    [initial.user, initial.models, roles, sessions, newChatKey, startNewChat, openChat, previewing, drawerOpen],
  );

  useEffect(() => {
    const run: Record<ShortcutAction, () => void> = {
      "new-chat": startNewChat,
      search: () => {
        // At phone widths the search box is in the drawer, visible from the next frame.
        if (window.matchMedia("(max-width: 767px)").matches) setDrawerOpen(true);
        requestAnimationFrame(() => document.getElementById(SEARCH_INPUT_ID)?.focus());
      },
      "focus-composer": () => document.getElementById(COMPOSER_ID)?.focus(),
      help: () => setHelpOpen(true),
    };
    const onKeyDown = (event: KeyboardEvent) => {
      const shortcut = SHORTCUTS.find((s) => s.matches(event));
      if (!shortcut) return;
      event.preventDefault();
      run[shortcut.action]();
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [startNewChat]);

  const chatPage = pathname === "/" || pathname.startsWith("/c/");
  return (
    <AppContext value={value}>
      {chatPage ? (
        <div className="flex h-dvh overflow-hidden">
          {/* Keyboard users skip the sidebar's many links. */}
          <a href="#main" className="sr-only z-50 rounded-md bg-background px-3 py-2 text-sm font-medium shadow focus:not-sr-only focus:fixed focus:top-2 focus:left-2">
            {t("skipToConversation")}
          </a>
          <Sidebar />
          <main id="main" tabIndex={-1} className="relative flex min-w-0 flex-1 flex-col outline-none">
            {/* The drawer's handle at phone widths, on every page of the shell (a 404 too). */}
            <IconButton label={t("open")} className="absolute top-2 left-2 z-10 md:hidden" aria-controls="sidebar" aria-expanded={drawerOpen} onClick={() => setDrawerOpen(true)}>
              <Menu className="size-5" aria-hidden />
            </IconButton>
            {preview ? (
              <CachedChatView chat={preview} />
            ) : (
              children
            )}
          </main>
        </div>
      ) : (
        children
      )}
      <ShortcutsHelp open={helpOpen} onClose={() => setHelpOpen(false)} />
    </AppContext>
  );
}
