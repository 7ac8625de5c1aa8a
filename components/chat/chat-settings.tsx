"use client";
// The role and model of a chat, changed from its header.
import { UserCog } from "lucide-react";
import { useState } from "react";
import { useApp } from "../app/app-context";
import type { ModelInfo } from "../lib/types";
import { RolesDialog } from "../roles/roles-dialog";
import { IconButton } from "../ui/icon-button";

export type ChatSettings = { roleId: string | null; model: string };

const select = "h-8 min-w-0 max-w-44 rounded-md border bg-background px-2 text-sm outline-none focus:border-accent max-sm:flex-1 max-sm:max-w-none";

/** The local model is a stand-in, never to be mistaken for a language model. */
const modelLabel = (model: ModelInfo) => (model.local ? "Local (offline demo)" : model.label);

export function ChatSettingsBar({ settings, onChange }: { settings: ChatSettings; onChange: (change: Partial<ChatSettings>) => void }) {
  const { roles, models } = useApp();
  const [managing, setManaging] = useState(false);
  const own = roles.filter((r) => !r.builtin);
  const offered = models.some((m) => m.id === settings.model);
  const local = models.find((m) => m.id === settings.model)?.local;

  return (
    <div className="flex items-center gap-1.5 max-sm:w-full">
      <select aria-label="Role" value={settings.roleId ?? ""} onChange={(e) => onChange({ roleId: e.target.value || null })} className={select}>
        <option value="">No role</option>
        <optgroup label="Built-in">
          {roles.filter((r) => r.builtin).map((role) => (
            <option key={role.id} value={role.id}>
              {role.name}
            </option>
          ))}
        </optgroup>
        {own.length > 0 && (
          <optgroup label="Your roles">
            {own.map((role) => (
              <option key={role.id} value={role.id}>
                {role.name}
              </option>
            ))}
          </optgroup>
        )}
      </select>
      <IconButton label="Manage roles" onClick={() => setManaging(true)}>
        <UserCog className="size-4" aria-hidden />
      </IconButton>
      <select aria-label="Model" value={settings.model} onChange={(e) => onChange({ model: e.target.value })} className={select}>
        {models.map((model) => (
          <option key={model.id} value={model.id}>
            {modelLabel(model)}
          </option>
        ))}
        {!offered && <option value={settings.model}>{settings.model} (no longer offered)</option>}
      </select>
      {local && (
        <span className="shrink-0 rounded-full bg-amber-100 px-2 py-0.5 text-xs text-amber-900 dark:bg-amber-500/20 dark:text-amber-200" title="Replies come from a built-in stand-in, not a language model">
          Demo
        </span>
      )}
      <RolesDialog open={managing} onClose={() => setManaging(false)} />
    </div>
  );
}
