"use client";
// API tokens for programs: make one (shown once, to copy), see when each was last used, revoke it.
import { Check, Copy, Trash2 } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useState, type FormEvent } from "react";
import { api } from "../lib/api";
import { useErrorMessage } from "../lib/use-error-message";
import { ConfirmDialog } from "../ui/dialog";
import { IconButton } from "../ui/icon-button";
import { Section, SectionError } from "./section";
import type { TokenView } from "@/lib/tokens";

const field = "h-9 rounded-md border bg-background px-3 text-sm outline-none focus:border-accent";
const button = "inline-flex h-9 items-center justify-center rounded-md border px-3 text-sm font-medium hover:bg-muted disabled:opacity-50";

/** How long a new token lives, in days (0: until revoked). */
const EXPIRIES = [30, 90, 365, 0];

export function TokenSettings() {
  const t = useTranslations("settings.tokens");
  const format = useFormatter();
  const describe = useErrorMessage();
  const when = (at: string) => format.dateTime(new Date(at), { dateStyle: "medium" });
  const expiryLabel = (days: number) => (days === 0 ? t("never") : days === 365 ? t("year") : t("days", { count: days }));
  const [tokens, setTokens] = useState<TokenView[] | null>(null);
  const [name, setName] = useState("");
  const [days, setDays] = useState(90);
  const [readOnly, setReadOnly] = useState(false);
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const [copied, setCopied] = useState(false);
  const [revoking, setRevoking] = useState<TokenView | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api<{ tokens: TokenView[] }>("/api/tokens").then(
      (page) => setTokens(page.tokens),
      (err) => setError(describe(err)),
    );
  }, [describe]);

  async function create(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      const body = { name: name.trim(), access: readOnly ? "read-only" : "read-write", ...(days ? { expiresInDays: days } : {}) };
      const made = await api<TokenView & { token: string }>("/api/tokens", { method: "POST", body });
      const { token, ...view } = made;
      setTokens((all) => [view, ...(all ?? [])]);
      setCreated({ name: view.name, token });
      setCopied(false);
      setName("");
    } catch (err) {
      setError(describe(err));
    }
  }

  async function revoke(token: TokenView) {
    setRevoking(null);
    try {
      await api(`/api/tokens/${token.id}`, { method: "DELETE" });
      setTokens((all) => (all ?? []).filter((t) => t.id !== token.id));
    } catch (err) {
      setError(describe(err));
    }
  }

  const active = (tokens ?? []).filter((t) => !t.revokedAt);
  return (
    <Section id="api-tokens" title={t("title")} description={t("description")}>
      <form onSubmit={(event) => void create(event)} className="flex flex-wrap items-end gap-2">
        <label className="flex min-w-40 flex-1 flex-col gap-1 text-sm">
          {t("name")}
          <input required maxLength={60} value={name} onChange={(e) => setName(e.target.value)} placeholder={t("namePlaceholder")} className={field} />
        </label>
        <label className="flex flex-col gap-1 text-sm">
          {t("expires")}
          <select value={days} onChange={(e) => setDays(Number(e.target.value))} className={field}>
            {EXPIRIES.map((days) => (
              <option key={days} value={days}>
                {expiryLabel(days)}
              </option>
            ))}
          </select>
        </label>
        <label className="flex h-9 items-center gap-2 text-sm">
          <input type="checkbox" checked={readOnly} onChange={(e) => setReadOnly(e.target.checked)} />
          {t("readOnly")}
        </label>
        <button type="submit" className={button}>
          {t("create")}
        </button>
      </form>

      {created && (
        <div role="status" className="mt-4 rounded-lg border border-accent/40 bg-accent-soft p-3 text-sm">
          <p className="font-medium">{t("copyNow", { name: created.name })}</p>
          <div className="mt-2 flex items-center gap-2">
            <code data-testid="new-token" className="min-w-0 flex-1 truncate rounded bg-background px-2 py-1.5 font-mono text-xs">
              {created.token}
            </code>
            <IconButton
              label={copied ? t("copied") : t("copy")}
              onClick={() => {
                void navigator.clipboard.writeText(created.token).then(() => setCopied(true));
              }}
            >
              {copied ? <Check className="size-4" aria-hidden /> : <Copy className="size-4" aria-hidden />}
            </IconButton>
          </div>
          <pre className="mt-2 overflow-x-auto rounded bg-background px-2 py-1.5 font-mono text-xs">{`curl ${window.location.origin}/v1/models -H "Authorization: Bearer ${created.token}"`}</pre>
        </div>
      )}

      {tokens !== null && (
        <div className="mt-4">
          {active.length === 0 ? (
            <p className="text-sm text-muted-foreground">{t("none")}</p>
          ) : (
            <ul className="divide-y rounded-lg border" aria-label={t("list")}>
              {active.map((token) => (
                <li key={token.id} className="flex items-center gap-2 px-3 py-2">
                  <div className="min-w-0 flex-1">
                    <p className="truncate text-sm font-medium">
                      {token.name}
                      {token.access === "read-only" && <span className="ml-2 rounded bg-muted px-1.5 py-0.5 text-xs font-normal">{t("readOnlyBadge")}</span>}
                    </p>
                    <p className="text-xs text-muted-foreground">
                      {t("created", { date: when(token.createdAt) })} · {token.expiresAt ? t("expiresOn", { date: when(token.expiresAt) }) : t("neverExpires")} ·{" "}
                      {token.lastUsedAt ? t("lastUsed", { date: when(token.lastUsedAt) }) : t("neverUsed")}
                    </p>
                  </div>
                  <IconButton label={t("revoke", { name: token.name })} onClick={() => setRevoking(token)}>
                    <Trash2 className="size-4" aria-hidden />
                  </IconButton>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <SectionError message={error} />
      <ConfirmDialog
        open={revoking !== null}
        title={t("revokeTitle")}
        message={revoking ? t("revokeText", { name: revoking.name }) : ""}
        confirmLabel={t("revokeConfirm")}
        onConfirm={() => revoking && void revoke(revoking)}
        onClose={() => setRevoking(null)}
      />
    </Section>
  );
}
