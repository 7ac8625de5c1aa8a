"use client";
// Your chats out (every chat as one file) and in (Parley's file, or ChatGPT's or Claude's conversations.json).
import { Download, Upload } from "lucide-react";
import { useRef, useState } from "react";
import { useApp } from "../app/app-context";
import { api, errorMessage, parseApiError } from "../lib/api";
import type { SessionListItem } from "../lib/types";
import { Section } from "./section";

type ImportResult = { imported: { sessions: number; messages: number }; skipped: number };

const plural = (count: number, one: string) => `${count} ${one}${count === 1 ? "" : "s"}`;

export function DataSettings() {
  const { sessions } = useApp();
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
      if (!response.ok) throw parseApiError(text, response.status) ?? new Error(`The server answered ${response.status}.`);
      const result = JSON.parse(text) as ImportResult;
      const skipped = result.skipped ? ` (${plural(result.skipped, "chat")} were there already)` : "";
      setOutcome({ ok: true, text: `Imported ${plural(result.imported.sessions, "chat")} with ${plural(result.imported.messages, "message")}${skipped}.` });
      // The sidebar shows them when you go back.
      const page = await api<{ sessions: SessionListItem[] }>("/api/sessions?limit=50");
      for (const session of page.sessions) sessions.upsert(session);
    } catch (error) {
      setOutcome({ ok: false, text: errorMessage(error) });
    } finally {
      setBusy(false);
      if (input.current) input.current.value = "";
    }
  }

  const button = "inline-flex items-center gap-2 rounded-md border px-3 py-2 text-sm font-medium hover:bg-muted disabled:opacity-50";
  return (
    <Section id="your-data" title="Your data" description="Take every chat with you, every branch included, or bring chats in from another Parley, ChatGPT or Claude.">
      <div className="flex flex-wrap gap-2">
        <a href="/api/export" download className={button}>
          <Download className="size-4" aria-hidden />
          Export all chats
        </a>
        <button type="button" className={button} disabled={busy} onClick={() => input.current?.click()}>
          <Upload className="size-4" aria-hidden />
          {busy ? "Importing…" : "Import chats…"}
        </button>
        <input
          ref={input}
          type="file"
          accept="application/json,.json"
          aria-label="Import file"
          className="sr-only"
          tabIndex={-1}
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file) void importFile(file);
          }}
        />
      </div>
      <p className="mt-3 text-xs text-muted-foreground">
        Import takes a Parley export, or the <code>conversations.json</code> from ChatGPT’s or Claude’s “Export data” (up to 512 MiB). Importing the same file again adds nothing.
      </p>
      {outcome && (
        <p role={outcome.ok ? "status" : "alert"} className={`mt-3 rounded-lg px-3 py-2 text-sm ${outcome.ok ? "bg-muted" : "bg-danger-soft text-danger"}`}>
          {outcome.text}
        </p>
      )}
    </Section>
  );
}
