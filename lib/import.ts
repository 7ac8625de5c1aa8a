// Imports Parley's own export format (lib/export.ts) into the caller's account,
// and ChatGPT's and Claude's conversations.json (lib/import-foreign.ts turns
// each of their conversations into a Parley session first).
// The file is read as it arrives, a session at a time (lib/json-items.ts), and
// written a batch at a time inside one transaction: however large the file,
// memory holds a batch, and the file is imported whole or not at all.
// Ids are derived from the importer and the file's ids, so importing the same
// file twice creates nothing new, and importing it into another account gives
// that account its own copies.
import { createHash } from "node:crypto";
import type { z } from "zod";
import { exportDocument } from "./api/schemas";
import { uploadAttachment } from "./attachments";
import type { DbClient } from "./db/client";
import type { Prisma } from "./db/generated/client";
import { countOwnRoles, existingSessionIds, inImportTransaction, knownRoleIds, writeImportRows, type ImportRows } from "./db/import";
import { InvalidInputError } from "./errors";
import { foreignFormat, fromChatGPT, fromClaude } from "./import-foreign";
import { jsonItems, limitedText, type JsonItem } from "./json-items";
import { MAX_ROLES_PER_USER } from "./roles";

type Document = z.infer<typeof exportDocument>;
type ImportedSession = Document["sessions"][number];
const sessionSchema = exportDocument.shape.sessions.element;

/** The most an import file may be (README): it is read as it arrives, so this bounds time, not memory. */
export const IMPORT_MAX_BYTES = 512 * 1024 * 1024;
/** Sessions written together (one round of inserts in the import's transaction). */
const BATCH_SESSIONS = 25;

export type ImportResult = { sessions: string[]; imported: { sessions: number; messages: number }; skipped: number };

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

const notParley = () => new InvalidInputError("unsupported_format", 'Not a Parley export: expected a JSON object with "format": "parley" (GET /api/export makes one), or ChatGPT\'s or Claude\'s conversations.json.');

/** One session of a Parley file, checked: a 422 names where in the file it is wrong. */
function parleySession(value: unknown, where: string): ImportedSession {
  const parsed = sessionSchema.safeParse(value);
  if (!parsed.success) {
    throw new InvalidInputError("invalid_import", parsed.error.issues.slice(0, 5).map((issue) => `${[where, ...issue.path].join(".")}: ${issue.message}`).join("; "));
  }
  const bad = unstorable(value, where);
  if (bad) throw new InvalidInputError("invalid_import", `${bad}: expected text without NUL characters or unpaired surrogates`);
  return parsed.data;
}

/** One conversation of ChatGPT's or Claude's file as a Parley session (none when it shows nothing). */
function foreignSession(format: "chatgpt" | "claude", value: unknown, index: number): ImportedSession | null {
  try {
    const [session] = (format === "chatgpt" ? fromChatGPT([value]) : fromClaude([value])).sessions;
    return session ? parleySession(session, `${index}`) : null;
  } catch (error) {
    // The converters name paths in the one-conversation array they were given: index 0 is this one.
    if (error instanceof InvalidInputError) throw new InvalidInputError(error.code, error.message.replace(/(^|; )0\./g, `$1${index}.`));
    throw error;
  }
}

/**
 * The file's sessions, as they arrive. A Parley file's `format` and `version`
 * are checked before its first session is used (sessions that come before them
 * wait for them).
 */
async function* sessionsOf(items: AsyncIterable<JsonItem>): AsyncGenerator<{ session: ImportedSession; where: string }> {
  const header: Record<string, unknown> = {};
  let checked = false;
  let foreign: "chatgpt" | "claude" | null = null;
  const waiting: Array<{ value: unknown; index: number }> = [];
  const checkHeader = () => {
    if (header.format !== "parley") throw notParley();
    if (header.version !== 1) throw new InvalidInputError("unsupported_version", "This Parley export is of a version this server does not know (it reads version 1).");
    checked = true;
  };

  for await (const item of items) {
    if (item.kind === "scalar") throw notParley();
    if (item.kind === "element") {
      foreign ??= foreignFormat([item.value]);
      if (!foreign) throw notParley();
      const session = foreignSession(foreign, item.value, item.index);
      if (session) yield { session, where: `${item.index}` };
    } else if (item.kind === "field") {
      header[item.key] = item.value;
      if (!checked && "format" in header && "version" in header) {
        checkHeader();
        for (const early of waiting.splice(0)) yield { session: parleySession(early.value, `sessions.${early.index}`), where: `sessions.${early.index}` };
      }
    } else if (checked) {
      yield { session: parleySession(item.value, `sessions.${item.index}`), where: `sessions.${item.index}` };
    } else {
      waiting.push({ value: item.value, index: item.index });
    }
  }
  if (!checked && !foreign) {
    checkHeader();
    for (const early of waiting) yield { session: parleySession(early.value, `sessions.${early.index}`), where: `sessions.${early.index}` };
  }
}

/** A UUID (version 8, RFC 9562) for `original` in the importer's account: the same every time. */
function derivedId(userId: string, kind: string, original: string): string {
  const hex = createHash("sha256").update(`${userId}\0${kind}\0${original}`).digest("hex");
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Message parts with their file urls moved to the importer's copies. */
function withImportedFiles(parts: unknown[], urls: Map<string, string>): unknown[] {
  return parts.map((part) => {
    const file = part as { type?: string; url?: string };
    return file.type === "file" && file.url && urls.has(file.url) ? { ...file, url: urls.get(file.url) } : part;
  });
}

/** What an import has written so far, and what it needs to know to write the rest. */
class ImportWriter {
  private rows: ImportRows = { roles: [], sessions: [], messages: [] };
  private pending: Array<{ id: string; session: ImportedSession; where: string }> = [];
  private readonly roleIds = new Map<string, string>();
  private roomForRoles = 0;
  readonly result: ImportResult = { sessions: [], imported: { sessions: 0, messages: 0 }, skipped: 0 };

  constructor(
    private readonly userId: string,
    private readonly tx: DbClient,
  ) {}

  async start(): Promise<void> {
    this.roomForRoles = MAX_ROLES_PER_USER - (await countOwnRoles(this.userId, this.tx));
  }

  async add(session: ImportedSession, where: string): Promise<void> {
    this.pending.push({ id: derivedId(this.userId, "session", session.id), session, where });
    if (this.pending.length >= BATCH_SESSIONS) await this.flush();
  }

  /** Writes the waiting sessions: those not imported before, with their files and roles. */
  async flush(): Promise<void> {
    const batch = this.pending.splice(0);
    if (batch.length === 0) return;
    const existing = await existingSessionIds(batch.map((b) => b.id), this.tx);
    const builtIns = await knownRoleIds(batch.flatMap((b) => (b.session.role?.builtIn ? [b.session.role.id] : [])), this.tx);
    for (const { id, session, where } of batch) {
      if (existing.has(id)) this.result.skipped += 1;
      else await this.addSession(id, session, where, builtIns);
    }
    await writeImportRows(this.rows, this.tx);
    this.result.imported.messages += this.rows.messages.length;
    this.rows = { roles: [], sessions: [], messages: [] };
  }

  private async addSession(id: string, session: ImportedSession, where: string, builtIns: Set<string>): Promise<void> {
    const messageIds = new Set(session.messages.map((m) => m.id));
    for (const [at, message] of session.messages.entries()) {
      if (message.parentId && !messageIds.has(message.parentId)) {
        throw new InvalidInputError("invalid_import", `${where}.messages.${at}.parentId: no message ${message.parentId} in this session`);
      }
    }
    if (session.headId && !messageIds.has(session.headId)) throw new InvalidInputError("invalid_import", `${where}.headId: no message ${session.headId} in this session`);
    const fileUrls = await this.addFiles(session, where);

    // The role: a built-in one by its id; the author's own becomes the importer's (within their cap),
    // else its prompt is kept as the session's own.
    let roleId: string | null = null;
    let systemPrompt = session.systemPrompt;
    if (session.role?.builtIn && builtIns.has(session.role.id)) roleId = session.role.id;
    else if (session.role && !session.role.builtIn) {
      const ownId = this.roleIds.get(session.role.id) ?? derivedId(this.userId, "role", session.role.id);
      if (!this.roleIds.has(session.role.id) && this.roomForRoles > 0) {
        this.roomForRoles -= 1;
        this.roleIds.set(session.role.id, ownId);
        this.rows.roles.push({ id: ownId, userId: this.userId, name: session.role.name, description: session.role.description, systemPrompt: session.role.systemPrompt });
      }
      if (this.roleIds.has(session.role.id)) roleId = ownId;
      else systemPrompt ??= session.role.systemPrompt;
    }

    this.rows.sessions.push({
      id,
      userId: this.userId,
      title: session.title,
      titleSource: session.titleSource,
      roleId,
      systemPrompt,
      temperature: session.temperature,
      model: session.model,
      pinned: session.pinned,
      headId: session.headId ? derivedId(this.userId, "message", session.headId) : null,
      createdAt: session.createdAt,
      updatedAt: session.updatedAt,
      lastMessageAt: session.lastMessageAt,
    });
    for (const message of [...session.messages].sort((a, b) => a.seq - b.seq)) {
      this.rows.messages.push({
        id: derivedId(this.userId, "message", message.id),
        sessionId: id,
        parentId: message.parentId ? derivedId(this.userId, "message", message.parentId) : null,
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
    this.result.sessions.push(id);
    this.result.imported.sessions += 1;
  }

  /** The session's files, stored as the importer's (the checks of an upload; the same bytes are one file): url in the file → url here. */
  private async addFiles(session: ImportedSession, where: string): Promise<Map<string, string>> {
    const urls = new Map<string, string>();
    for (const [at, file] of session.attachments.entries()) {
      const path = `${where}.attachments.${at}`;
      const bytes = Buffer.from(file.data, "base64");
      if (createHash("sha256").update(bytes).digest("hex") !== file.sha256) throw new InvalidInputError("invalid_import", `${path}.data: does not match its sha256`);
      try {
        urls.set(`/api/files/${file.id}`, (await uploadAttachment(this.userId, { name: file.name, bytes }, this.tx)).url);
      } catch (error) {
        if (error instanceof Error && "code" in error) throw new InvalidInputError("invalid_import", `${path}: ${error.message}`);
        throw error;
      }
    }
    return urls;
  }
}

/** Imports a file (a request body) into the user's account: all of it, or nothing and a 4xx naming what is wrong. */
export function importFile(userId: string, body: ReadableStream<Uint8Array>): Promise<ImportResult> {
  return inImportTransaction(async (tx) => {
    const writer = new ImportWriter(userId, tx);
    await writer.start();
    for await (const { session, where } of sessionsOf(jsonItems(limitedText(body, IMPORT_MAX_BYTES), "sessions"))) await writer.add(session, where);
    await writer.flush();
    return writer.result;
  });
}
