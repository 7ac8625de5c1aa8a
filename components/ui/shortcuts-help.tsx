"use client";
import { useTranslations } from "next-intl";
import { SHORTCUTS } from "../lib/shortcuts";
import { Dialog } from "./dialog";

export function ShortcutsHelp({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useTranslations("shortcuts");
  return (
    <Dialog open={open} onClose={onClose} title={t("title")}>
      <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-sm">
        {SHORTCUTS.map((shortcut) => (
          <div key={shortcut.action} className="contents">
            <dt>
              <kbd className="rounded border bg-muted px-1.5 py-0.5 font-mono text-xs">{shortcut.keys}</kbd>
            </dt>
            <dd>{t(`actions.${shortcut.action}`)}</dd>
          </div>
        ))}
        <div className="contents">
          <dt>
            <kbd className="rounded border bg-muted px-1.5 py-0.5 font-mono text-xs">Enter</kbd>
          </dt>
          <dd>{t("send")}</dd>
        </div>
      </dl>
      <p className="mt-4 text-xs text-muted-foreground">{t("mac")}</p>
    </Dialog>
  );
}
