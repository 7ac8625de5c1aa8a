"use client";
// Under a finished message: how it ended, what it cost, and what can be done with it.
import { Check, Copy, Pencil, RefreshCw } from "lucide-react";
import { useState } from "react";
import type { MessageMeta, MessageStatus } from "../lib/types";
import { useClientNow } from "../lib/use-client-now";
import { IconButton } from "../ui/icon-button";

const BADGES: Partial<Record<MessageStatus, { label: string; className: string }>> = {
  stopped: { label: "Stopped", className: "bg-amber-100 text-amber-900 dark:bg-amber-500/20 dark:text-amber-200" },
  error: { label: "Error", className: "bg-danger-soft text-danger" },
  interrupted: { label: "Interrupted", className: "bg-muted text-muted-foreground" },
};

export function StatusBadge({ status }: { status: MessageStatus }) {
  const badge = BADGES[status];
  if (!badge) return null;
  return (
    <span data-testid="status-badge" className={`rounded-full px-2 py-0.5 text-xs font-medium ${badge.className}`}>
      {badge.label}
    </span>
  );
}

function formatCost(cost: number): string {
  return cost === 0 ? "$0" : cost < 0.01 ? `$${cost.toFixed(4)}` : `$${cost.toFixed(2)}`;
}

/** "120 in · 48 out (8 reasoning) · $0.0004 · model", or null without usage. */
export function usageText(meta: MessageMeta | undefined): string | null {
  const usage = meta?.usage;
  if (!usage) return null;
  const pieces = [`${usage.inputTokens ?? "?"} in · ${usage.outputTokens ?? "?"} out${usage.reasoningTokens ? ` (${usage.reasoningTokens} reasoning)` : ""} tokens`];
  pieces.push(meta.cost === null || meta.cost === undefined ? "cost unknown" : formatCost(meta.cost));
  if (meta.model) pieces.push(meta.model);
  return pieces.join(" · ");
}

export function CopyButton({ text }: { text: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <IconButton
      label={copied ? "Copied" : "Copy message"}
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

export function EditButton({ onClick, disabled }: { onClick: () => void; disabled: boolean }) {
  return (
    <IconButton label="Edit message" className="size-7" onClick={onClick} disabled={disabled}>
      <Pencil className="size-3.5" aria-hidden />
    </IconButton>
  );
}

export function RegenerateButton({ onClick, disabled }: { onClick: () => void; disabled: boolean }) {
  return (
    <IconButton label="Regenerate reply" className="size-7" onClick={onClick} disabled={disabled}>
      <RefreshCw className="size-3.5" aria-hidden />
    </IconButton>
  );
}

/** When a message was written, in the reader's time zone: the time today, the date before (the full moment on hover). */
export function MessageTime({ createdAt }: { createdAt: string | undefined }) {
  const now = useClientNow();
  if (!createdAt || now === null) return null;
  const at = new Date(createdAt);
  const today = at.toDateString() === new Date(now).toDateString();
  const shown = today ? at.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }) : at.toLocaleString([], { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });
  return (
    <time dateTime={createdAt} title={at.toLocaleString([], { dateStyle: "full", timeStyle: "short" })} className="px-1 text-xs text-muted-foreground tabular-nums">
      {shown}
    </time>
  );
}
