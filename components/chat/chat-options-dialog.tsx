"use client";
// A chat's own system prompt (replacing its role's) and temperature. The role's
// prompt can be read here, so what the model is told is never hidden.
import { useTranslations } from "next-intl";
import { useState, type FormEvent, type ReactNode } from "react";
import { useApp } from "../app/app-context";
import { Dialog } from "../ui/dialog";

export type ChatOptions = { systemPrompt: string | null; temperature: number | null };

const DEFAULT_TEMPERATURE = 1;

/** `phoneBar`: the role and model pickers, which a phone's one-row header has no room for. */
type Props = { roleId: string | null; options: ChatOptions; phoneBar: ReactNode; onSave: (options: ChatOptions) => void; onClose: () => void };

export function ChatOptionsDialog({ roleId, options, phoneBar, onSave, onClose }: Props) {
  const t = useTranslations("chat.options");
  const common = useTranslations("common");
  const { roles } = useApp();
  const role = roles.find((r) => r.id === roleId);
  const [prompt, setPrompt] = useState(options.systemPrompt ?? "");
  const [ownTemperature, setOwnTemperature] = useState(options.temperature !== null);
  const [temperature, setTemperature] = useState(options.temperature ?? DEFAULT_TEMPERATURE);

  function submit(event: FormEvent) {
    event.preventDefault();
    onSave({ systemPrompt: prompt.trim() ? prompt : null, temperature: ownTemperature ? temperature : null });
  }

  return (
    <Dialog open onClose={onClose} title={t("title")}>
      <div className="mb-4 sm:hidden">{phoneBar}</div>
      <form onSubmit={submit} className="flex flex-col gap-4 text-sm">
        <label className="flex flex-col gap-1">
          <span className="font-medium">{t("systemPrompt")}</span>
          <textarea
            value={prompt}
            onChange={(e) => setPrompt(e.target.value)}
            rows={5}
            maxLength={16000}
            placeholder={role ? t("systemPromptPlaceholder") : t("systemPromptPlaceholderNoRole")}
            className="resize-y rounded-md border bg-background px-3 py-2 outline-none focus:border-accent"
          />
        </label>
        {role && (
          <details className="rounded-md border bg-muted/40 px-3 py-2">
            <summary className="cursor-pointer text-muted-foreground">{t("rolePrompt")}</summary>
            <p className="mt-2 whitespace-pre-wrap text-muted-foreground" data-testid="role-prompt">
              {role.systemPrompt}
            </p>
          </details>
        )}
        <fieldset className="flex flex-col gap-2">
          <legend className="mb-1 font-medium">{t("temperature")}</legend>
          <label className="flex items-center gap-2">
            <input type="checkbox" checked={ownTemperature} onChange={(e) => setOwnTemperature(e.target.checked)} />
            {t("ownTemperature")}
          </label>
          <div className="flex items-center gap-3">
            <input
              type="range"
              min={0}
              max={2}
              step={0.1}
              value={temperature}
              disabled={!ownTemperature}
              onChange={(e) => setTemperature(Number(e.target.value))}
              aria-label={t("temperature")}
              className="flex-1 accent-[var(--color-accent)] disabled:opacity-40"
            />
            <output className="w-8 text-right tabular-nums">{ownTemperature ? temperature.toFixed(1) : "—"}</output>
          </div>
          <p className="text-xs text-muted-foreground">{t("temperatureHelp")}</p>
        </fieldset>
        <div className="flex justify-end gap-2">
          <button type="button" onClick={onClose} className="h-9 rounded-md border px-3 font-medium hover:bg-muted">
            {common("cancel")}
          </button>
          <button type="submit" className="h-9 rounded-md bg-primary px-3 font-medium text-primary-foreground hover:opacity-90">
            {t("save")}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
