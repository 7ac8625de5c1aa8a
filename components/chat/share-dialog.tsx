"use client";
// Share a chat: makes a read-only link to the thread as it is now, to copy.
import { Check, Copy } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { api } from "../lib/api";
import { useErrorMessage } from "../lib/use-error-message";
import { Dialog } from "../ui/dialog";

type Created = { url: string };

export function ShareDialog({ sessionId, onClose }: { sessionId: string; onClose: () => void }) {
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const t = useTranslations("share.dialog");
  const common = useTranslations("common");
  const describe = useErrorMessage();

  // Mounted each time it opens: one new link per opening.
  useEffect(() => {
    let current = true;
    api<Created>(`/api/sessions/${sessionId}/share`, { method: "POST" })
      // The page's own origin: the link works wherever this page was reached.
      .then((created) => current && setUrl(new URL(new URL(created.url).pathname, window.location.origin).toString()))
      .catch((err: unknown) => current && setError(describe(err)));
    return () => {
      current = false;
    };
  }, [sessionId, describe]);

  async function copy() {
    if (!url) return;
    await navigator.clipboard.writeText(url);
    setCopied(true);
  }

  return (
    <Dialog open onClose={onClose} title={t("title")}>
      <p className="text-sm text-muted-foreground">{t("explain")}</p>
      {error ? (
        <p role="alert" className="mt-4 rounded-lg bg-danger-soft px-3 py-2 text-sm text-danger">
          {error}
        </p>
      ) : (
        <div className="mt-4 flex gap-2">
          <input
            readOnly
            aria-label={t("link")}
            value={url ?? t("making")}
            onFocus={(event) => event.currentTarget.select()}
            className="h-9 min-w-0 flex-1 rounded-md border bg-muted px-2 text-sm"
          />
          <button type="button" onClick={() => void copy()} disabled={!url} className="inline-flex items-center gap-1.5 rounded-md bg-primary px-3 text-sm font-medium text-primary-foreground hover:opacity-90 disabled:opacity-50">
            {copied ? <Check className="size-4" aria-hidden /> : <Copy className="size-4" aria-hidden />}
            {t(copied ? "copied" : "copy")}
          </button>
        </div>
      )}
      <div className="mt-5 flex items-center justify-between gap-2 text-sm">
        <Link href="/settings#shared-links" className="text-accent underline-offset-2 hover:underline" onClick={onClose}>
          {t("manage")}
        </Link>
        <button type="button" onClick={onClose} className="rounded-md border px-3 py-1.5 hover:bg-muted">
          {common("done")}
        </button>
      </div>
    </Dialog>
  );
}
