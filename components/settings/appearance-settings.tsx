"use client";
// How Parley looks: the theme (the system's, light or dark) and the language.
import { useTranslations } from "next-intl";
import { applyTheme, THEME_KEY } from "../lib/theme";
import { useStored, writeStored } from "../lib/storage";
import { LanguageSelect } from "./language-select";
import { Section } from "./section";

const field = "h-9 rounded-md border bg-background px-3 text-sm outline-none focus:border-accent";

export function AppearanceSettings() {
  const t = useTranslations("settings.appearance");
  const stored = useStored(THEME_KEY);
  const theme = stored === "light" || stored === "dark" ? stored : "system";

  function choose(choice: string) {
    writeStored(THEME_KEY, choice === "system" ? null : choice);
    if (choice === "light" || choice === "dark") applyTheme(choice);
    else applyTheme(window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light");
  }

  return (
    <Section id="appearance" title={t("title")} description={t("description")}>
      <div className="flex flex-wrap gap-4">
        <label className="flex flex-col gap-1 text-sm">
          {t("theme")}
          <select value={theme} onChange={(e) => choose(e.target.value)} className={field}>
            <option value="system">{t("system")}</option>
            <option value="light">{t("light")}</option>
            <option value="dark">{t("dark")}</option>
          </select>
        </label>
        <LanguageSelect />
      </div>
    </Section>
  );
}
