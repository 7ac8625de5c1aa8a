"use client";
// The chats you have shared: open, copy or delete each link.
import { Check, Copy, Trash2 } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { api } from "../lib/api";
import { useErrorMessage } from "../lib/use-error-message";
import { ConfirmDialog } from "../ui/dialog";
import { IconButton } from "../ui/icon-button";
import { Section, SectionError } from "./section";
import type { ShareView } from "@/lib/shares";

export function SharedLinks({ initial, enabled }: { initial: ShareView[]; enabled: boolean }) {
  const t = useTranslations("settings.shares");
  const format = useFormatter();
  const describe = useErrorMessage();
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
      setError(describe(err));
    }
  }

  async function copy(share: ShareView) {
    await navigator.clipboard.writeText(new URL(share.path, window.location.origin).toString());
    setCopied(share.id);
  }

  return (
    <Section id="shared-links" title={t("title")} description={enabled ? t("description") : t("off")}>
      {enabled && shares.length === 0 && <p className="text-sm text-muted-foreground">{t("none")}</p>}
      {shares.length > 0 && (
        <ul className="divide-y rounded-lg border">
          {shares.map((share) => (
            <li key={share.id} className="flex items-center gap-2 px-3 py-2">
              <div className="min-w-0 flex-1">
                <a href={share.path} target="_blank" rel="noreferrer" className="block truncate text-sm font-medium hover:underline">
                  {share.title}
                </a>
                <time dateTime={share.createdAt} className="text-xs text-muted-foreground">
                  {t("shared", { date: format.dateTime(new Date(share.createdAt), { dateStyle: "medium", timeStyle: "short" }) })}
                </time>
              </div>
              <IconButton label={copied === share.id ? t("copied") : t("copy", { title: share.title })} onClick={() => void copy(share)}>
                {copied === share.id ? <Check className="size-4" aria-hidden /> : <Copy className="size-4" aria-hidden />}
              </IconButton>
              <IconButton label={t("delete", { title: share.title })} onClick={() => setDeleting(share)}>
                <Trash2 className="size-4" aria-hidden />
              </IconButton>
            </li>
          ))}
        </ul>
      )}
      <SectionError message={error} />
      <ConfirmDialog
        open={deleting !== null}
        title={t("deleteTitle")}
        message={deleting ? t("deleteText", { title: deleting.title }) : ""}
        confirmLabel={t("deleteConfirm")}
        onConfirm={() => deleting && void remove(deleting)}
        onClose={() => setDeleting(null)}
      />
    </Section>
  );
}
