// Imports Parley's own export format (lib/export.ts) into the caller's account,
// and ChatGPT's and Claude's conversations.json (lib/import-foreign.ts).
// Ids are derived from the importer and the file's ids, so importing the same
// file twice creates nothing new, and importing it into another account gives
// that account its own copies. A file is imported whole or not at all.
import { createHash } from "node:crypto";
import type { z } from "zod";
import { exportDocument } from "./api/schemas";
import type { Prisma } from "./db/generated/client";
import { countOwnRoles, existingSessionIds, knownRoleIds, writeImport, type ImportRows } from "./db/import";
import { InvalidInputError } from "./errors";
import { foreignFormat, fromChatGPT, fromClaude } from "./import-foreign";
import { MAX_ROLES_PER_USER } from "./roles";
import { uploadAttachment } from "./attachments";

type Document = z.infer<typeof exportDocument>;

/** The most an import file may be (README). */
export const IMPORT_MAX_BYTES = 64 * 1024 * 1024;

/** Where in the file a string holds what PostgreSQL cannot store (NUL, an unpaired surrogate). */
function unstorable(value: unknown, path: string): string | null {
  if (typeof value === "string") return value.includes("\u0000") || !value.isWellFormed() ? path || "(the file)" : null;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = unstorable(item, `${path}.${index}`);
      if (found) return found;
    }
  } else if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      const found = unstorable(item, path ? `${path}.${key}` : key);
      if (found) return found;
    }
  }
  return null;
}

/** A file's JSON as Parley's export format, or a 422 that says what the file is and what is wrong with it. */
export function parseImport(file: unknown): Document {
  // ChatGPT's and Claude's conversations.json become Parley documents first, then pass the same checks.
  const foreign = foreignFormat(file);
  const value = foreign === "chatgpt" ? fromChatGPT(file) : foreign === "claude" ? fromClaude(file) : file;
  if (!value || typeof value !== "object" || (value as { format?: unknown }).format !== "parley") {
    throw new InvalidInputError("unsupported_format", 'Not a Parley export: expected a JSON object with "format": "parley" (GET /api/export makes one).');
  }
  if ((value as { version?: unknown }).version !== 1) throw new InvalidInputError("unsupported_version", "This Parley export is of a version this server does not know (it reads version 1).");
  const parsed = exportDocument.safeParse(value);
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 5).map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new InvalidInputError("invalid_import", problems.join("; "));
  }
  const bad = unstorable(value, "");
  if (bad) throw new InvalidInputError("invalid_import", `${bad}: expected text without NUL characters or unpaired surrogates`);
  return parsed.data;
}

export type ImportResult = { sessions: string[]; imported: { sessions: number; messages: number }; skipped: number };

/** A UUID (version 8, RFC 9562) for `original` in the importer's account: the same every time. */
function derivedId(userId: string, kind: string, original: string): string {
  const hex = createHash("sha256").update(`${userId}\0${kind}\0${original}`).digest("hex");
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The new sessions' files, stored as the importer's (the same checks as an
 * upload; the same bytes are one file): each file's url in the file → its url here.
 * They are stored before the import's transaction; if that fails, they are
 * unsent uploads, deleted after a day.
 */
async function importAttachments(userId: string, document: Document, skip: (index: number) => boolean): Promise<Map<string, string>> {
  const urls = new Map<string, string>();
  for (const [index, session] of document.sessions.entries()) {
    if (skip(index)) continue;
    for (const [at, file] of session.attachments.entries()) {
      const where = `sessions.${index}.attachments.${at}`;
      const bytes = Buffer.from(file.data, "base64");
      if (createHash("sha256").update(bytes).digest("hex") !== file.sha256) throw new InvalidInputError("invalid_import", `${where}.data: does not match its sha256`);
      try {
        urls.set(`/api/files/${file.id}`, (await uploadAttachment(userId, { name: file.name, bytes })).url);
      } catch (error) {
        if (error instanceof Error && "code" in error) throw new InvalidInputError("invalid_import", `${where}: ${error.message}`);
        throw error;
      }
    }
  }
  return urls;
}

/** Message parts with their file urls moved to the importer's copies. */
function withImportedFiles(parts: unknown[], urls: Map<string, string>): unknown[] {
  return parts.map((part) => {
    const file = part as { type?: string; url?: string };
    return file.type === "file" && file.url && urls.has(file.url) ? { ...file, url: urls.get(file.url) } : part;
  });
}

export async function importDocument(userId: string, document: Document): Promise<ImportResult> {
  const ids = document.sessions.map((session) => derivedId(userId, "session", session.id));
  const existing = await existingSessionIds(ids);
  const fileUrls = await importAttachments(userId, document, (index) => existing.has(ids[index]!));
  const builtIns = await knownRoleIds(document.sessions.flatMap((s) => (s.role?.builtIn ? [s.role.id] : [])));
  let roomForRoles = MAX_ROLES_PER_USER - (await countOwnRoles(userId));
  const rows: ImportRows = { roles: [], sessions: [], messages: [] };
  const roleIds = new Map<string, string>();

  document.sessions.forEach((session, index) => {
    const id = ids[index]!;
    if (existing.has(id)) return;
    const where = `sessions.${index}`;
    const messageIds = new Set(session.messages.map((m) => m.id));
    for (const [at, message] of session.messages.entries()) {
      if (message.parentId && !messageIds.has(message.parentId)) {
        throw new InvalidInputError("invalid_import", `${where}.messages.${at}.parentId: no message ${message.parentId} in this session`);
      }
    }
    if (session.headId && !messageIds.has(session.headId)) throw new InvalidInputError("invalid_import", `${where}.headId: no message ${session.headId} in this session`);

    // The role: a built-in one by its id; the author's own becomes the importer's (within their cap),
    // else its prompt is kept as the session's own.
    let roleId: string | null = null;
    let systemPrompt = session.systemPrompt;
    if (session.role?.builtIn && builtIns.has(session.role.id)) roleId = session.role.id;
    else if (session.role && !session.role.builtIn) {
      const ownId = roleIds.get(session.role.id) ?? derivedId(userId, "role", session.role.id);
      if (!roleIds.has(session.role.id) && roomForRoles > 0) {
        roomForRoles -= 1;
        roleIds.set(session.role.id, ownId);
        rows.roles.push({ id: ownId, userId, name: session.role.name, description: session.role.description, systemPrompt: session.role.systemPrompt });
      }
      if (roleIds.has(session.role.id)) roleId = ownId;
      else systemPrompt ??= session.role.systemPrompt;
    }

    rows.sessions.push({
      id,
      userId,
      title: session.title,
      titleSource: session.titleSource,
      roleId,
      systemPrompt,
      model: session.model,
      pinned: session.pinned,
      headId: session.headId ? derivedId(userId, "message", session.headId) : null,
      createdAt: session.createdAt,
      updatedAt: session.updatedAt,
      lastMessageAt: session.lastMessageAt,
    });
    for (const message of [...session.messages].sort((a, b) => a.seq - b.seq)) {
      rows.messages.push({
        id: derivedId(userId, "message", message.id),
        sessionId: id,
        parentId: message.parentId ? derivedId(userId, "message", message.parentId) : null,
        seq: message.seq,
        role: message.role,
        parts: withImportedFiles(message.parts, fileUrls) as Prisma.InputJsonValue,
        text: message.text,
        // Nothing is writing it any more.
        status: message.status === "streaming" ? "interrupted" : message.status,
        model: message.model,
        finishReason: message.finishReason,
        inputTokens: message.usage?.inputTokens ?? null,
        outputTokens: message.usage?.outputTokens ?? null,
        reasoningTokens: message.usage?.reasoningTokens ?? null,
        cost: message.cost,
        error: message.error,
        createdAt: message.createdAt,
        updatedAt: message.updatedAt,
      });
    }
  });

  await writeImport(rows);
  return { sessions: rows.sessions.map((s) => s.id as string), imported: { sessions: rows.sessions.length, messages: rows.messages.length }, skipped: existing.size };
}
