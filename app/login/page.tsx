import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { LoginForm } from "@/components/auth/login-form";
import { me } from "@/lib/account";
import { currentUserId } from "@/lib/auth/page-identity";
import { getConfig } from "@/lib/config";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("login");
  return { title: t("pageTitle") };
}

type Props = { searchParams: Promise<{ error?: string; sso?: string; next?: string }> };

/** Where to go after logging in: a path of this site only (never //elsewhere or a full URL). */
function returnPath(next: string | undefined): string {
  return next && /^\/(?![/\\])/.test(next) ? next : "/";
}

export default async function LoginPage({ searchParams }: Props) {
  const { error, sso: ssoOutcome, next } = await searchParams;
  const { sso, access } = getConfig();
  const t = await getTranslations("login");
  const userId = await currentUserId();
  // A new guest has no user row yet: that is a guest with no name.
  const user = userId ? await me(userId).catch(() => null) : null;
  return (
    <main className="flex min-h-dvh items-center justify-center p-4">
      <div className="w-full max-w-sm rounded-2xl border bg-card p-6 shadow-sm">
        <h1 className="mb-1 text-xl font-semibold tracking-tight">Parley</h1>
        <p className="mb-5 text-sm text-muted-foreground">
          {t(access.signup === "open" ? "introOpen" : "intro")}
        </p>
        {sso && (
          <>
            {/* A plain link (not next/link): the browser leaves for the provider and comes back signed in. */}
            {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- a route handler that redirects off-site, not a page */}
            <a href="/api/auth/sso" className="mb-2 block rounded-md border py-2 text-center text-sm font-medium hover:bg-muted">
              {t("sso", { provider: sso.label })}
            </a>
            {(error || ssoOutcome === "failed") && (
              <p role="alert" className="mb-2 text-sm text-danger">
                {t("ssoFailed")}
              </p>
            )}
            <p className="mb-4 text-center text-xs text-muted-foreground">{t("orPassword")}</p>
          </>
        )}
        <LoginForm user={user} canRegister={access.signup === "open"} guests={access.guests} next={returnPath(next)} />
        {(userId || access.guests) && (
          <Link href="/" className="mt-5 block text-center text-sm text-muted-foreground hover:text-foreground">
            {t("backToChats")}
          </Link>
        )}
      </div>
    </main>
  );
}
