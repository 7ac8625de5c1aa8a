"use client";
// Who is using Parley: a guest (with a way to register or log in) or a named user.
import { LogIn, LogOut, Settings, UserRound } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useApp } from "../app/app-context";
import { api, errorMessage } from "../lib/api";
import { IconButton } from "../ui/icon-button";

export function UserMenu() {
  const { user } = useApp();
  const [error, setError] = useState<string | null>(null);
  const router = useRouter();
  const guest = !user?.name;

  async function logOut() {
    try {
      await api("/api/auth/logout", { method: "POST" });
      // The next page render starts a fresh guest (and a fresh shell, keyed by identity).
      router.push("/");
      router.refresh();
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  return (
    <div className="flex min-w-0 flex-1 items-center gap-2">
      <span aria-hidden className="flex size-7 shrink-0 items-center justify-center rounded-full bg-accent-soft text-xs font-semibold text-accent">
        {guest ? <UserRound className="size-4" /> : user.name!.slice(0, 1).toUpperCase()}
      </span>
      <span className="min-w-0 flex-1 truncate text-sm" data-testid="user-name" title={error ?? undefined}>
        {guest ? "Guest" : user.name}
      </span>
      <Link href="/settings" aria-label="Settings" title="Settings" className="inline-flex size-8 shrink-0 items-center justify-center rounded-md text-muted-foreground hover:bg-muted hover:text-foreground">
        <Settings className="size-4" aria-hidden />
      </Link>
      {guest ? (
        <Link href="/login" className="inline-flex items-center gap-1 rounded-md px-2 py-1 text-xs font-medium text-accent hover:bg-muted">
          <LogIn className="size-3.5" aria-hidden />
          Log in
        </Link>
      ) : (
        <IconButton label="Log out" onClick={logOut}>
          <LogOut className="size-4" aria-hidden />
        </IconButton>
      )}
    </div>
  );
}
