// Which language a page is in, with no locale in the URL: the reader's own choice
// (the parley-locale cookie, set by the language switch in Settings) first, else
// the best language their browser asks for, else English. Pure: shared by the
// server's request config, the language switch and the tests.

export const LOCALES = ["en", "zh"] as const;
export type Locale = (typeof LOCALES)[number];

export const DEFAULT_LOCALE: Locale = "en";
export const LOCALE_COOKIE = "parley-locale";

/** Each language named in itself, so a reader finds theirs whatever the page is in. */
export const LOCALE_NAMES: Record<Locale, string> = { en: "English", zh: "中文" };

const ONE_YEAR_S = 365 * 24 * 3600;

export function isLocale(value: unknown): value is Locale {
  return (LOCALES as readonly unknown[]).includes(value);
}

/** A language tag as ours: every Chinese (zh, zh-CN, zh-Hans, zh-TW…) is "zh" (the one Chinese we have). */
function localeOfTag(tag: string): Locale | null {
  const primary = tag.trim().toLowerCase().split("-")[0];
  return isLocale(primary) ? primary : null;
}

/** The supported language the Accept-Language header prefers most (ties: the one listed first), or null. */
export function localeFromAcceptLanguage(header: string | null | undefined): Locale | null {
  if (!header) return null;
  const ranges = header.split(",").map((entry, index) => {
    const [tag = "", ...params] = entry.split(";");
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const quality = q === undefined ? 1 : Number(q.slice(2));
    return { locale: localeOfTag(tag), quality: Number.isFinite(quality) ? quality : 0, index };
  });
  const best = ranges
    .filter((range) => range.locale !== null && range.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index)[0];
  return best?.locale ?? null;
}

export function resolveLocale({ cookie, acceptLanguage }: { cookie?: string | null; acceptLanguage?: string | null }): Locale {
  if (isLocale(cookie)) return cookie;
  return localeFromAcceptLanguage(acceptLanguage) ?? DEFAULT_LOCALE;
}

/** The page's <html lang>: the script matters to fonts and screen readers, so Chinese is zh-CN (Simplified). */
export function htmlLang(locale: Locale): string {
  return locale === "zh" ? "zh-CN" : "en";
}

/** The Set-Cookie value (for document.cookie) that keeps a reader's choice for a year. */
export function localeCookie(locale: Locale): string {
  return `${LOCALE_COOKIE}=${locale}; Path=/; Max-Age=${ONE_YEAR_S}; SameSite=Lax`;
}
