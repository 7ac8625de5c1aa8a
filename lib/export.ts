// Exports: Parley's own JSON format (versioned, lossless: every branch, every
// part — reasoning, tool calls — usage, timestamps, the role and system prompt),
// and Markdown (the visible thread, readable as a document).
import type { UIMessage } from "ai";
import { attachmentId } from "./attachments";
import { findAttachments, type AttachmentRow } from "./db/attachments";
import { sessionForExport, sessionsForExport, type SessionForExport } from "./db/export";
import { NotFoundError } from "./errors";
import { messageView, sessionView, type MessageView, type SessionView } from "./views";

/** Bumped when the format changes in a way an importer must know about. */
export const EXPORT_VERSION = 1;

export type ExportedAttachment = { id: string; name: string; mediaType: string; size: number; sha256: string; data: string };

export type ExportedSession = SessionView & {
  role: { id: string; name: string; description: string; systemPrompt: string; builtIn: boolean } | null;
  messages: Array<Omit<MessageView, "sessionId"> & { seq: number }>;
  /** The files its messages attach (their bytes in base64): file parts refer to them as /api/files/<id>. */
  attachments: ExportedAttachment[];
};

function exported(row: SessionForExport, files: Map<string, AttachmentRow>): ExportedSession {
  const messages = row.messages.map((message) => ({ ...withoutSession(messageView(message)), seq: message.seq }));
  const used = new Set(messages.flatMap((m) => m.parts.flatMap((p) => (p.type === "file" ? [attachmentId(p.url)] : []))));
  return {
    ...sessionView(row),
    role: row.role ? { id: row.role.id, name: row.role.name, description: row.role.description, systemPrompt: row.role.systemPrompt, builtIn: row.role.userId === null } : null,
    // Each message without its sessionId (the session it is in says it), with its insertion order.
    messages,
    attachments: [...used].flatMap((id) => {
      const file = id ? files.get(id) : undefined;
      return file ? [{ id: file.id, name: file.name, mediaType: file.mediaType, size: file.size, sha256: file.sha256, data: Buffer.from(file.data).toString("base64") }] : [];
    }),
  };
}

/** The attachments the sessions' messages refer to, with their bytes. */
async function filesOf(userId: string, rows: SessionForExport[]): Promise<Map<string, AttachmentRow>> {
  const ids = rows.flatMap((row) => row.messages.flatMap((m) => (m.parts as UIMessage["parts"]).flatMap((p) => (p.type === "file" ? [attachmentId(p.url)] : []))));
  const found = await findAttachments(userId, [...new Set(ids.filter((id): id is string => id !== null))], true);
  return new Map((found as AttachmentRow[]).map((file) => [file.id, file]));
}

function withoutSession(view: MessageView): Omit<MessageView, "sessionId"> {
  const copy: Partial<MessageView> = { ...view };
  delete copy.sessionId;
  return copy as Omit<MessageView, "sessionId">;
}

const header = () => ({ format: "parley", version: EXPORT_VERSION, exportedAt: new Date().toISOString() });

export async function exportSession(userId: string, id: string): Promise<ExportedSession> {
  const row = await sessionForExport(userId, id);
  if (!row) throw new NotFoundError("Session");
  return exported(row, await filesOf(userId, [row]));
}

export function sessionDocument(session: ExportedSession) {
  return { ...header(), sessions: [session] };
}

/**
 * Every session of the user as one JSON document, produced a batch of sessions
 * at a time as the client reads (its memory stays flat however many there are).
 */
export function exportAll(userId: string, batch = 50): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let afterId: string | null = null;
  let first = true;
  let done = false;
  return new ReadableStream({
    start(controller) {
      const opening = JSON.stringify(header());
      controller.enqueue(encoder.encode(`${opening.slice(0, -1)},"sessions":[`));
    },
    async pull(controller) {
      if (done) return;
      const rows = await sessionsForExport(userId, afterId, batch);
      for (const row of rows) {
        // A session's files are read with it, so memory holds one session's files at a time.
        controller.enqueue(encoder.encode(`${first ? "" : ","}\n${JSON.stringify(exported(row, await filesOf(userId, [row])))}`));
        first = false;
      }
      if (rows.length < batch) {
        done = true;
        controller.enqueue(encoder.encode("\n]}\n"));
        controller.close();
      } else {
        afterId = rows.at(-1)!.id;
      }
    },
  });
}

/** The visible thread: from the head up through its parents, oldest first. */
function visibleThread(session: ExportedSession): ExportedSession["messages"] {
  const byId = new Map(session.messages.map((m) => [m.id, m]));
  const thread = [];
  for (let id = session.headId; id; id = byId.get(id)?.parentId ?? null) {
    const message = byId.get(id);
    if (!message) break;
    thread.push(message);
  }
  return thread.reverse();
}

function partMarkdown(part: UIMessage["parts"][number]): string {
  if (part.type === "text") return part.text;
  if (part.type === "file") return `_Attached: ${part.filename ?? "a file"}_`;
  if (part.type === "reasoning") return part.text.trim() ? `> **Thinking**\n>\n${part.text.trim().replace(/^/gm, "> ")}` : "";
  if (part.type.startsWith("tool-") || part.type === "dynamic-tool") {
    const tool = part as { type: string; toolName?: string; input?: unknown; output?: unknown; errorText?: string };
    const name = tool.toolName ?? tool.type.slice("tool-".length);
    const result = tool.errorText ? `Error: ${tool.errorText}` : JSON.stringify(tool.output ?? null, null, 2);
    return `**Tool \`${name}\`**\n\n\`\`\`json\n${JSON.stringify(tool.input ?? null, null, 2)}\n\`\`\`\n\n\`\`\`json\n${result}\n\`\`\``;
  }
  return "";
}

const STATUS_NOTE: Record<string, string> = { stopped: "_(stopped)_", error: "_(failed)_", interrupted: "_(interrupted)_", streaming: "_(still being written)_" };

/** The visible thread as a Markdown document. */
export function sessionMarkdown(session: ExportedSession): string {
  const lines = [`# ${session.title}`, "", `_${session.model}${session.role ? ` · ${session.role.name}` : ""} · ${session.createdAt.slice(0, 10)}_`, ""];
  const systemPrompt = session.systemPrompt ?? session.role?.systemPrompt;
  if (systemPrompt) lines.push(`> **System prompt:** ${systemPrompt.replace(/\n/g, "\n> ")}`, "");
  for (const message of visibleThread(session)) {
    lines.push(message.role === "user" ? "## You" : `## ${message.model ?? "Assistant"}`, "");
    const body = message.parts.map(partMarkdown).filter(Boolean).join("\n\n");
    lines.push(body || message.text, "");
    if (message.status !== "complete") lines.push(STATUS_NOTE[message.status] ?? "", "");
    if (message.error) lines.push(`> ${message.error}`, "");
  }
  return `${lines.join("\n").trimEnd()}\n`;
}
