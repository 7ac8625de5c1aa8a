// A shared chat: the snapshot behind a share link, for anyone who has the link
// (no sign-in, no composer, not indexed). Model output is rendered as inertly as
// in the app: the same Markdown renderer, under the same Content-Security-Policy.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { cache } from "react";
import { SharedThread } from "@/components/share/shared-thread";
import { sharedThread } from "@/lib/shares";

type Props = { params: Promise<{ id: string }> };

const load = cache(async (id: string) => (await sharedThread(id)) ?? notFound());

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const shared = await load((await params).id);
  const t = await getTranslations("common");
  return { title: t("pageTitle", { title: shared.title }), robots: { index: false, follow: false }, referrer: "no-referrer" };
}

export default async function SharedChatPage({ params }: Props) {
  const shared = await load((await params).id);
  const [t, format] = await Promise.all([getTranslations("share.page"), getFormatter()]);
  return (
    <div className="min-h-dvh">
      <header className="border-b px-4 py-3">
        <div className="mx-auto flex max-w-3xl flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
          <h1 className="min-w-0 text-lg font-semibold break-words">{shared.title}</h1>
          <p className="text-sm text-muted-foreground">
            {t.rich("sharedOn", {
              date: format.dateTime(new Date(shared.createdAt), { dateStyle: "medium", timeZone: "UTC" }),
              time: (chunks) => <time dateTime={shared.createdAt}>{chunks}</time>,
            })}
          </p>
        </div>
      </header>
      <main className="mx-auto max-w-3xl px-4 py-6">
        <SharedThread shareId={(await params).id} messages={shared.messages} />
        <footer className="mt-10 border-t pt-4 text-center text-sm text-muted-foreground">
          {t("readOnly")}{" "}
          {/* Not prefetched: a prefetch of / would make every reader a guest account. */}
          <Link href="/" prefetch={false} className="underline underline-offset-2 hover:text-foreground">
            {t("startOwn")}
          </Link>
        </footer>
      </main>
    </div>
  );
}
