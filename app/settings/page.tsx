// Settings: the account, API tokens, usage, appearance, new chats' defaults, your data and share links.
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { AccountSettings } from "@/components/settings/account-settings";
import { AppearanceSettings } from "@/components/settings/appearance-settings";
import { DataSettings } from "@/components/settings/data-settings";
import { DefaultsSettings } from "@/components/settings/defaults-settings";
import { SharedLinks } from "@/components/settings/shared-links";
import { TokenSettings } from "@/components/settings/token-settings";
import { UsageSettings } from "@/components/settings/usage-settings";
import { currentUserId } from "@/lib/auth/page-identity";
import { getConfig } from "@/lib/config";
import { listShares } from "@/lib/shares";

export async function generateMetadata(): Promise<Metadata> {
  const [t, common] = await Promise.all([getTranslations("settings"), getTranslations("common")]);
  return { title: common("pageTitle", { title: t("title") }) };
}

/** Each section's anchor and the catalogue key of its title. */
const SECTIONS = [
  ["account", "account.title"],
  ["appearance", "appearance.title"],
  ["defaults", "defaults.title"],
  ["api-tokens", "tokens.title"],
  ["usage", "usage.title"],
  ["your-data", "data.title"],
  ["shared-links", "shares.title"],
] as const;

export default async function SettingsPage() {
  const userId = await currentUserId();
  if (!userId) redirect("/login?next=/settings");
  const sharing = getConfig().access.sharing;
  const [shares, t] = await Promise.all([sharing ? listShares(userId) : [], getTranslations("settings")]);
  return (
    <main id="main" className="mx-auto w-full max-w-4xl px-4 py-6">
      <div className="mb-6 flex items-baseline justify-between gap-4">
        <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
        <Link href="/" className="text-sm text-accent underline-offset-2 hover:underline">
          {t("back")}
        </Link>
      </div>
      <div className="flex gap-8">
        <nav aria-label={t("sectionsNav")} className="sticky top-6 hidden w-40 shrink-0 self-start md:block">
          <ul className="space-y-1 text-sm">
            {SECTIONS.map(([id, key]) => (
              <li key={id}>
                <a href={`#${id}`} className="block rounded-md px-2 py-1 text-muted-foreground hover:bg-muted hover:text-foreground">
                  {t(key)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div className="flex min-w-0 flex-1 flex-col gap-8">
          <AccountSettings />
          <AppearanceSettings />
          <DefaultsSettings />
          <TokenSettings />
          <UsageSettings />
          <DataSettings />
          <SharedLinks initial={shares} enabled={sharing} />
        </div>
      </div>
    </main>
  );
}
