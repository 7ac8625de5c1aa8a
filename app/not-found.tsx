// The 404 page, in words that fit what was asked for: a chat, a shared chat, or any other path.
import { headers } from "next/headers";
import Link from "next/link";
import { getTranslations } from "next-intl/server";

type Kind = "chat" | "shared" | "page";

function kindOf(path: string): Kind {
  if (path.startsWith("/c/")) return "chat";
  if (path.startsWith("/s/")) return "shared";
  return "page";
}

export default async function NotFound() {
  const path = (await headers()).get("x-parley-path") ?? "";
  const t = await getTranslations("notFound");
  const kind = kindOf(path);
  return (
    <div className="flex min-h-[60dvh] flex-col items-center justify-center gap-3 p-6 text-center">
      <h1 className="text-2xl font-semibold">{t(`${kind}.title`)}</h1>
      <p className="max-w-md break-words text-muted-foreground">{t(`${kind}.text`, { path })}</p>
      <Link href="/" className="rounded-md border px-3 py-1.5 text-sm hover:bg-muted">
        {t("newChat")}
      </Link>
    </div>
  );
}
