// The files a message carries: images as pictures (opening full size), other
// files as named links that download them.
import type { FileUIPart } from "ai";
import { FileText } from "lucide-react";
import { useTranslations } from "next-intl";
import type { ChatMessage } from "../lib/types";

/** `href` turns a stored file part's url into where this page may fetch it (a shared page has its own). */
export function MessageFiles({ message, href = (url) => url }: { message: ChatMessage; href?: (url: string) => string }) {
  const t = useTranslations("message.files");
  const files = message.parts.filter((part): part is FileUIPart => part.type === "file");
  if (files.length === 0) return null;
  return (
    <ul aria-label={t("label")} className="mb-1.5 flex max-w-[85%] flex-wrap justify-end gap-2">
      {files.map((file, index) => {
        const name = file.filename ?? t("unnamed");
        const url = href(file.url);
        return (
          <li key={`${file.url}-${index}`}>
            {file.mediaType.startsWith("image/") ? (
              <a href={url} target="_blank" rel="noreferrer" title={name} className="block">
                {/* A stored file of this site, any size: next/image would only add a resize round trip. */}
                {/* eslint-disable-next-line @next/next/no-img-element */}
                <img src={url} alt={name} loading="lazy" className="max-h-48 max-w-[min(100%,18rem)] rounded-lg border object-contain" />
              </a>
            ) : (
              <a href={url} download={name} className="flex max-w-64 items-center gap-2 rounded-lg border bg-muted/50 px-2.5 py-2 text-sm hover:bg-muted">
                <FileText className="size-4 shrink-0 text-muted-foreground" aria-hidden />
                <span className="truncate">{name}</span>
              </a>
            )}
          </li>
        );
      })}
    </ul>
  );
}
