"use client";
// The role and model of a chat, changed from its header.
import { UserCog } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useApp } from "../app/app-context";
import type { ModelInfo } from "../lib/types";
import { RolesDialog } from "../roles/roles-dialog";
import { useRoleText } from "../roles/use-role-text";
import { IconButton } from "../ui/icon-button";

export type ChatSettings = { roleId: string | null; model: string };

const select = "h-8 min-w-0 max-w-44 rounded-md border bg-background px-2 text-sm text-foreground outline-none focus:border-accent max-sm:flex-1 max-sm:max-w-none";

export function ChatSettingsBar({ settings, onChange }: { settings: ChatSettings; onChange: (change: Partial<ChatSettings>) => void }) {
  const { roles, models } = useApp();
  const t = useTranslations("chat.settings");
  const roleText = useRoleText();
  /** The local model is a stand-in, never to be mistaken for a language model. */
  const modelLabel = (model: ModelInfo) => (model.local ? t("localModel") : model.label);
  const [managing, setManaging] = useState(false);
  const own = roles.filter((r) => !r.builtin);
  const offered = models.some((m) => m.id === settings.model);
  const local = models.find((m) => m.id === settings.model)?.local;

  return (
    <div className="flex items-center gap-1.5 max-sm:w-full">
      {/* Labelled in words where there is room (the first visit's question is "what are these?"). */}
      <label className="flex min-w-0 items-center gap-1.5 text-xs text-muted-foreground max-sm:flex-1">
        <span className="max-lg:sr-only">{t("role")}</span>
      <select aria-label={t("role")} value={settings.roleId ?? ""} onChange={(e) => onChange({ roleId: e.target.value || null })} className={select}>
        <option value="">{t("noRole")}</option>
        <optgroup label={t("builtin")}>
          {roles.filter((r) => r.builtin).map((role) => {
            const { name, description } = roleText(role);
            return (
              <option key={role.id} value={role.id} title={description}>
                {name}
              </option>
            );
          })}
        </optgroup>
        {own.length > 0 && (
          <optgroup label={t("ownRoles")}>
            {own.map((role) => (
              <option key={role.id} value={role.id}>
                {role.name}
              </option>
            ))}
          </optgroup>
        )}
      </select>
      </label>
      <IconButton label={t("manageRoles")} onClick={() => setManaging(true)}>
        <UserCog className="size-4" aria-hidden />
      </IconButton>
      <label className="flex min-w-0 items-center gap-1.5 text-xs text-muted-foreground max-sm:flex-1">
        <span className="max-lg:sr-only">{t("model")}</span>
      <select aria-label={t("model")} value={settings.model} onChange={(e) => onChange({ model: e.target.value })} className={select}>
        {models.map((model) => (
          <option key={model.id} value={model.id}>
            {modelLabel(model)}
          </option>
        ))}
        {!offered && <option value={settings.model}>{t("modelGone", { model: settings.model })}</option>}
      </select>
      </label>
      {local && (
        <span className="shrink-0 rounded-full bg-amber-100 px-2 py-0.5 text-xs text-amber-900 dark:bg-amber-500/20 dark:text-amber-200" title={t("demoTitle")}>
          {t("demo")}
        </span>
      )}
      <RolesDialog open={managing} onClose={() => setManaging(false)} />
    </div>
  );
}
