// Answers that browsers save as a file, named in any script (RFC 6266 / 5987).

/** A file name from a title: its words (any script), at most 80 characters. */
export function fileName(title: string, extension: string): string {
  const words = title.normalize("NFKC").match(/[\p{L}\p{N}]+/gu)?.join("-").slice(0, 80) || "chat";
  return `${words}.${extension}`;
}

export function attachment(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
