import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { cache } from "react";
import { ChatView } from "@/components/chat/chat-view";
import { HISTORY_PAGE_SIZE } from "@/components/lib/paging";
import { sessionTitle } from "@/components/lib/session-title";
import { currentUserId } from "@/lib/auth/page-identity";
import { getSession, history } from "@/lib/chat/sessions";
import { NotFoundError } from "@/lib/errors";

type Props = { params: Promise<{ id: string }> };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The signed-in user's session, or Next's 404 (someone else's and unknown ones alike). */
const loadSession = cache(async (id: string) => {
  const userId = await currentUserId();
  if (!userId || !UUID.test(id)) notFound();
  try {
    return { userId, session: await getSession(userId, id) };
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { session } = await loadSession((await params).id);
  const t = await getTranslations();
  return { title: t("common.pageTitle", { title: sessionTitle(session, t("chat.newChat")) }) };
}

export default async function SessionPage({ params }: Props) {
  const { id } = await params;
  const { userId, session } = await loadSession(id);
  const page = await history(userId, id, { limit: HISTORY_PAGE_SIZE });
  return <ChatView key={id} session={session} initialMessages={page.messages} versions={page.versions} olderCursor={page.nextCursor} />;
}
