"use client";
// The sidebar's list: the user's sessions (pinned, then recent) or, while a query
// is typed, the matching ones with their snippets. More load as the list scrolls.
import { usePathname, useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useApp } from "../app/app-context";
import { useSessionList } from "../app/sessions-store";
import { useStore } from "../lib/store";
import { forgetChat } from "../chat/chat-cache";
import { api } from "../lib/api";
import { sessionTitle } from "../lib/session-title";
import type { SessionListItem, SessionView } from "../lib/types";
import { ConfirmDialog } from "../ui/dialog";
import { SessionItem } from "./session-item";
import { useClientNow } from "../lib/use-client-now";
import { useErrorMessage } from "../lib/use-error-message";
import { useInfiniteScroll } from "./use-infinite-scroll";
import { useSessionSearch } from "./use-session-search";

export function SessionList({ query }: { query: string }) {
  const { sessions, setDrawerOpen, startNewChat, openChat, previewing } = useApp();
  const list = useSessionList(sessions);
  const search = useSessionSearch(query);
  const router = useRouter();
  const pathname = usePathname();
  const previewId = useStore(previewing);
  const currentId = previewId ?? (pathname.startsWith("/c/") ? pathname.slice(3) : null);
  const [deleting, setDeleting] = useState<SessionListItem | null>(null);
  const [error, setError] = useState<string | null>(null);
  const now = useClientNow();
  const t = useTranslations("sidebar");
  const describe = useErrorMessage();

  const items = search.active ? (search.results?.items ?? []) : list.items;
  const hasMore = Boolean(search.active ? search.results?.nextCursor : list.nextCursor);
  const sentinel = useInfiniteScroll<HTMLDivElement>(search.active ? search.loadMore : sessions.loadMore, hasMore);

  async function change(session: SessionListItem, fields: Partial<Pick<SessionView, "title" | "pinned">>) {
    setError(null);
    try {
      const updated = await api<SessionView>(`/api/sessions/${session.id}`, { method: "PATCH", body: fields });
      sessions.upsert(updated);
      search.update(session.id, updated);
    } catch (err) {
      setError(describe(err));
    }
  }

  async function remove(session: SessionListItem) {
    setDeleting(null);
    setError(null);
    try {
      await api(`/api/sessions/${session.id}`, { method: "DELETE" });
      sessions.remove(session.id);
      forgetChat(session.id);
      search.update(session.id, null);
      if (pathname === `/c/${session.id}`) {
        startNewChat();
        router.replace("/");
      }
    } catch (err) {
      setError(describe(err));
    }
  }

  const renderItem = (session: SessionListItem) => (
    <SessionItem
      key={session.id}
      session={session}
      active={session.id === currentId}
      query={search.active ? query : ""}
      onOpen={(event) => {
        setDrawerOpen(false);
        // A click Next opens in this tab (not a new tab or window).
        if (event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey) openChat(session.id);
      }}
      onRename={(title) => change(session, { title })}
      onTogglePin={() => change(session, { pinned: !session.pinned })}
      onDelete={() => setDeleting(session)}
    />
  );

  const pinned = search.active ? [] : items.filter((s) => s.pinned);
  const rest = search.active ? items : items.filter((s) => !s.pinned);
  const groups = search.active ? [{ age: "results" as const, items: rest }] : byAge(rest, now);

  return (
    <nav aria-label={t(search.active ? "searchResults" : "chats")} className="min-h-0 flex-1 overflow-y-auto px-2 pb-2">
      {error && (
        <p role="alert" className="m-2 rounded-md bg-danger-soft px-3 py-2 text-xs text-danger">
          {error}
        </p>
      )}
      {pinned.length > 0 && (
        <Group title={t("groups.pinned")}>{pinned.map(renderItem)}</Group>
      )}
      {/* Keyed by position: when the browser's clock turns "Recent" into "Today" after hydration, the items stay mounted. */}
      {groups.map((group, i) => (
        <Group key={i} title={t(`groups.${group.age}`)}>
          {group.items.map(renderItem)}
        </Group>
      ))}
      <Status search={search} empty={items.length === 0} />
      <div ref={sentinel} aria-hidden className="h-px" />
      <ConfirmDialog
        open={deleting !== null}
        title={t("deleteDialog.title")}
        message={t("deleteDialog.message", { title: deleting ? sessionTitle(deleting, t("session.untitled")) : "" })}
        confirmLabel={t("deleteDialog.confirm")}
        onConfirm={() => deleting && void remove(deleting)}
        onClose={() => setDeleting(null)}
      />
    </nav>
  );
}

const DAY_MS = 24 * 3600 * 1000;

/** A group of the list, named by the catalogue's sidebar.groups.<age>. */
type Age = "results" | "recent" | "today" | "yesterday" | "previous7" | "previous30" | "older";

/**
 * Chats by when they were last active, in the browser's time zone: Today,
 * Yesterday, Previous 7 days, Previous 30 days, Older (empty groups left out).
 * Before the page knows the browser's clock, one "Recent" group.
 */
function byAge(items: SessionListItem[], now: number | null): Array<{ age: Age; items: SessionListItem[] }> {
  if (now === null) return [{ age: "recent", items }];
  const midnight = new Date(now).setHours(0, 0, 0, 0);
  const bounds: Array<[Age, number]> = [
    ["today", midnight],
    ["yesterday", midnight - DAY_MS],
    ["previous7", midnight - 7 * DAY_MS],
    ["previous30", midnight - 30 * DAY_MS],
    ["older", -Infinity],
  ];
  const groups = bounds.map(([age]) => ({ age, items: [] as SessionListItem[] }));
  for (const item of items) {
    const at = Date.parse(item.lastMessageAt);
    groups[bounds.findIndex(([, from]) => at >= from)]!.items.push(item);
  }
  return groups.filter((group) => group.items.length > 0);
}

function Group({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="mt-3">
      <h2 className="px-3 pb-1 text-xs font-medium text-muted-foreground">{title}</h2>
      <ul className="space-y-0.5">{children}</ul>
    </section>
  );
}

function Status({ search, empty }: { search: ReturnType<typeof useSessionSearch>; empty: boolean }) {
  const t = useTranslations("sidebar.status");
  const text = search.error ?? (search.loading ? t("searching") : empty ? t(search.active ? "noMatches" : "none") : null);
  if (!text) return null;
  return (
    <p role="status" className="px-3 py-2 text-sm text-muted-foreground">
      {text}
    </p>
  );
}
