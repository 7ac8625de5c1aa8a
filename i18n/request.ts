// next-intl's configuration for each request (found by the plugin in next.config.mjs).
// No locale in the URL: lib/i18n/locale.ts decides from the cookie and Accept-Language.
import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { messageFallback, onIntlError } from "@/lib/i18n/errors";
import { currentUserId } from "@/lib/auth/page-identity";
import { isLocale, LOCALE_COOKIE, resolveLocale, type Locale } from "@/lib/i18n/locale";
import { getPreferences } from "@/lib/preferences";

type Catalogue = typeof import("../messages/en.json");

// Each language has English's shape: a message missing from one is a type error here.
const catalogues: Record<Locale, () => Promise<{ default: Catalogue }>> = {
  en: () => import("../messages/en.json"),
  zh: () => import("../messages/zh.json"),
};

/** The language the signed-in user chose on another device (their preferences), if any. */
async function savedLocale(): Promise<Locale | undefined> {
  const userId = await currentUserId().catch(() => null);
  return userId ? (await getPreferences(userId).catch(() => null))?.locale : undefined;
}

export default getRequestConfig(async () => {
  const [cookieStore, headerList] = await Promise.all([cookies(), headers()]);
  // This browser's choice, else the account's (a new device), else the browser's languages.
  const chosen = cookieStore.get(LOCALE_COOKIE)?.value;
  const locale = resolveLocale({ cookie: isLocale(chosen) ? chosen : await savedLocale(), acceptLanguage: headerList.get("accept-language") });
  return { locale, messages: (await catalogues[locale]()).default, onError: onIntlError, getMessageFallback: messageFallback };
});
