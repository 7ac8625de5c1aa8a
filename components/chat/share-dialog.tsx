"use client";
// Share a chat: makes a read-only link to the thread as it is now, to copy.
import { Check, Copy } from "lucide-react";
import Link from "next/link";
import { useEffect, useState } from "react";
import { api, errorMessage } from "../lib/api";
import { Dialog } from "../ui/dialog";

type Created = { url: string };

export function ShareDialog({ sessionId, onClose }: { sessionId: string; onClose: () => void }) {
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);

  // Mounted each time it opens: one new link per opening.
  useEffect(() => {
    let current = true;
    api<Created>(`/api/sessions/${sessionId}/share`, { method: "POST" })
      // The page's own origin: the link works wherever this page was reached.
      .then((created) => current && setUrl(new URL(new URL(created.url).pathname, window.location.origin).toString()))
      .catch((err: unknown) => current && setError(errorMessage(err)));
    return () => {
      current = false;
    };
  }, [sessionId]);

  async function copy() {
    if (!url) return;
    await navigator.clipboard.writeText(url);
    setCopied(true);
  }

  return (
    <Dialog open onClose={onClose} title="Share this chat">
      <p className="text-sm text-muted-foreground">Anyone with the link can read this chat as it is now, without signing in. What you write later is not in it.</p>
      {error ? (
        <p role="alert" className="mt-4 rounded-lg bg-danger-soft px-3 py-2 text-sm text-danger">
          {error}
        </p>
      ) : (
        <div className="mt-4 flex gap-2">
          <input
            readOnly
            aria-label="Share link"
            value={url ?? "Making a link…"}
            onFocus={(event) => event.currentTarget.select()}
            className="h-9 min-w-0 flex-1 rounded-md border bg-muted px-2 text-sm"
          />
          <button type="button" onClick={() => void copy()} disabled={!url} className="inline-flex items-center gap-1.5 rounded-md bg-primary px-3 text-sm font-medium text-primary-foreground hover:opacity-90 disabled:opacity-50">
            {copied ? <Check className="size-4" aria-hidden /> : <Copy className="size-4" aria-hidden />}
            {copied ? "Copied" : "Copy link"}
          </button>
        </div>
      )}
      <div className="mt-5 flex items-center justify-between gap-2 text-sm">
        <Link href="/settings#shared-links" className="text-accent underline-offset-2 hover:underline" onClick={onClose}>
          Manage shared links
        </Link>
        <button type="button" onClick={onClose} className="rounded-md border px-3 py-1.5 hover:bg-muted">
          Close
        </button>
      </div>
    </Dialog>
  );
}
