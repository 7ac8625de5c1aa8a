"use client";
// A chat: header (title, role, model), thread, composer. With no session yet (the
// "/" page) the first send creates one and the URL becomes /c/<id> in place, so
// the reply keeps streaming into this same view.
import { Ellipsis, FileDown, FileJson, Share2, WifiOff, X } from "lucide-react";
import { useEffect, useMemo, useRef, useState } from "react";
import { useApp } from "../app/app-context";
import { api, errorMessage } from "../lib/api";
import { pageMessages } from "../lib/messages";
import type { MessageView, SessionView } from "../lib/types";
import { IconButton } from "../ui/icon-button";
import { MenuButton } from "../ui/menu";
import { ChatSettingsBar, type ChatSettings } from "./chat-settings";
import { Composer, type ComposerHandle } from "./composer";
import { ShareDialog } from "./share-dialog";
import type { MessageActions } from "./message-item";
import { Thread } from "./thread";
import { useSessionChat } from "./use-session-chat";

type Props = { session: SessionView | null; initialMessages: MessageView[]; versions?: Record<string, string[]>; olderCursor: string | null };

export function ChatView({ session: initialSession, initialMessages, versions, olderCursor }: Props) {
  const { models, sessions } = useApp();
  const [session, setSession] = useState(initialSession);
  const [draftSettings, setDraftSettings] = useState<ChatSettings>(() => ({
    roleId: "assistant",
    model: models.find((m) => m.default)?.id ?? models[0]?.id ?? "",
  }));
  const [settingsError, setSettingsError] = useState<string | null>(null);
  const [sharing, setSharing] = useState(false);
  const composer = useRef<ComposerHandle>(null);
  const [initial] = useState(() => pageMessages({ messages: initialMessages, versions }));

  const chat = useSessionChat({
    sessionId: initialSession?.id ?? null,
    initialMessages: initial,
    olderCursor,
    createSession: async () => {
      const created = await api<SessionView>("/api/sessions", { method: "POST", body: draftSettings });
      setSession(created);
      sessions.upsert(created);
      // Next.js folds this into its router: the path changes, this view stays.
      window.history.replaceState(null, "", `/c/${created.id}`);
      return created.id;
    },
    onTitle: ({ sessionId, title }) => {
      sessions.patch(sessionId, { title });
      setSession((current) => (current?.id === sessionId ? { ...current, title } : current));
    },
    onActivity: (sessionId) => {
      const listed = sessions.items.find((s) => s.id === sessionId) ?? session;
      if (listed) sessions.upsert({ ...listed, lastMessageAt: new Date().toISOString() });
    },
    onUnsent: (text) => composer.current?.restore(text),
  });

  // The sidebar holds the freshest title (renamed there, or generated).
  const title = sessions.items.find((s) => s.id === session?.id)?.title ?? session?.title ?? "New chat";
  useEffect(() => {
    document.title = session ? `${title} · Parley` : "Parley";
  }, [session, title]);

  const settings: ChatSettings = session ? { roleId: session.roleId, model: session.model } : draftSettings;
  async function changeSettings(change: Partial<ChatSettings>) {
    setSettingsError(null);
    if (!session) return setDraftSettings((current) => ({ ...current, ...change }));
    const before = session;
    setSession({ ...session, ...change }); // shown at once, undone if refused
    try {
      const updated = await api<SessionView>(`/api/sessions/${session.id}`, { method: "PATCH", body: change });
      setSession(updated);
      sessions.upsert(updated);
    } catch (error) {
      setSession(before);
      setSettingsError(errorMessage(error));
    }
  }

  const { edit, regenerate, showVersion } = chat;
  const actions = useMemo<MessageActions>(() => ({ edit, regenerate, showVersion }), [edit, regenerate, showVersion]);
  const notice = chat.notice ?? settingsError;

  return (
    <div className="flex h-full min-h-0 flex-col">
      {/* On phones the shell's menu button sits at the left of this header. */}
      <header className="flex flex-wrap items-center gap-x-2 gap-y-1.5 border-b px-3 py-2 max-md:pl-12">
        <h1 className="min-w-0 flex-1 truncate text-sm font-medium" data-testid="chat-title">
          {title}
        </h1>
        <ChatSettingsBar settings={settings} onChange={(change) => void changeSettings(change)} />
        {session && (
          <>
            <MenuButton
              label="Chat actions"
              icon={<Ellipsis className="size-4" aria-hidden />}
              items={[
                { label: "Share…", icon: <Share2 className="size-4" aria-hidden />, onSelect: () => setSharing(true) },
                { label: "Export as Markdown", icon: <FileDown className="size-4" aria-hidden />, href: `/api/sessions/${session.id}/export?format=markdown`, download: true },
                { label: "Export as JSON", icon: <FileJson className="size-4" aria-hidden />, href: `/api/sessions/${session.id}/export`, download: true },
              ]}
            />
            {sharing && <ShareDialog sessionId={session.id} onClose={() => setSharing(false)} />}
          </>
        )}
      </header>
      {chat.connectionLost && (
        <div role="status" className="flex items-center justify-center gap-2 bg-amber-100 px-3 py-1.5 text-sm text-amber-900 dark:bg-amber-500/20 dark:text-amber-100">
          <WifiOff className="size-4" aria-hidden />
          Connection lost. Reconnecting to the reply…
        </div>
      )}
      <Thread
        messages={chat.messages}
        running={chat.running}
        actions={actions}
        hasOlder={chat.hasOlder}
        onLoadOlder={chat.loadOlder}
        empty={<EmptyState />}
      />
      {notice && (
        <div role="alert" className="mx-auto mb-2 flex w-full max-w-3xl items-start gap-2 px-4">
          <p className="flex-1 rounded-lg bg-danger-soft px-3 py-2 text-sm text-danger">{notice}</p>
          <IconButton
            label="Dismiss"
            onClick={() => {
              chat.dismissNotice();
              setSettingsError(null);
            }}
          >
            <X className="size-4" aria-hidden />
          </IconButton>
        </div>
      )}
      <Composer
        ref={composer}
        sessionId={session?.id ?? null}
        running={chat.running}
        vision={models.find((m) => m.id === settings.model)?.vision ?? false}
        onSend={(text, files) => void chat.send(text, files)}
        onStop={() => void chat.stop()}
      />
    </div>
  );
}

function EmptyState() {
  return (
    <div className="flex flex-col items-center gap-2 pt-[15vh] text-center">
      <h2 className="text-2xl font-semibold tracking-tight">What’s on your mind?</h2>
      <p className="max-w-md text-sm text-muted-foreground">Pick a role and a model above, then write your message. Every conversation is kept.</p>
    </div>
  );
}
