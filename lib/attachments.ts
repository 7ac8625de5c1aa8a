// Attachments: images, text files and PDFs a user adds to their messages.
// Uploaded once (POST /api/files), stored once per user per content, and
// referred to by a message's `file` part (url /api/files/<id>), so history,
// resume, regenerate and edit keep them like any other part. What kind a file
// is comes from its bytes (images, PDF) or its name and a UTF-8 check (text),
// never from what the client says. On their way to a model, images become
// image parts (for models that take them) and text files and PDFs their text.
import { createHash } from "node:crypto";
import path from "node:path";
import type { FileUIPart, UIMessage } from "ai";
import { extractText } from "unpdf";
import { seesImages } from "./ai/providers";
import { getConfig } from "./config";
import * as files from "./db/attachments";
import type { AttachmentInfo } from "./db/attachments";
import type { DbClient } from "./db/client";
import { storableText } from "./db/storable";
import { InvalidInputError, NotFoundError, TooLargeError, UnsupportedTypeError } from "./errors";
import { log } from "./log";

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const MAX_ATTACHMENTS_PER_MESSAGE = 5;
/** Uploads never sent in a message are deleted after this long. */
const UNSENT_KEPT_MS = 24 * 3600 * 1000;
const URL_PREFIX = "/api/files/";

export type AttachmentKind = "image" | "text" | "pdf";
export type AttachmentView = { id: string; name: string; mediaType: string; kind: AttachmentKind; size: number; url: string; createdAt: string };

const view = (row: AttachmentInfo): AttachmentView => ({
  id: row.id,
  name: row.name,
  mediaType: row.mediaType,
  kind: row.kind,
  size: row.size,
  url: `${URL_PREFIX}${row.id}`,
  createdAt: row.createdAt.toISOString(),
});

// ---- What a file is --------------------------------------------------------------

const IMAGE_SIGNATURES: Array<[string, (b: Buffer) => boolean]> = [
  ["image/png", (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))],
  ["image/jpeg", (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff],
  ["image/gif", (b) => ["GIF87a", "GIF89a"].includes(b.subarray(0, 6).toString("latin1"))],
  ["image/webp", (b) => b.subarray(0, 4).toString("latin1") === "RIFF" && b.subarray(8, 12).toString("latin1") === "WEBP"],
];

const TEXT_TYPES: Record<string, string> = { md: "text/markdown", markdown: "text/markdown", csv: "text/csv", tsv: "text/tab-separated-values", json: "application/json" };
// Plain text and source code: read as text/plain (served as a download, never rendered).
const PLAIN = "txt text log ini cfg conf env yaml yml toml xml html htm css scss js mjs cjs jsx ts tsx py rb go rs java kt kts scala c h cc cpp hpp cs php swift sh bash zsh ps1 sql r lua pl dart vue svelte tex rst adoc diff patch proto graphql gradle dockerfile makefile";
for (const extension of PLAIN.split(" ")) TEXT_TYPES[extension] ??= "text/plain";

export const ACCEPTED_FILES = "PNG, JPEG, WebP and GIF images, PDFs, and text files (txt, md, csv, json, source code)";

function extensionOf(name: string): string {
  const base = name.toLowerCase();
  const dot = base.lastIndexOf(".");
  return dot < 0 ? base : base.slice(dot + 1);
}

export function detectType(name: string, bytes: Buffer): { kind: AttachmentKind; mediaType: string } | null {
  for (const [mediaType, matches] of IMAGE_SIGNATURES) if (matches(bytes)) return { kind: "image", mediaType };
  if (bytes.subarray(0, 5).toString("latin1") === "%PDF-") return { kind: "pdf", mediaType: "application/pdf" };
  const textType = TEXT_TYPES[extensionOf(name)];
  return textType ? { kind: "text", mediaType: textType } : null;
}

/** A name safe to show and to send as a download's name: no path, no control characters, at most 200 characters. */
export function cleanName(name: string): string {
  const base = path.posix.basename(name.replaceAll("\\", "/")).replace(/[\u0000-\u001f\u007f]/g, "").trim();
  return Array.from(storableText(base)).slice(0, 200).join("") || "file";
}

async function textOf(kind: AttachmentKind, bytes: Buffer, name: string): Promise<string | null> {
  if (kind === "text") {
    try {
      return storableText(new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes));
    } catch {
      throw new UnsupportedTypeError("unsupported_file_type", `${name} is not UTF-8 text.`);
    }
  }
  if (kind === "pdf") {
    let text: string;
    try {
      text = (await extractText(new Uint8Array(bytes), { mergePages: true })).text;
    } catch (error) {
      log.debug(`PDF ${name} could not be read`, error);
      throw new InvalidInputError("invalid_pdf", `${name} could not be read as a PDF.`);
    }
    if (!text.trim()) throw new InvalidInputError("pdf_without_text", `${name} holds no text (a scanned PDF?): Parley reads the text of PDFs, not their images.`);
    return storableText(text);
  }
  return null;
}

// ---- Upload, download ---------------------------------------------------------------

/** Stores a file as the user's attachment (or finds the same bytes stored already), after every check. */
export async function uploadAttachment(userId: string, file: { name: string; bytes: Buffer }, client?: DbClient): Promise<AttachmentView> {
  const name = cleanName(file.name);
  if (file.bytes.length === 0) throw new InvalidInputError("empty_file", `${name} is empty.`);
  if (file.bytes.length > MAX_ATTACHMENT_BYTES) throw new TooLargeError("file_too_large", `${name} is larger than ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB.`);
  const type = detectType(name, file.bytes);
  if (!type) throw new UnsupportedTypeError("unsupported_file_type", `${name}: Parley takes ${ACCEPTED_FILES}.`);
  const sha256 = createHash("sha256").update(file.bytes).digest("hex");
  const known = await files.findAttachmentBySha(userId, sha256, client);
  if (known) return view(known);

  const text = await textOf(type.kind, file.bytes, name);
  const limit = getConfig().attachmentBytesPerUser;
  // Unsent uploads from long ago make room first.
  await files.deleteUnused(userId, { olderThan: new Date(Date.now() - UNSENT_KEPT_MS) }, client);
  if ((await files.bytesStored(userId, client)) + file.bytes.length > limit) {
    throw new TooLargeError("attachment_quota", `Your attachments would take more than ${Math.round(limit / 1024 / 1024)} MB; delete chats with large files first.`);
  }
  return view(await files.storeAttachment({ userId, sha256, name, ...type, size: file.bytes.length, data: new Uint8Array(file.bytes), text }, client));
}

export async function attachmentForDownload(userId: string, id: string) {
  const row = await files.findAttachment(userId, id);
  if (!row) throw new NotFoundError("File");
  return row;
}

/** After a session is deleted: its attachments that no other message of the user refers to. */
export async function forgetAttachments(userId: string, ids: string[]): Promise<void> {
  if (ids.length > 0) await files.deleteUnused(userId, { ids });
}

export const attachmentsOfSession = files.attachmentsOfSession;

// ---- In messages ------------------------------------------------------------------

export const attachmentId = (url: string): string | null => (url.startsWith(URL_PREFIX) ? url.slice(URL_PREFIX.length) : null);

const isFilePart = (part: UIMessage["parts"][number]): part is FileUIPart => part.type === "file";

/**
 * The file parts of a new user message, checked and described from what is
 * stored (the client's media type and size are not believed): the user's own
 * files, at most five, images only for a model that takes them.
 */
export async function checkAttachments(userId: string, parts: UIMessage["parts"], modelId: string): Promise<UIMessage["parts"]> {
  const fileParts = parts.filter(isFilePart);
  if (fileParts.length === 0) return parts;
  if (fileParts.length > MAX_ATTACHMENTS_PER_MESSAGE) throw new InvalidInputError("too_many_files", `At most ${MAX_ATTACHMENTS_PER_MESSAGE} files per message.`);
  const ids = fileParts.map((part) => attachmentId(part.url));
  const rows = new Map((await files.findAttachments(userId, ids.filter((id): id is string => id !== null), false)).map((row) => [row.id, row]));
  const described = new Map<FileUIPart, FileUIPart>();
  fileParts.forEach((part, index) => {
    const row = rows.get(ids[index] ?? "");
    if (!row) throw new InvalidInputError("unknown_file", `No file ${part.url}: upload it with POST /api/files and send the url it returns.`);
    if (row.kind === "image" && !seesImages(modelId)) {
      throw new InvalidInputError("model_cannot_see_images", `The model ${modelId} does not take images; pick one that does, or send the text without ${row.name}.`);
    }
    described.set(part, { type: "file", mediaType: row.mediaType, filename: part.filename ? cleanName(part.filename) : row.name, url: `${URL_PREFIX}${row.id}` });
  });
  return parts.map((part) => (isFilePart(part) ? described.get(part)! : part));
}

/** How a text attachment reaches a model: its name, type and size, then its text (cut to `maxChars`). */
function attachmentText(row: AttachmentInfo, name: string, maxChars: number): string {
  const text = row.text ?? "";
  const shown = text.length > maxChars ? `${text.slice(0, maxChars)}\n[… cut: the file has ${text.length} characters]` : text;
  return `<attachment name="${name.replaceAll('"', "'")}" type="${row.mediaType}" size="${row.size}">\n${shown}\n</attachment>`;
}

/**
 * Messages as a model can read them: each attachment's image (as a data URL,
 * for a model that takes images; else a note naming it) or text.
 */
export async function withAttachmentContents(userId: string, messages: UIMessage[], options: { modelId: string; maxTextChars: number }): Promise<UIMessage[]> {
  const ids = messages.flatMap((m) => m.parts.filter(isFilePart).map((p) => attachmentId(p.url))).filter((id): id is string => id !== null);
  if (ids.length === 0) return messages;
  const rows = new Map(((await files.findAttachments(userId, [...new Set(ids)], true)) as files.AttachmentRow[]).map((row) => [row.id, row]));
  const vision = seesImages(options.modelId);
  return messages.map((message) => ({
    ...message,
    parts: message.parts.map((part): UIMessage["parts"][number] => {
      if (!isFilePart(part)) return part;
      const row = rows.get(attachmentId(part.url) ?? "");
      const name = part.filename ?? row?.name ?? "file";
      if (!row) return { type: "text", text: `[The file ${name} is no longer available.]` };
      if (row.kind !== "image") return { type: "text", text: attachmentText(row, name, options.maxTextChars) };
      if (!vision) return { type: "text", text: `[An image, ${name}, which this model cannot see.]` };
      return { type: "file", mediaType: row.mediaType, filename: name, url: `data:${row.mediaType};base64,${Buffer.from(row.data).toString("base64")}` };
    }),
  }));
}

export { view as attachmentView };
