"use client";
// The language of the whole UI: kept in the parley-locale cookie (lib/i18n/locale.ts),
// which the server reads on every request, and in the account's preferences (for other
// browsers); a refresh renders the page again in it.
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useOptimistic, useTransition } from "react";
import { api } from "../lib/api";
import { htmlLang, isLocale, LOCALE_NAMES, LOCALES, localeCookie } from "@/lib/i18n/locale";

export function LanguageSelect() {
  const t = useTranslations("settings.language");
  const router = useRouter();
  // The new choice shows at once, while the page renders again in it.
  const [shown, show] = useOptimistic(useLocale());
  const [, startTransition] = useTransition();
  return (
    <label className="flex flex-col gap-1 text-sm">
      {t("label")}
      <select
        value={shown}
        onChange={(event) => {
          const locale = event.target.value;
          if (!isLocale(locale)) return;
          startTransition(() => {
            show(locale);
            document.cookie = localeCookie(locale);
            // Kept with the account too, so another browser starts in it (a guest's choice stays here).
            api("/api/auth/me", { method: "PATCH", body: { preferences: { locale } } }).catch(() => {});
            router.refresh();
          });
        }}
        className="h-9 rounded-md border bg-background px-3 text-sm outline-none focus:border-accent"
      >
        {LOCALES.map((locale) => (
          <option key={locale} value={locale} lang={htmlLang(locale)}>
            {LOCALE_NAMES[locale]}
          </option>
        ))}
      </select>
    </label>
  );
}
