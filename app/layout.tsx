import type { Metadata, Viewport } from "next";
import { AppShell } from "@/components/app/app-shell";
import type { InitialData } from "@/components/app/app-context";
import { SESSIONS_PAGE_SIZE } from "@/components/lib/paging";
import { THEME_SCRIPT } from "@/components/lib/theme";
import { me } from "@/lib/account";
import { listModels } from "@/lib/ai/providers";
import { currentUserId } from "@/lib/auth/page-identity";
import { listSessions } from "@/lib/chat/sessions";
import { listRoles } from "@/lib/roles";
import "./globals.css";

// A speech bubble, inline: no icon file to fetch.
const ICON = `data:image/svg+xml,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="8" fill="#4f46e5"/><path d="M9 10h14a2 2 0 0 1 2 2v7a2 2 0 0 1-2 2h-8l-5 4v-4H9a2 2 0 0 1-2-2v-7a2 2 0 0 1 2-2z" fill="#fff"/></svg>')}`;

export const metadata: Metadata = {
  title: "Parley",
  description: "Chat with any OpenAI-compatible model; every conversation kept.",
  icons: { icon: ICON },
};

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
  const { identity, ...initial } = await initialData();
  return (
    // The theme script sets the class before React hydrates.
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
      </head>
      <body className="bg-background text-foreground antialiased">
        {/* A new identity (log in, log out) starts the shell over with that user's data. */}
        <AppShell key={identity} initial={initial}>
          {children}
        </AppShell>
      </body>
    </html>
  );
}
