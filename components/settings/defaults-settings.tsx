"use client";
// The role and model new chats start with, kept with the account (every browser, and the API).
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useApp } from "../app/app-context";
import { api } from "../lib/api";
import { useErrorMessage } from "../lib/use-error-message";
import { useRoleText } from "../roles/use-role-text";
import { Section, SectionError } from "./section";

const field = "h-9 min-w-0 rounded-md border bg-background px-3 text-sm outline-none focus:border-accent";

/** The select's value for "the server's default" and for "no role". */
const SERVER_DEFAULT = "";
const NO_ROLE = "none";

export function DefaultsSettings() {
  const { user, roles, models } = useApp();
  const router = useRouter();
  const t = useTranslations("settings");
  const chatT = useTranslations("chat.settings");
  const describe = useErrorMessage();
  const roleText = useRoleText();
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const prefs = user?.preferences ?? {};
  const role = prefs.defaultRoleId === null ? NO_ROLE : (prefs.defaultRoleId ?? SERVER_DEFAULT);
  const serverModel = models.find((m) => m.default) ?? models[0];

  async function save(change: { defaultRoleId?: string | null; defaultModel?: string }) {
    setSaved(false);
    setError(null);
    try {
      await api("/api/auth/me", { method: "PATCH", body: { preferences: change } });
      setSaved(true);
      router.refresh();
    } catch (err) {
      setError(describe(err));
    }
  }

  return (
    <Section id="defaults" title={t("defaults.title")} description={t("defaults.description")}>
      <div className="flex flex-wrap gap-4">
        <label className="flex min-w-0 flex-col gap-1 text-sm">
          {t("defaults.role")}
          <select value={role} onChange={(e) => void save({ defaultRoleId: e.target.value === NO_ROLE ? null : e.target.value || "assistant" })} className={field}>
            {role === SERVER_DEFAULT && <option value={SERVER_DEFAULT}>{t("defaults.serverDefault")}</option>}
            <option value={NO_ROLE}>{t("defaults.noRole")}</option>
            {roles.map((r) => (
              <option key={r.id} value={r.id}>
                {roleText(r).name}
              </option>
            ))}
          </select>
        </label>
        <label className="flex min-w-0 flex-col gap-1 text-sm">
          {t("defaults.model")}
          <select value={prefs.defaultModel ?? serverModel?.id ?? ""} onChange={(e) => void save({ defaultModel: e.target.value })} className={field}>
            {models.map((m) => (
              <option key={m.id} value={m.id}>
                {m.local ? chatT("localModel") : m.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      {saved && (
        <p role="status" className="mt-3 text-sm text-muted-foreground">
          {t("saved")}
        </p>
      )}
      <SectionError message={error} />
    </Section>
  );
}
