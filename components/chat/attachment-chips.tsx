"use client";
// The files attached to the message being written: a thumbnail or an icon, the
// name and size, the upload's progress or its error, and a button to remove it.
import { FileText, X } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import type { PendingFile } from "./use-attachments";

/** "1.5 MB", "12 KB", "300 B", the number in the reader's locale. */
function useFormatSize(): (bytes: number) => string {
  const format = useFormatter();
  return (bytes) => {
    if (bytes >= 1024 * 1024) return `${format.number(bytes / 1024 / 1024, { minimumFractionDigits: 1, maximumFractionDigits: 1 })} MB`;
    if (bytes >= 1024) return `${format.number(Math.round(bytes / 1024))} KB`;
    return `${format.number(bytes)} B`;
  };
}

export function AttachmentChips({ files, onRemove }: { files: PendingFile[]; onRemove: (key: string) => void }) {
  const t = useTranslations("attachments");
  const formatSize = useFormatSize();
  if (files.length === 0) return null;
  return (
    <ul aria-label={t("attached")} className="flex flex-wrap gap-2 px-1 pb-2">
      {files.map((file) => (
        <li
          key={file.key}
          data-state={file.error ? "error" : file.uploaded ? "ready" : "uploading"}
          className={`relative flex max-w-60 items-center gap-2 overflow-hidden rounded-lg border py-1 pr-1 pl-1 text-xs ${file.error ? "border-danger/50 bg-danger-soft" : "bg-muted/50"}`}
        >
          {file.preview ? (
            // A local preview (blob: URL) of the picked file.
            // eslint-disable-next-line @next/next/no-img-element
            <img src={file.preview} alt="" className="size-9 shrink-0 rounded object-cover" />
          ) : (
            <span className="flex size-9 shrink-0 items-center justify-center rounded bg-background">
              <FileText className="size-4 text-muted-foreground" aria-hidden />
            </span>
          )}
          <span className="min-w-0 flex-1">
            <span className="block truncate font-medium" title={file.name}>
              {file.name}
            </span>
            <span className={`block truncate ${file.error ? "text-danger" : "text-muted-foreground"}`} role={file.error ? "alert" : undefined}>
              {file.error ?? (file.uploaded ? formatSize(file.size) : t("uploading", { progress: file.progress }))}
            </span>
          </span>
          <button
            type="button"
            onClick={() => onRemove(file.key)}
            aria-label={t("remove", { name: file.name })}
            className="flex size-7 shrink-0 items-center justify-center rounded-md text-muted-foreground hover:bg-background hover:text-foreground"
          >
            <X className="size-3.5" aria-hidden />
          </button>
          {!file.uploaded && !file.error && (
            <span aria-hidden className="absolute bottom-0 left-0 h-0.5 bg-accent transition-[width]" style={{ width: `${Math.round(file.progress * 100)}%` }} />
          )}
        </li>
      ))}
    </ul>
  );
}
