"use client";
// A chat: header (title, role, model), thread, composer. With no session yet (the
// "/" page) the first send creates one and the URL becomes /c/<id> in place, so
// the reply keeps streaming into this same view. A chat seen before is shown at
// once from the tab's cache (a preview, inert) while its page comes from the server.
import type { FileUIPart } from "ai";
import { WifiOff, X } from "lucide-react";
import { useTranslations } from "next-intl";
import { startTransition, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { useApp } from "../app/app-context";
import { useSessionList } from "../app/sessions-store";
import { api } from "../lib/api";
import { messageText, pageMessages, statusOf } from "../lib/messages";
import { sessionTitle } from "../lib/session-title";
import type { ChatMessage, MessageView, SessionView } from "../lib/types";
import { isHydrated } from "../lib/hydration";
import { useErrorMessage } from "../lib/use-error-message";
import { useStableCallback } from "../lib/use-stable-callback";
import { IconButton } from "../ui/icon-button";
import type { ChatSettings } from "./chat-settings";
import { cachedChat, keepView, rememberChat } from "./chat-cache";
import { ChatHeader } from "./chat-header";
import type { ChatOptions } from "./chat-options-dialog";
import { Composer, type ComposerHandle } from "./composer";
import { DrawnChat } from "./drawn-chat";
import { measureView } from "./drawn-view";
import type { MessageActions } from "./message-item";
import { Thread } from "./thread";
import { useSessionChat } from "./use-session-chat";

type Props = {
  session: SessionView | null;
  initialMessages: MessageView[];
  versions?: Record<string, string[]>;
  olderCursor: string | null;
  /** The chat as this tab last showed it (instead of initialMessages). */
  cachedMessages?: ChatMessage[];
  /** Shown from the cache until the server's page replaces it: read only, nothing is fetched. */
  preview?: boolean;
  /** A new chat's session was created, and the address became its own. */
  onCreated?: (sessionId: string) => void;
};

export function ChatView({ session: initialSession, initialMessages, versions, olderCursor, cachedMessages, preview = false, onCreated }: Props) {
  const { models, sessions, roles, user } = useApp();
  const { items: listed } = useSessionList(sessions);
  const t = useTranslations("chat");
  const common = useTranslations("common");
  const describe = useErrorMessage();
  const [session, setSession] = useState(initialSession);
  const [draftSettings, setDraftSettings] = useState<ChatSettings & ChatOptions>(() => {
    // A new chat starts with the user's defaults (Settings), where they still exist.
    const { defaultRoleId, defaultModel } = user?.preferences ?? {};
    const roleId = defaultRoleId === null || roles.some((r) => r.id === defaultRoleId) ? (defaultRoleId ?? null) : "assistant";
    const model = models.find((m) => m.id === defaultModel) ?? models.find((m) => m.default) ?? models[0];
    return { roleId, model: model?.id ?? "", systemPrompt: null, temperature: null };
  });
  const [settingsError, setSettingsError] = useState<string | null>(null);
  const composer = useRef<ComposerHandle>(null);
  const [initial] = useState(() => cachedMessages ?? pageMessages({ messages: initialMessages, versions }));

  const chat = useSessionChat({
    sessionId: initialSession?.id ?? null,
    passive: preview,
    initialMessages: initial,
    olderCursor,
    createSession: async () => {
      const created = await api<SessionView>("/api/sessions", { method: "POST", body: draftSettings });
      setSession(created);
      sessions.upsert(created);
      onCreated?.(created.id);
      // Next.js folds this into its router: the path changes, this view stays.
      window.history.replaceState(null, "", `/c/${created.id}`);
      return created.id;
    },
    onTitle: ({ sessionId, title }) => {
      sessions.patch(sessionId, { title });
      setSession((current) => (current?.id === sessionId ? { ...current, title } : current));
    },
    onActivity: (sessionId) => {
      const known = sessions.get().items.find((s) => s.id === sessionId) ?? session;
      if (known) sessions.upsert({ ...known, lastMessageAt: new Date().toISOString() });
    },
    onUnsent: (text) => composer.current?.restore(text),
  });

  // The sidebar holds the freshest title (renamed there, or generated).
  const current = listed.find((s) => s.id === session?.id) ?? session;
  // Formatted once per change, not on every render while a reply streams.
  const title = useMemo(() => (current ? sessionTitle(current, t("newChat")) : t("newChat")), [current, t]);
  const documentTitle = useMemo(() => (session ? common("pageTitle", { title }) : common("appName")), [session, title, common]);
  useEffect(() => {
    document.title = documentTitle;
  }, [documentTitle]);

  // Opened again with its page already at hand (the router had it): the chat as the
  // reader left it shows at once, and the live view replaces it in a render that yields.
  const [drawn, setDrawn] = useState(() => (!preview && initialSession && isHydrated() ? cachedChat(initialSession.id)?.view : undefined));
  useEffect(() => {
    if (drawn) startTransition(() => setDrawn(undefined));
  }, [drawn]);

  // What this tab shows of the chat, for showing it at once when it is opened again:
  // its messages, and when the reader leaves, the view itself as drawn (see DrawnChat).
  const { messages: shown, olderCursor: shownCursor } = chat;
  useEffect(() => {
    if (session && !preview) rememberChat({ session, messages: shown, olderCursor: shownCursor });
  }, [session, shown, shownCursor, preview]);
  const root = useRef<HTMLDivElement>(null);
  const kept = useRef<{ sessionId: string; view: HTMLElement } | null>(null);
  useEffect(() => {
    kept.current = session && !preview && !drawn && root.current ? { sessionId: session.id, view: root.current } : null;
  }, [session, preview, drawn]);
  // Still in the document while layout effects are cleaned up.
  useLayoutEffect(
    () => () => {
      if (!kept.current) return;
      const { sessionId, view } = kept.current;
      if (keepView(sessionId, view)) measureView(view);
    },
    [],
  );

  // Objects that stay the same while a reply streams, so the memoized header does not render.
  const settings = useMemo<ChatSettings>(() => (session ? { roleId: session.roleId, model: session.model } : draftSettings), [session, draftSettings]);
  const options = useMemo<ChatOptions>(() => (session ? { systemPrompt: session.systemPrompt, temperature: session.temperature } : draftSettings), [session, draftSettings]);
  const model = models.find((m) => m.id === settings.model);
  const modelName = model ? (model.local ? t("settings.localModel") : model.label) : settings.model;
  async function changeSettings(change: Partial<ChatSettings & ChatOptions>) {
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
      setSettingsError(describe(error));
    }
  }

  const onChangeSettings = useStableCallback((change: Partial<ChatSettings & ChatOptions>) => void changeSettings(change));

  const { edit, regenerate, showVersion } = chat;
  const actions = useMemo<MessageActions>(() => ({ edit, regenerate, showVersion }), [edit, regenerate, showVersion]);
  const notice = chat.notice ?? settingsError;

  // Screen readers hear each finished reply (a polite live region), not every token of it.
  const [announcement, setAnnouncement] = useState("");
  const [wasRunning, setWasRunning] = useState(chat.running);
  if (wasRunning !== chat.running) {
    setWasRunning(chat.running);
    const last = chat.messages.at(-1);
    if (!chat.running && last?.role === "assistant") {
      const status = statusOf(last);
      const text = messageText(last).slice(0, 500);
      setAnnouncement(status === "complete" ? t("announce.complete", { text }) : t("announce.ended", { status }));
    }
  }

  // The composer and the empty thread's suggestions get stable handlers: memoized, they
  // do not render again with each streamed chunk.
  const onSend = useStableCallback((text: string, files: FileUIPart[]) => {
    // Offline, the send would fail only after a while: say so now and keep the draft.
    if (!navigator.onLine) {
      setSettingsError(t("offline"));
      return false;
    }
    setSettingsError(null);
    void chat.send(text, files);
    return true;
  });
  const onStop = useStableCallback(() => void chat.stop());
  const onPick = useStableCallback((text: string) => void chat.send(text));
  const local = model?.local ?? false;
  const empty = useMemo(() => <EmptyState local={local} onPick={onPick} />, [local, onPick]);

  if (drawn) return <DrawnChat view={drawn} />;
  return (
    <div ref={root} className="flex h-full min-h-0 flex-col" inert={preview} data-preview={preview || undefined}>
      <ChatHeader title={title} sessionId={session?.id ?? null} settings={settings} options={options} modelName={modelName} onChange={onChangeSettings} />
      {chat.connectionLost && (
        <div role="status" className="flex items-center justify-center gap-2 bg-amber-100 px-3 py-1.5 text-sm text-amber-900 dark:bg-amber-500/20 dark:text-amber-100">
          <WifiOff className="size-4" aria-hidden />
          {t("connectionLost")}
        </div>
      )}
      <Thread
        messages={chat.messages}
        running={chat.running}
        actions={actions}
        hasOlder={chat.hasOlder}
        onLoadOlder={chat.loadOlder}
        empty={empty}
      />
      {notice && (
        <div role="alert" className="mx-auto mb-2 flex w-full max-w-3xl items-start gap-2 px-4">
          <p className="flex-1 rounded-lg bg-danger-soft px-3 py-2 text-sm text-danger">{notice}</p>
          <IconButton
            label={common("dismiss")}
            onClick={() => {
              chat.dismissNotice();
              setSettingsError(null);
            }}
          >
            <X className="size-4" aria-hidden />
          </IconButton>
        </div>
      )}
      <div role="status" aria-live="polite" className="sr-only" data-testid="reply-announcer">
        {announcement}
      </div>
      <Composer
        ref={composer}
        sessionId={session?.id ?? null}
        running={chat.running}
        vision={model?.vision ?? false}
        onSend={onSend}
        onStop={onStop}
      />
    </div>
  );
}

const SUGGESTIONS = ["explain", "write", "code", "plan"] as const;

/** The first screen: what to do, what the offline demo model is, and a few prompts to start with. */
function EmptyState({ local, onPick }: { local: boolean; onPick: (text: string) => void }) {
  const t = useTranslations("chat.empty");
  return (
    <div className="mx-auto flex max-w-xl flex-col items-center gap-3 pt-[10vh] text-center">
      <h2 className="text-2xl font-semibold tracking-tight">{t("title")}</h2>
      <p className="max-w-md text-sm text-muted-foreground">{t("text")}</p>
      {local && (
        <div className="mt-2 rounded-xl border bg-accent-soft/60 px-4 py-3 text-left text-sm" data-testid="demo-explainer">
          <p className="font-medium">{t("demoTitle")}</p>
          <p className="mt-1 text-muted-foreground">{t("demoText")}</p>
          <p className="mt-1 text-muted-foreground">{t.rich("demoConnect", { code: (chunks) => <code className="rounded bg-background px-1 font-mono text-xs">{chunks}</code> })}</p>
        </div>
      )}
      <ul aria-label={t("suggestions")} className="mt-3 grid w-full gap-2 sm:grid-cols-2">
        {SUGGESTIONS.map((key) => (
          <li key={key}>
            <button type="button" onClick={() => onPick(t(`suggestion.${key}`))} className="h-full min-h-11 w-full rounded-xl border px-3 py-2 text-left text-sm hover:bg-muted">
              {t(`suggestion.${key}`)}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
