// Settings: your data (export, import) and your share links.
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { DataSettings } from "@/components/settings/data-settings";
import { SharedLinks } from "@/components/settings/shared-links";
import { currentUserId } from "@/lib/auth/page-identity";
import { getConfig } from "@/lib/config";
import { listShares } from "@/lib/shares";

export const metadata: Metadata = { title: "Settings · Parley" };

export default async function SettingsPage() {
  const userId = await currentUserId();
  if (!userId) redirect("/login");
  const sharing = getConfig().access.sharing;
  const shares = sharing ? await listShares(userId) : [];
  return (
    <main className="mx-auto w-full max-w-2xl px-4 py-6">
      <div className="mb-6 flex items-baseline justify-between gap-4">
        <h1 className="text-2xl font-semibold tracking-tight">Settings</h1>
        <Link href="/" className="text-sm text-accent underline-offset-2 hover:underline">
          Back to chats
        </Link>
      </div>
      <div className="flex flex-col gap-8">
        <DataSettings />
        <SharedLinks initial={shares} enabled={sharing} />
      </div>
    </main>
  );
}
