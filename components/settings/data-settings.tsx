"use client";
// Your chats out (every chat as one file) and in (Parley's file, or ChatGPT's or Claude's conversations.json).
import { Download, Upload } from "lucide-react";
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { useApp } from "../app/app-context";
import { api, ApiRequestError, parseApiError } from "../lib/api";
import { useErrorMessage } from "../lib/use-error-message";
import type { SessionListItem } from "../lib/types";
import { Section } from "./section";

type ImportResult = { imported: { sessions: number; messages: number }; skipped: number };

export function DataSettings() {
  const { sessions } = useApp();
  const t = useTranslations("settings.data");
  const describe = useErrorMessage();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);

  async function importFile(file: File) {
    setBusy(true);
    setOutcome(null);
    try {
      // The file goes as it is: it may be large, and the server reads it whole anyway.
      const response = await fetch("/api/import", { method: "POST", headers: { "content-type": "application/json" }, body: file });
      const text = await response.text();
      if (!response.ok) throw parseApiError(text, response.status) ?? new ApiRequestError(response.status, "http_error", "");
      const result = JSON.parse(text) as ImportResult;
      const imported = t("imported", { sessions: result.imported.sessions, messages: result.imported.messages });
      setOutcome({ ok: true, text: result.skipped ? `${imported} ${t("skipped", { count: result.skipped })}` : imported });
      // The sidebar shows them when you go back.
      const page = await api<{ sessions: SessionListItem[] }>("/api/sessions?limit=50");
      for (const session of page.sessions) sessions.upsert(session);
    } catch (error) {
      setOutcome({ ok: false, text: describe(error) });
    } finally {
      setBusy(false);
      if (input.current) input.current.value = "";
    }
  }

  const button = "inline-flex items-center gap-2 rounded-md border px-3 py-2 text-sm font-medium hover:bg-muted disabled:opacity-50";
  return (
    <Section id="your-data" title={t("title")} description={t("description")}>
      <div className="flex flex-wrap gap-2">
        <a href="/api/export" download className={button}>
          <Download className="size-4" aria-hidden />
          {t("exportAll")}
        </a>
        <button type="button" className={button} disabled={busy} onClick={() => input.current?.click()}>
          <Upload className="size-4" aria-hidden />
          {busy ? t("importing") : t("import")}
        </button>
        <input
          ref={input}
          type="file"
          accept="application/json,.json"
          aria-label={t("importFile")}
          className="sr-only"
          tabIndex={-1}
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file) void importFile(file);
          }}
        />
      </div>
      <p className="mt-3 text-xs text-muted-foreground">{t("help")}</p>
      {outcome && (
        <p role={outcome.ok ? "status" : "alert"} className={`mt-3 rounded-lg px-3 py-2 text-sm ${outcome.ok ? "bg-muted" : "bg-danger-soft text-danger"}`}>
          {outcome.text}
        </p>
      )}
    </Section>
  );
}
