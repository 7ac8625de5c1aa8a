// Answers that browsers save as a file, named in any script (RFC 6266 / 5987).

/** A file name from a title: its words (any script), at most 80 characters. */
export function fileName(title: string, extension: string): string {
  const words = title.normalize("NFKC").match(/[\p{L}\p{N}]+/gu)?.join("-").slice(0, 80) || "chat";
  return `${words}.${extension}`;
}

export function attachment(name: string, disposition: "attachment" | "inline" = "attachment"): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * A stored file as an answer: images shown in place, everything else only ever
 * downloaded (never rendered as a page of this site), with its own type.
 */
export function fileResponse(file: { name: string; mediaType: string; kind: string; size: number; data: Uint8Array }): Response {
  const image = file.kind === "image";
  return new Response(new Uint8Array(file.data), {
    headers: {
      "content-type": file.mediaType.startsWith("text/") || file.mediaType === "application/json" ? `${file.mediaType}; charset=utf-8` : file.mediaType,
      "content-length": String(file.size),
      "content-disposition": attachment(file.name, image ? "inline" : "attachment"),
      // An id names one content for good.
      "cache-control": "private, max-age=31536000, immutable",
    },
  });
}
