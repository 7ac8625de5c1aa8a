import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import { getLocale, getMessages, getTimeZone, getTranslations } from "next-intl/server";
import { AppShell } from "@/components/app/app-shell";
import type { InitialData } from "@/components/app/app-context";
import { IntlProvider } from "@/components/app/intl-provider";
import { SESSIONS_PAGE_SIZE } from "@/components/lib/paging";
import { THEME_SCRIPT } from "@/components/lib/theme";
import { me } from "@/lib/account";
import { listModels } from "@/lib/ai/providers";
import { currentUserId } from "@/lib/auth/page-identity";
import { listSessions } from "@/lib/chat/sessions";
import { htmlLang } from "@/lib/i18n/locale";
import { listRoles } from "@/lib/roles";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("metadata");
  return { title: t("title"), description: t("description") };
}

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#0a0a0a" },
  ],
};

/** Everything the shell shows, read on the server so the first paint is complete. */
async function initialData(): Promise<InitialData & { identity: string }> {
  const userId = await currentUserId();
  const models = listModels();
  if (!userId) return { identity: "", user: null, sessions: { items: [], nextCursor: null }, roles: [], models };
  const [user, page, roles] = await Promise.all([
    // A brand-new guest has a cookie but no user row until their first API call.
    me(userId).catch(() => null),
    listSessions(userId, { limit: SESSIONS_PAGE_SIZE }),
    listRoles(userId),
  ]);
  return { identity: userId, user, sessions: { items: page.sessions, nextCursor: page.nextCursor }, roles, models };
}

export default async function RootLayout({ children }: Readonly<{ children: React.ReactNode }>) {
  const [{ identity, ...initial }, nonce, locale, messages, timeZone] = await Promise.all([
    initialData(),
    headers().then((h) => h.get("x-nonce") ?? undefined),
    getLocale(),
    getMessages(),
    getTimeZone(),
  ]);
  return (
    // The theme script sets the class before React hydrates.
    <html lang={htmlLang(locale)} suppressHydrationWarning>
      <head>
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
      </head>
      <body className="bg-background text-foreground antialiased">
        <IntlProvider locale={locale} messages={messages} timeZone={timeZone}>
          {/* A new identity (log in, log out) starts the shell over with that user's data. */}
          <AppShell key={identity} initial={initial}>
            {children}
          </AppShell>
        </IntlProvider>
      </body>
    </html>
  );
}
