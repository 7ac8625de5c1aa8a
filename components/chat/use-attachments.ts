"use client";
// The files being attached to the next message: each uploads as soon as it is
// added (POST /api/files, with progress), and is sent as a file part once uploaded.
import type { FileUIPart } from "ai";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useRef, useState } from "react";
import { parseApiError } from "../lib/api";

/** The server's limits (lib/attachments.ts), checked here first so a person learns at once. */
export const MAX_FILES = 5;
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const ACCEPT = "image/png,image/jpeg,image/webp,image/gif,application/pdf,.txt,.md,.markdown,.csv,.tsv,.json,.log,.yaml,.yml,.toml,.xml,.html,.css,.js,.mjs,.jsx,.ts,.tsx,.py,.rb,.go,.rs,.java,.kt,.c,.h,.cpp,.hpp,.cs,.php,.swift,.sh,.sql";

type Uploaded = { id: string; url: string; name: string; mediaType: string; kind: "image" | "text" | "pdf" };

export type PendingFile = {
  key: string;
  name: string;
  size: number;
  /** A local preview of an image, until and after it is uploaded. */
  preview: string | null;
  /** 0…1 while uploading. */
  progress: number;
  uploaded: Uploaded | null;
  error: string | null;
};

let counter = 0;

/** What the person is told when an upload fails without the server's own reason. */
type UploadFailures = { status: (status: number) => string; offline: string };

function upload(file: File, onProgress: (fraction: number) => void, failures: UploadFailures): Promise<Uploaded> {
  return new Promise((resolve, reject) => {
    // XMLHttpRequest: fetch() cannot report upload progress.
    const request = new XMLHttpRequest();
    request.open("POST", "/api/files");
    request.upload.onprogress = (event) => event.lengthComputable && onProgress(event.loaded / event.total);
    request.onload = () => {
      if (request.status === 201) resolve(JSON.parse(request.responseText) as Uploaded);
      else reject(new Error(parseApiError(request.responseText, request.status)?.message ?? failures.status(request.status)));
    };
    request.onerror = () => reject(new Error(failures.offline));
    const form = new FormData();
    form.set("file", file);
    request.send(form);
  });
}

export function useAttachments() {
  const [files, setFiles] = useState<PendingFile[]>([]);
  const t = useTranslations("attachments");
  const previews = useRef(new Set<string>());

  const update = (key: string, change: Partial<PendingFile>) => setFiles((all) => all.map((f) => (f.key === key ? { ...f, ...change } : f)));

  const current = useRef(files);
  useEffect(() => {
    current.current = files;
  });

  const add = useCallback((list: Iterable<File>) => {
    const room = MAX_FILES - current.current.length;
    const added = [...list].map((file, index) => {
      const preview = file.type.startsWith("image/") ? URL.createObjectURL(file) : null;
      if (preview) previews.current.add(preview);
      const error = index >= room ? t("tooMany", { max: MAX_FILES }) : file.size > MAX_FILE_BYTES ? t("tooLarge", { megabytes: MAX_FILE_BYTES / 1024 / 1024 }) : null;
      const pending: PendingFile = { key: `file-${++counter}`, name: file.name || t("pastedImage"), size: file.size, preview, progress: 0, uploaded: null, error };
      return { pending, file };
    });
    setFiles((all) => [...all, ...added.map((a) => a.pending)]);
    const failures = { status: (status: number) => t("failedStatus", { status }), offline: t("failedOffline") };
    for (const { pending, file } of added) {
      if (pending.error) continue;
      upload(file, (progress) => update(pending.key, { progress }), failures)
        .then((uploaded) => update(pending.key, { uploaded, progress: 1 }))
        .catch((err: Error) => update(pending.key, { error: err.message }));
    }
  }, [t]);

  const remove = useCallback((key: string) => setFiles((all) => all.filter((f) => f.key !== key)), []);
  const clear = useCallback(() => setFiles([]), []);

  // Previews are freed when the composer goes away (sent messages show the stored file).
  useEffect(() => {
    const urls = previews.current;
    return () => urls.forEach((url) => URL.revokeObjectURL(url));
  }, []);

  const ready: FileUIPart[] = files.flatMap((f) => (f.uploaded ? [{ type: "file", url: f.uploaded.url, mediaType: f.uploaded.mediaType, filename: f.name }] : []));
  return {
    files,
    add,
    remove,
    clear,
    ready,
    uploading: files.some((f) => !f.uploaded && !f.error),
    failed: files.some((f) => f.error),
    hasImages: files.some((f) => f.uploaded?.kind === "image" || (!f.uploaded && f.preview)),
  };
}

export type Attachments = ReturnType<typeof useAttachments>;
