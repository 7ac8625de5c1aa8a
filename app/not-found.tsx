// The 404 page, in words that fit what was asked for: a chat, a shared chat, or any other path.
import { headers } from "next/headers";
import Link from "next/link";

function explain(path: string): { title: string; text: string } {
  if (path.startsWith("/c/")) return { title: "Chat not found", text: "This chat does not exist, or it is not yours." };
  if (path.startsWith("/s/")) return { title: "Shared chat not found", text: "This shared chat does not exist, or its owner deleted the link." };
  return { title: "Page not found", text: `There is no page at ${path}.` };
}

export default async function NotFound() {
  const path = (await headers()).get("x-parley-path") ?? "";
  const { title, text } = explain(path);
  return (
    <main className="flex min-h-[60dvh] flex-col items-center justify-center gap-3 p-6 text-center">
      <h1 className="text-2xl font-semibold">{title}</h1>
      <p className="max-w-md break-words text-muted-foreground">{text}</p>
      <Link href="/" className="rounded-md border px-3 py-1.5 text-sm hover:bg-muted">
        Start a new chat
      </Link>
    </main>
  );
}
