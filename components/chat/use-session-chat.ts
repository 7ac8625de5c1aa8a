"use client";
// A session's conversation on top of the AI SDK's useChat: sending through Parley's
// API (new message, regenerate, edit = send with the edited message's parent),
// stopping on the server, re-attaching to a running reply (page load, lost
// connection), and the stored thread as the truth whenever the stream cannot be.
import { useChat } from "@ai-sdk/react";
import { DefaultChatTransport, type FileUIPart } from "ai";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useRef, useState } from "react";
import { api, parseApiError } from "../lib/api";
import { isNetworkError, markMessage, pageMessages, toChatMessage } from "../lib/messages";
import { HISTORY_PAGE_SIZE } from "../lib/paging";
import type { ChatMessage, MessageStatus, MessageView, TitleData } from "../lib/types";
import { useErrorMessage } from "../lib/use-error-message";

type HistoryPage = { messages: MessageView[]; nextCursor: string | null; versions: Record<string, string[]> };

export type SessionChatOptions = {
  sessionId: string | null;
  /** Shows the messages only: does not attach to a reply still streaming. */
  passive?: boolean;
  initialMessages: ChatMessage[];
  olderCursor: string | null;
  /** Creates the session on the first send of a new chat; returns its id. */
  createSession: () => Promise<string>;
  onTitle: (data: TitleData) => void;
  /** A message was sent in the session (it moves to the top of the list). */
  onActivity: (sessionId: string) => void;
  /** A message the server refused: give its text back to the composer. */
  onUnsent: (text: string) => void;
};

const RETRY_MS = 2_000;
const STILL_STREAMING_POLL_MS = 3_000;
const THROTTLE_MS = 50;

/** Every request names its session in the body (the chat outlives the "/" → "/c/<id>" change). */
type RequestBody = { sessionId: string; parentId?: string | null };

/** `onStored(browserId, storedId)`: the server stored a sent message under its own id. */
function createTransport(onStored: (browserId: string, storedId: string) => void) {
  return new DefaultChatTransport<ChatMessage>({
    // The browser's id is the send's idempotency key; the stored message has the server's.
    // Taking it at once (nothing is open on a message just sent) keeps a later read of the
    // thread from mounting the message again, which would close an edit opened on it.
    fetch: async (input, init) => {
      const response = await fetch(input, init);
      const storedId = response.headers.get("x-parley-user-message-id");
      if (storedId && typeof init?.body === "string") {
        const browserId = (JSON.parse(init.body) as { message?: { id?: string } }).message?.id;
        if (browserId && browserId !== storedId) onStored(browserId, storedId);
      }
      return response;
    },
    prepareSendMessagesRequest: ({ messages, trigger, body }) => {
      const { sessionId, parentId } = body as RequestBody;
      const api = `/api/sessions/${sessionId}/messages`;
      if (trigger === "regenerate-message") return { api, body: { regenerate: true } };
      const message = messages.at(-1)!;
      const parts = message.parts.flatMap((part): object[] => {
        if (part.type === "text") return part.text ? [{ type: "text", text: part.text }] : [];
        if (part.type === "file") return [{ type: "file", url: part.url, mediaType: part.mediaType, ...(part.filename ? { filename: part.filename } : {}) }];
        return [];
      });
      // The message id is the idempotency key: a retried send is stored once.
      return { api, body: { message: { id: message.id, role: "user", parts }, ...(parentId !== undefined && { parentId }) } };
    },
    prepareReconnectToStreamRequest: ({ body }) => ({ api: `/api/sessions/${(body as RequestBody).sessionId}/stream` }),
  });
}

export function useSessionChat(options: SessionChatOptions) {
  const latest = useRef(options);
  useEffect(() => {
    latest.current = options;
  });
  const sessionRef = useRef(options.sessionId);
  /** Bumped by every action that changes the thread: a slow sync must not undo it. */
  const generation = useRef(0);
  /** The last failure of a request, read after awaiting it. */
  const failure = useRef<Error | null>(null);
  /** A message whose send lost the connection: the server may or may not have it. */
  const unconfirmed = useRef<string | null>(null);
  /** The thread as last read from the server. */
  const stored = useRef<MessageView[] | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const t = useTranslations("chat");
  const describe = useErrorMessage();
  const [connectionLost, setConnectionLost] = useState(false);
  const [olderCursor, setOlderCursor] = useState(options.olderCursor);
  const [refusals, setRefusals] = useState(0);
  const [cuts, setCuts] = useState(0);
  const adoptStoredId = useRef<(browserId: string, storedId: string) => void>(() => {});
  const [transport] = useState(() => createTransport((browserId, storedId) => adoptStoredId.current(browserId, storedId)));

  const { messages, status, error, clearError, setMessages, sendMessage, regenerate, stop, resumeStream } = useChat<ChatMessage>({
    messages: options.initialMessages,
    transport,
    experimental_throttle: THROTTLE_MS,
    onData: (part) => {
      if (part.type === "data-title") latest.current.onTitle(part.data);
    },
    onFinish: ({ finishReason, isAbort, isDisconnect, isError }) => {
      // The stream closed cleanly without the reply's end (a proxy's timeout, say): what
      // is shown is not the reply. Follow it again, or show how the server stored it.
      if (!isAbort && !isDisconnect && !isError && finishReason === undefined) setCuts((n) => n + 1);
    },
    onError: (error) => {
      failure.current = error;
      if (isNetworkError(error)) return setConnectionLost(true);
      const refusal = parseApiError(error.message);
      if (refusal) {
        // The request itself was refused (409 while a reply runs, 422…): nothing new was stored.
        setNotice(refusal.message);
        setRefusals((n) => n + 1);
        return;
      }
      // The model failed mid-reply (its error comes after the reply's start): the error belongs to that reply.
      setMessages((current) => {
        const last = current.at(-1);
        return last?.role === "assistant" ? [...current.slice(0, -1), markMessage(last, { status: "error", error: error.message })] : current;
      });
    },
  });

  useEffect(() => {
    adoptStoredId.current = (browserId, storedId) => setMessages((current) => current.map((m) => (m.id === browserId ? { ...m, id: storedId } : m)));
  }, [setMessages]);

  /** Replaces the thread by the stored one, unless the person acted meanwhile; returns how its last message stands. */
  const syncFromServer = useCallback(async (): Promise<MessageStatus | null> => {
    const sessionId = sessionRef.current;
    const startedAt = generation.current;
    if (!sessionId) return null;
    const page = await api<HistoryPage>(`/api/sessions/${sessionId}/messages?limit=${HISTORY_PAGE_SIZE}`).catch(() => null);
    if (!page || generation.current !== startedAt) return null;
    stored.current = page.messages;
    setMessages(pageMessages(page));
    setOlderCursor(page.nextCursor);
    return page.messages.at(-1)?.status ?? null;
  }, [setMessages]);

  // A refused request may have left a message here that the server never stored.
  useEffect(() => {
    if (refusals > 0) void syncFromServer();
  }, [refusals, syncFromServer]);

  useEffect(() => {
    if (cuts > 0) void resume();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per cut stream
  }, [cuts]);

  const mounted = useRef(false);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  /** Follows the running reply from its first chunk; true unless the connection failed. */
  const resume = useCallback(async () => {
    const sessionId = sessionRef.current;
    if (!sessionId) return true;
    const startedAt = generation.current;
    for (;;) {
      failure.current = null;
      await resumeStream({ body: { sessionId } });
      if (failure.current && isNetworkError(failure.current)) return false;
      // Ended, stopped, failed or not running here at all: the stored thread says how.
      if ((await syncFromServer()) !== "streaming") return true;
      // Stored as still streaming but nothing to follow here: its writer died (it will show
      // as interrupted) or has not registered yet. Look again shortly.
      await new Promise((resolve) => setTimeout(resolve, STILL_STREAMING_POLL_MS));
      if (!mounted.current || generation.current !== startedAt) return true;
    }
  }, [resumeStream, syncFromServer]);

  // Opened while a reply was streaming: attach to it.
  const [openedStreaming] = useState(() => !options.passive && options.initialMessages.at(-1)?.metadata?.status === "streaming");
  useEffect(() => {
    if (openedStreaming) void resume();
  }, [openedStreaming, resume]);

  // Connection lost: retry until the running reply is followed again (or has ended).
  useEffect(() => {
    if (!connectionLost) return;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const attempt = async () => {
      clearTimeout(timer);
      window.removeEventListener("online", attempt);
      const reattached = await resume();
      if (cancelled) return;
      if (reattached) {
        setConnectionLost(false);
        // A message the server never got goes back to the composer.
        const text = unconfirmed.current;
        unconfirmed.current = null;
        if (text && !stored.current?.some((m) => m.role === "user" && m.text === text)) {
          latest.current.onUnsent(text);
          setNotice(t("unsentReturned"));
        }
        return;
      }
      timer = setTimeout(attempt, RETRY_MS);
      window.addEventListener("online", attempt);
    };
    timer = setTimeout(attempt, RETRY_MS);
    window.addEventListener("online", attempt);
    return () => {
      cancelled = true;
      clearTimeout(timer);
      window.removeEventListener("online", attempt);
    };
  }, [connectionLost, resume, t]);

  // Message actions read the thread from here, so they stay the same functions while it streams.
  const messagesRef = useRef(messages);
  const runningRef = useRef(false);
  const running = status === "submitted" || status === "streaming";
  useEffect(() => {
    messagesRef.current = messages;
    runningRef.current = running || messages.at(-1)?.metadata?.status === "streaming";
  });

  /** After an edit or a regeneration has been answered: the stored thread knows the new versions. */
  const afterNewVersion = useCallback(async () => {
    if (!failure.current) await syncFromServer();
  }, [syncFromServer]);

  const startAction = useCallback(() => {
    generation.current++;
    failure.current = null;
    setNotice(null);
  }, []);

  const send = async (text: string, files: FileUIPart[] = []) => {
    startAction();
    try {
      sessionRef.current ??= await latest.current.createSession();
    } catch (error) {
      setNotice(describe(error));
      latest.current.onUnsent(text);
      return;
    }
    latest.current.onActivity(sessionRef.current);
    await sendMessage(files.length ? { text, files } : { text }, { body: { sessionId: sessionRef.current } });
    if (failure.current && parseApiError(failure.current.message)) latest.current.onUnsent(text);
    if (failure.current && isNetworkError(failure.current)) unconfirmed.current = text;
  };

  /** While a reply runs the thread cannot change: says so instead. */
  const refuseWhileRunning = useCallback(() => {
    if (runningRef.current) setNotice(t("replyRunning"));
    return runningRef.current;
  }, [t]);

  const regenerateReply = useCallback(() => {
    const sessionId = sessionRef.current;
    if (!sessionId || refuseWhileRunning()) return;
    startAction();
    void regenerate({ body: { sessionId } }).then(() => afterNewVersion());
  }, [regenerate, startAction, afterNewVersion, refuseWhileRunning]);

  /** Sends an edited version of a message: a new branch from the same parent. */
  const edit = useCallback(
    (messageId: string, text: string) => {
      const sessionId = sessionRef.current;
      const thread = messagesRef.current;
      const index = thread.findIndex((m) => m.id === messageId);
      if (!sessionId || index === -1 || refuseWhileRunning()) return false;
      startAction();
      // The thread alternates, so a user message's parent is the reply before it (an id from the server).
      const parentId = index > 0 ? thread[index - 1]!.id : null;
      // The edited message keeps its attachments.
      const files = thread[index]!.parts.filter((part): part is FileUIPart => part.type === "file");
      setMessages(thread.slice(0, index));
      void sendMessage(files.length ? { text, files } : { text }, { body: { sessionId, parentId } }).then(() => afterNewVersion());
      return true;
    },
    [setMessages, sendMessage, startAction, afterNewVersion, refuseWhileRunning],
  );

  /** Shows another version of a message (and what follows it): the server moves the session's head. */
  const showVersion = useCallback(
    async (messageId: string) => {
      const sessionId = sessionRef.current;
      if (!sessionId || refuseWhileRunning()) return;
      startAction();
      try {
        const page = await api<HistoryPage>(`/api/sessions/${sessionId}/versions`, { method: "POST", body: { messageId, limit: HISTORY_PAGE_SIZE } });
        stored.current = page.messages;
        setMessages(pageMessages(page));
        setOlderCursor(page.nextCursor);
      } catch (error) {
        setNotice(describe(error));
      }
    },
    [setMessages, startAction, describe, refuseWhileRunning],
  );

  /** Stops the reply on the server (keeping its text), then the local stream. */
  const stopReply = async () => {
    const sessionId = sessionRef.current;
    if (!sessionId) return void stop();
    generation.current++;
    let kept: MessageView | null = null;
    try {
      kept = (await api<{ stopped: boolean; message: MessageView | null }>(`/api/sessions/${sessionId}/stop`, { method: "POST" })).message;
    } catch (error) {
      setNotice(describe(error));
    }
    await stop();
    if (!kept) {
      // Nothing was running here (yet): show what the server has, following it if it still runs.
      if ((await syncFromServer()) === "streaming") void resume();
      return;
    }
    // What the server kept is what the reader sees.
    const message = toChatMessage(kept);
    setMessages((current) => (current.some((m) => m.id === message.id) ? current.map((m) => (m.id === message.id ? message : m)) : [...current, message]));
  };

  /** Prepends the next older page; false when nothing was added. */
  const loadOlder = async (): Promise<boolean> => {
    const sessionId = sessionRef.current;
    if (!sessionId || !olderCursor) return false;
    try {
      const page = await api<HistoryPage>(`/api/sessions/${sessionId}/messages?limit=${HISTORY_PAGE_SIZE}&before=${olderCursor}`);
      setMessages((current) => [...pageMessages(page), ...current]);
      setOlderCursor(page.nextCursor);
      return page.messages.length > 0;
    } catch (error) {
      setNotice(describe(error));
      return false;
    }
  };

  // A failure that neither a reply, the notice nor the connection banner shows.
  const unshown = status === "error" && error && !isNetworkError(error) && !parseApiError(error.message) && messages.at(-1)?.role !== "assistant";
  return {
    messages,
    /** A reply is being requested, streamed, or (just after a page load) still streaming on the server. */
    running: running || messages.at(-1)?.metadata?.status === "streaming",
    notice: notice ?? (unshown ? error.message : null),
    dismissNotice: () => {
      setNotice(null);
      clearError();
    },
    /** Shown until the running reply is followed again. */
    connectionLost: connectionLost && !running,
    hasOlder: olderCursor !== null,
    olderCursor,
    loadOlder,
    send,
    stop: stopReply,
    regenerate: regenerateReply,
    edit,
    showVersion,
  };
}
