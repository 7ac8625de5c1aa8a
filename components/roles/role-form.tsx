"use client";
// Create or edit one of the user's own roles: a name and the system prompt it sets.
import { useTranslations } from "next-intl";
import { useState } from "react";
import { api } from "../lib/api";
import type { RoleView } from "../lib/types";
import { useErrorMessage } from "../lib/use-error-message";

type Props = { role: RoleView | null; onSaved: (role: RoleView) => void; onCancel: () => void };

const field = "w-full rounded-md border bg-background px-3 py-2 text-sm outline-none focus:border-accent";

export function RoleForm({ role, onSaved, onCancel }: Props) {
  const [name, setName] = useState(role?.name ?? "");
  const [description, setDescription] = useState(role?.description ?? "");
  const [systemPrompt, setSystemPrompt] = useState(role?.systemPrompt ?? "");
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const t = useTranslations("roles.form");
  const common = useTranslations("common");
  const describe = useErrorMessage();

  async function save() {
    setSaving(true);
    setError(null);
    try {
      const body = { name, description, systemPrompt };
      onSaved(role ? await api<RoleView>(`/api/roles/${role.id}`, { method: "PATCH", body }) : await api<RoleView>("/api/roles", { method: "POST", body }));
    } catch (err) {
      setError(describe(err));
    } finally {
      setSaving(false);
    }
  }

  return (
    <form
      aria-label={role ? t("editLabel", { name: role.name }) : t("newLabel")}
      className="grid gap-3"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <label className="grid gap-1 text-sm">
        <span className="font-medium">{t("name")}</span>
        <input required maxLength={60} value={name} onChange={(e) => setName(e.target.value)} className={field} />
      </label>
      <label className="grid gap-1 text-sm">
        <span className="font-medium">{t("description")}</span>
        <input maxLength={300} value={description} onChange={(e) => setDescription(e.target.value)} className={field} />
      </label>
      <label className="grid gap-1 text-sm">
        <span className="font-medium">{t("systemPrompt")}</span>
        <textarea required rows={6} value={systemPrompt} onChange={(e) => setSystemPrompt(e.target.value)} className={field} />
      </label>
      {error && (
        <p role="alert" className="text-sm text-danger">
          {error}
        </p>
      )}
      <div className="flex justify-end gap-2">
        <button type="button" onClick={onCancel} className="rounded-md border px-3 py-1.5 text-sm hover:bg-muted">
          {common("cancel")}
        </button>
        <button type="submit" disabled={saving} className="rounded-md bg-primary px-3 py-1.5 text-sm font-medium text-primary-foreground disabled:opacity-50">
          {t(role ? "save" : "create")}
        </button>
      </div>
    </form>
  );
}
