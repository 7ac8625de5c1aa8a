import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
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

export const metadata: Metadata = {
  title: "Parley",
  description: "Chat with any OpenAI-compatible model; every conversation kept.",
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
  const [{ identity, ...initial }, nonce] = await Promise.all([initialData(), headers().then((h) => h.get("x-nonce") ?? undefined)]);
  return (
    // The theme script sets the class before React hydrates.
    <html lang="en" suppressHydrationWarning>
      <head>
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
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
