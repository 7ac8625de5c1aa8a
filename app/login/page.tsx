import type { Metadata } from "next";
import Link from "next/link";
import { LoginForm } from "@/components/auth/login-form";
import { me } from "@/lib/account";
import { currentUserId } from "@/lib/auth/page-identity";
import { getConfig } from "@/lib/config";

export const metadata: Metadata = { title: "Log in · Parley" };

type Props = { searchParams: Promise<{ error?: string; sso?: string }> };

export default async function LoginPage({ searchParams }: Props) {
  const { error, sso: ssoOutcome } = await searchParams;
  const { sso, access } = getConfig();
  const userId = await currentUserId();
  // A new guest has no user row yet: that is a guest with no name.
  const user = userId ? await me(userId).catch(() => null) : null;
  return (
    <main className="flex min-h-dvh items-center justify-center p-4">
      <div className="w-full max-w-sm rounded-2xl border bg-card p-6 shadow-sm">
        <h1 className="mb-1 text-xl font-semibold tracking-tight">Parley</h1>
        <p className="mb-5 text-sm text-muted-foreground">
          {access.signup === "open" ? "Log in to see your chats anywhere, or register to keep them." : "Log in to see your chats."}
        </p>
        {sso && (
          <>
            {/* A plain link (not next/link): the browser leaves for the provider and comes back signed in. */}
            {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- a route handler that redirects off-site, not a page */}
            <a href="/api/auth/sso" className="mb-2 block rounded-md border py-2 text-center text-sm font-medium hover:bg-muted">
              Sign in with {sso.label}
            </a>
            {(error || ssoOutcome === "failed") && (
              <p role="alert" className="mb-2 text-sm text-danger">
                Single sign-on did not complete; try again.
              </p>
            )}
            <p className="mb-4 text-center text-xs text-muted-foreground">or with a name and password</p>
          </>
        )}
        <LoginForm user={user} canRegister={access.signup === "open"} guests={access.guests} />
        {(userId || access.guests) && (
          <Link href="/" className="mt-5 block text-center text-sm text-muted-foreground hover:text-foreground">
            ← Back to chats
          </Link>
        )}
      </div>
    </main>
  );
}
