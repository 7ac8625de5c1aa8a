import type { Metadata } from "next";
import Link from "next/link";
import { LoginForm } from "@/components/auth/login-form";
import { me } from "@/lib/account";
import { currentUserId } from "@/lib/auth/page-identity";

export const metadata: Metadata = { title: "Log in · Parley" };

export default async function LoginPage() {
  const userId = await currentUserId();
  // A new guest has no user row yet: that is a guest with no name.
  const user = userId ? await me(userId).catch(() => null) : null;
  return (
    <main className="flex min-h-dvh items-center justify-center p-4">
      <div className="w-full max-w-sm rounded-2xl border bg-card p-6 shadow-sm">
        <h1 className="mb-1 text-xl font-semibold tracking-tight">Parley</h1>
        <p className="mb-5 text-sm text-muted-foreground">Log in to see your chats anywhere, or register to keep them.</p>
        <LoginForm user={user} />
        <Link href="/" className="mt-5 block text-center text-sm text-muted-foreground hover:text-foreground">
          ← Back to chats
        </Link>
      </div>
    </main>
  );
}
