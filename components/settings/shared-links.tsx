"use client";
// The chats you have shared: open, copy or delete each link.
import { Check, Copy, Trash2 } from "lucide-react";
import { useState } from "react";
import { api, errorMessage } from "../lib/api";
import { ConfirmDialog } from "../ui/dialog";
import { IconButton } from "../ui/icon-button";
import { Section } from "./section";
import type { ShareView } from "@/lib/shares";

export function SharedLinks({ initial, enabled }: { initial: ShareView[]; enabled: boolean }) {
  const [shares, setShares] = useState(initial);
  const [deleting, setDeleting] = useState<ShareView | null>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function remove(share: ShareView) {
    setDeleting(null);
    try {
      await api(`/api/shares/${share.id}`, { method: "DELETE" });
      setShares((all) => all.filter((s) => s.id !== share.id));
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  async function copy(share: ShareView) {
    await navigator.clipboard.writeText(new URL(share.path, window.location.origin).toString());
    setCopied(share.id);
  }

  const description = enabled
    ? "Anyone with one of these links can read that chat as it was when you shared it. Delete a link and it stops working."
    : "Sharing is turned off on this server.";
  return (
    <Section id="shared-links" title="Shared links" description={description}>
      {enabled && shares.length === 0 && <p className="text-sm text-muted-foreground">No shared chats yet. Share one from its ⋯ menu.</p>}
      {shares.length > 0 && (
        <ul className="divide-y rounded-lg border">
          {shares.map((share) => (
            <li key={share.id} className="flex items-center gap-2 px-3 py-2">
              <div className="min-w-0 flex-1">
                <a href={share.path} target="_blank" rel="noreferrer" className="block truncate text-sm font-medium hover:underline">
                  {share.title}
                </a>
                <time dateTime={share.createdAt} className="text-xs text-muted-foreground">
                  Shared {new Date(share.createdAt).toLocaleString()}
                </time>
              </div>
              <IconButton label={copied === share.id ? "Copied" : `Copy link to ${share.title}`} onClick={() => void copy(share)}>
                {copied === share.id ? <Check className="size-4" aria-hidden /> : <Copy className="size-4" aria-hidden />}
              </IconButton>
              <IconButton label={`Delete link to ${share.title}`} onClick={() => setDeleting(share)}>
                <Trash2 className="size-4" aria-hidden />
              </IconButton>
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p role="alert" className="mt-3 rounded-lg bg-danger-soft px-3 py-2 text-sm text-danger">
          {error}
        </p>
      )}
      <ConfirmDialog
        open={deleting !== null}
        title="Delete this link?"
        message={deleting ? `“${deleting.title}” will no longer be readable at its link. The chat itself stays.` : ""}
        confirmLabel="Delete link"
        onConfirm={() => deleting && void remove(deleting)}
        onClose={() => setDeleting(null)}
      />
    </Section>
  );
}
