"use client";
// Under a finished message: how it ended, what it cost, and what can be done with it.
import { Check, Copy, Pencil, RefreshCw } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import type { MessageMeta, MessageStatus } from "../lib/types";
import { useClientNow } from "../lib/use-client-now";
import { IconButton } from "../ui/icon-button";
import { useThreadBusy } from "./thread-busy";

/** The endings worth a badge, named by the catalogue's message.status.<status>. */
const BADGES = {
  stopped: "bg-amber-100 text-amber-900 dark:bg-amber-500/20 dark:text-amber-200",
  error: "bg-danger-soft text-danger",
  interrupted: "bg-muted text-muted-foreground",
};

const badged = (status: MessageStatus): status is keyof typeof BADGES => status in BADGES;

export function StatusBadge({ status }: { status: MessageStatus }) {
  const t = useTranslations("message.status");
  if (!badged(status)) return null;
  return (
    <span data-testid="status-badge" className={`rounded-full px-2 py-0.5 text-xs font-medium ${BADGES[status]}`}>
      {t(status)}
    </span>
  );
}

/** "120 in · 48 out (8 reasoning) tokens · $0.0004 · model" in the reader's language, or null without usage. */
export function useUsageText(meta: MessageMeta | undefined): string | null {
  const t = useTranslations("message.usage");
  const format = useFormatter();
  const usage = meta?.usage;
  if (!usage) return null;
  const count = (tokens: number | null | undefined) => (tokens === null || tokens === undefined ? "?" : format.number(tokens));
  const pieces = [t("tokens", { input: count(usage.inputTokens), output: count(usage.outputTokens), reasoning: usage.reasoningTokens ?? 0 })];
  const cost = meta.cost;
  // Dollars to the cent, or to a hundredth of a cent below one.
  const digits = cost === 0 ? 0 : cost !== null && cost !== undefined && cost < 0.01 ? 4 : 2;
  pieces.push(cost === null || cost === undefined ? t("costUnknown") : format.number(cost, { style: "currency", currency: "USD", minimumFractionDigits: digits, maximumFractionDigits: digits }));
  if (meta.model) pieces.push(meta.model);
  return pieces.join(" · ");
}

export function CopyButton({ text }: { text: string }) {
  const t = useTranslations("message");
  const [copied, setCopied] = useState(false);
  return (
    <IconButton
      label={t(copied ? "copied" : "copy")}
      className="size-7"
      onClick={async () => {
        await navigator.clipboard.writeText(text);
        setCopied(true);
        setTimeout(() => setCopied(false), 1500);
      }}
    >
      {copied ? <Check className="size-3.5" aria-hidden /> : <Copy className="size-3.5" aria-hidden />}
    </IconButton>
  );
}

export function EditButton({ onClick }: { onClick: () => void }) {
  const t = useTranslations("message");
  return (
    <IconButton label={t("edit")} className="size-7" onClick={onClick}>
      <Pencil className="size-3.5" aria-hidden />
    </IconButton>
  );
}

export function RegenerateButton({ onClick }: { onClick: () => void }) {
  const t = useTranslations("message");
  return (
    <IconButton label={t("regenerate")} className="size-7" onClick={onClick} disabled={useThreadBusy()}>
      <RefreshCw className="size-3.5" aria-hidden />
    </IconButton>
  );
}

// Read once: finding it makes a new Intl.DateTimeFormat, which costs about a millisecond on a
// phone, once per message drawn.
let browserTimeZone: string | undefined;
const localTimeZone = () => (browserTimeZone ??= Intl.DateTimeFormat().resolvedOptions().timeZone);

/**
 * When a message was written, in the reader's language and time zone (the browser's,
 * not the server's that next-intl was given): the time today, the date before (the
 * full moment on hover).
 */
export function MessageTime({ createdAt }: { createdAt: string | undefined }) {
  const now = useClientNow();
  const format = useFormatter();
  if (!createdAt || now === null) return null;
  const at = new Date(createdAt);
  const timeZone = localTimeZone();
  const today = at.toDateString() === new Date(now).toDateString();
  const shown = today
    ? format.dateTime(at, { hour: "2-digit", minute: "2-digit", timeZone })
    : format.dateTime(at, { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", timeZone });
  return (
    <time dateTime={createdAt} title={format.dateTime(at, { dateStyle: "full", timeStyle: "short", timeZone })} className="px-1 text-xs text-muted-foreground tabular-nums">
      {shown}
    </time>
  );
}
