"use client";
// Full-text search over the user's sessions, as they type (debounced, stale answers dropped).
import { useCallback, useEffect, useState } from "react";
import { api } from "../lib/api";
import type { SessionListItem } from "../lib/types";
import { SESSIONS_PAGE_SIZE } from "../lib/paging";
import { useErrorMessage } from "../lib/use-error-message";

type Results = { query: string; items: SessionListItem[]; nextCursor: string | null };
type SessionPage = { sessions: SessionListItem[]; nextCursor: string | null };

const DEBOUNCE_MS = 250;
const searchUrl = (q: string, cursor?: string) =>
  `/api/sessions?limit=${SESSIONS_PAGE_SIZE}&q=${encodeURIComponent(q)}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;

export function useSessionSearch(query: string) {
  const [results, setResults] = useState<Results | null>(null);
  const [error, setError] = useState<string | null>(null);
  const q = query.trim();
  const describe = useErrorMessage();

  useEffect(() => {
    if (!q) return;
    const abort = new AbortController();
    const timer = setTimeout(async () => {
      try {
        const page = await api<SessionPage>(searchUrl(q), { signal: abort.signal });
        setResults({ query: q, items: page.sessions, nextCursor: page.nextCursor });
        setError(null);
      } catch (err) {
        if (!abort.signal.aborted) setError(describe(err));
      }
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [q, describe]);

  const loadMore = useCallback(async () => {
    if (!results?.nextCursor) return;
    const page = await api<SessionPage>(searchUrl(results.query, results.nextCursor));
    setResults((current) => current && current.query === results.query ? { ...current, items: [...current.items, ...page.sessions], nextCursor: page.nextCursor } : current);
  }, [results]);

  /** Keeps shown results in step with renames, pins and deletes made from them. */
  const update = useCallback((id: string, change: Partial<SessionListItem> | null) => {
    setResults((current) =>
      current && { ...current, items: change ? current.items.map((s) => (s.id === id ? { ...s, ...change } : s)) : current.items.filter((s) => s.id !== id) },
    );
  }, []);

  // Results of an older query are not shown while the new one loads.
  const current = q && results?.query === q ? results : null;
  return { active: q !== "", results: current, loading: q !== "" && !current && !error, error: q ? error : null, loadMore, update };
}
