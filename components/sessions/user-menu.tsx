"use client";
// Who is using Parley: a guest (with a way to register or log in) or a named user.
import { BookOpen, LogIn, LogOut, Settings, UserRound } from "lucide-react";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useApp } from "../app/app-context";
import { api } from "../lib/api";
import { useErrorMessage } from "../lib/use-error-message";
import { IconButton } from "../ui/icon-button";
import { MenuButton } from "../ui/menu";

export function UserMenu() {
  const { user } = useApp();
  const [error, setError] = useState<string | null>(null);
  const router = useRouter();
  const pathname = usePathname();
  const t = useTranslations("sidebar.user");
  const describe = useErrorMessage();
  const guest = !user?.name;

  async function logOut() {
    try {
      await api("/api/auth/logout", { method: "POST" });
      // The next page render starts a fresh guest (and a fresh shell, keyed by identity).
      router.push("/");
      router.refresh();
    } catch (err) {
      setError(describe(err));
    }
  }

  return (
    <div className="flex min-w-0 flex-1 items-center gap-2">
      <span aria-hidden className="flex size-7 shrink-0 items-center justify-center rounded-full bg-accent-soft text-xs font-semibold text-accent">
        {guest ? <UserRound className="size-4" /> : user.name!.slice(0, 1).toUpperCase()}
      </span>
      <span className="min-w-0 flex-1 truncate text-sm" data-testid="user-name" title={error ?? undefined}>
        {guest ? t("guest") : user.name}
      </span>
      <MenuButton
        up
        label={t("menu")}
        icon={<Settings className="size-4" aria-hidden />}
        items={[
          { label: t("settings"), icon: <Settings className="size-4" aria-hidden />, href: "/settings" },
          { label: t("apiDocs"), icon: <BookOpen className="size-4" aria-hidden />, href: "/docs" },
        ]}
      />
      {guest ? (
        <Link href={pathname === "/" ? "/login" : `/login?next=${encodeURIComponent(pathname)}`} className="inline-flex items-center gap-1 rounded-md px-2 py-1 text-xs font-medium text-accent hover:bg-muted">
          <LogIn className="size-3.5" aria-hidden />
          {t("logIn")}
        </Link>
      ) : (
        <IconButton label={t("logOut")} onClick={logOut}>
          <LogOut className="size-4" aria-hidden />
        </IconButton>
      )}
    </div>
  );
}
