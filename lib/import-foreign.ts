// Other apps' exports as Parley export documents (lib/import.ts imports those):
// ChatGPT's and Claude's conversations.json. Both are read loosely (their shape
// has changed over the years; unknown fields are ignored), and what is shown in
// those apps becomes messages: a message tree whose hidden, empty, tool and
// non-text nodes are left out, their children hung on the nearest message kept.
import { createHash } from "node:crypto";
import { z } from "zod";
import { cutTitle } from "./ai/title";
import { exportDocument } from "./api/schemas";
import { InvalidInputError } from "./errors";

export type Document = z.infer<typeof exportDocument>;
type Session = Document["sessions"][number];
type Message = Session["messages"][number];

/** What kind of foreign export a file's JSON is, by the fields only that app writes. */
export function foreignFormat(value: unknown): "chatgpt" | "claude" | null {
  const first: unknown = Array.isArray(value) ? value[0] : undefined;
  if (!first || typeof first !== "object") return null;
  if ("mapping" in first) return "chatgpt";
  if ("chat_messages" in first) return "claude";
  return null;
}

// ---- Shared: the message tree → a Parley session ----

/** One node of a foreign tree; `message` null for one that is not shown (its children move up). */
type Node = {
  parent: string | null;
  message: { role: "user" | "assistant"; text: string; reasoning: string; model: string | null; createdAt: string; updatedAt: string } | null;
  /** ChatGPT's "thoughts" nodes: reasoning for the next assistant message below. */
  thoughts?: string;
};

/**
 * Parley's export format wants UUIDs, and importDocument derives its ids from
 * these, so the same conversation imported twice is one session. The source
 * prefix ("chatgpt:", "claude:") keeps them apart from Parley's own ids.
 */
function uuidFor(key: string): string {
  const hex = createHash("sha256").update(key).digest("hex");
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const broken = (path: string, problem: string) => new InvalidInputError("invalid_import", `${path}: ${problem}`);

/** A title from a message: its first 80 whole characters (never half an emoji or surrogate pair). */
const titleFrom = (text: string) => cutTitle(text.replace(/\s+/g, " ").trim());

/** Seconds since 1970 (ChatGPT) or an ISO string (Claude) as an ISO string. */
function iso(time: number | string): string {
  return new Date(typeof time === "number" ? time * 1000 : time).toISOString();
}

/**
 * The session made of a conversation's nodes (in the file's order): each
 * message's parent is its nearest shown ancestor; seq follows time, a parent
 * always before its children; the head is `head`'s nearest shown node (or self).
 */
function session(
  key: string,
  nodes: Map<string, Node>,
  head: string | null,
  fields: { title: string | null; model: string; createdAt: string | null; updatedAt: string | null },
  parentPath: (id: string) => string,
): Session | null {
  // A parent that is not there, or parents in a circle, is a broken file (and would hang the walks below).
  const done = new Set<string>();
  for (const start of nodes.keys()) {
    const path = new Set<string>();
    for (let at: string | null = start; at !== null && !done.has(at); at = nodes.get(at)!.parent) {
      if (path.has(at)) throw broken(parentPath(at), "the parents form a cycle");
      const parent = nodes.get(at)!.parent;
      if (parent !== null && !nodes.has(parent)) throw broken(parentPath(at), `no node ${parent} in this conversation`);
      path.add(at);
    }
    for (const at of path) done.add(at);
  }

  const shown = (id: string | null): string | null => {
    while (id !== null && !nodes.get(id)!.message) id = nodes.get(id)!.parent;
    return id;
  };
  const idOf = (id: string) => uuidFor(`${key}/${id}`);
  const kept = [...nodes].filter(([, node]) => node.message);
  if (kept.length === 0) return null;

  // Time order, then each message after its parent.
  const byTime = kept.map(([id]) => id).sort((a, b) => nodes.get(a)!.message!.createdAt.localeCompare(nodes.get(b)!.message!.createdAt));
  const order: string[] = [];
  const placed = new Set<string>();
  for (const id of byTime) {
    const chain: string[] = [];
    for (let at: string | null = id; at !== null && !placed.has(at); at = shown(nodes.get(at)!.parent)) {
      placed.add(at);
      chain.push(at);
    }
    order.push(...chain.reverse());
  }

  const messages = order.map((id, seq): Message => {
    const node = nodes.get(id)!;
    const message = node.message!;
    // Thoughts between this answer and the message it answers are its reasoning.
    const thoughts: string[] = [];
    for (let at = node.parent; at !== null && !nodes.get(at)!.message; at = nodes.get(at)!.parent) {
      if (nodes.get(at)!.thoughts) thoughts.unshift(nodes.get(at)!.thoughts!);
    }
    const reasoning = [...(message.role === "assistant" ? thoughts : []), message.reasoning].filter(Boolean).join("\n\n");
    const parentId = shown(node.parent);
    return {
      id: idOf(id),
      parentId: parentId === null ? null : idOf(parentId),
      seq,
      role: message.role,
      // The shapes Parley stores: a user's text part has no state; a reply's parts are done.
      parts:
        message.role === "user"
          ? [{ type: "text", text: message.text }]
          : [...(reasoning ? [{ type: "reasoning", text: reasoning, state: "done" }] : []), { type: "text", text: message.text, state: "done" }],
      text: message.text,
      status: "complete",
      model: message.role === "assistant" ? message.model : null,
      finishReason: message.role === "assistant" ? "stop" : null,
      usage: null,
      cost: null,
      error: null,
      createdAt: message.createdAt,
      updatedAt: message.updatedAt,
    };
  });

  // A head the file does not name (or names wrongly) is the newest message: what the app would most likely show.
  const headId = shown(head !== null && nodes.has(head) ? head : null) ?? order.at(-1)!;
  const firstUser = messages.find((m) => m.role === "user");
  const lastMessageAt = messages.map((m) => m.createdAt).reduce((a, b) => (a > b ? a : b));
  const createdAt = fields.createdAt ?? messages[0]!.createdAt;
  return {
    id: uuidFor(key),
    title: fields.title?.trim() || (firstUser?.text.trim() ? titleFrom(firstUser.text) : "Imported chat"),
    titleSource: "user",
    roleId: null,
    role: null,
    systemPrompt: null,
    temperature: null,
    model: fields.model,
    modelIsLocal: false,
    pinned: false,
    headId: idOf(headId),
    createdAt,
    updatedAt: fields.updatedAt ?? lastMessageAt,
    lastMessageAt,
    messages,
    attachments: [],
  };
}

/** The file's problems (the first few) as one 422, each with its path in the file. */
function parsed<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.slice(0, 5).map((issue) => `${issue.path.join(".") || "(the file)"}: ${issue.message}`);
  throw new InvalidInputError("invalid_import", problems.join("; "));
}

const document = (sessions: Array<Session | null>): Document => ({
  format: "parley",
  version: 1,
  exportedAt: new Date().toISOString(),
  sessions: sessions.filter((s): s is Session => s !== null),
});

// ---- ChatGPT ----

const chatgptMessage = z.object({
  author: z.object({ role: z.string() }),
  create_time: z.number().nullish(),
  update_time: z.number().nullish(),
  content: z.object({
    content_type: z.string(),
    parts: z.array(z.unknown()).nullish(),
    thoughts: z.array(z.object({ content: z.string().nullish() })).nullish(),
  }),
  metadata: z.object({ model_slug: z.string().nullish(), is_visually_hidden_from_conversation: z.boolean().nullish() }).nullish(),
  recipient: z.string().nullish(),
});

const chatgptConversations = z.array(
  z.object({
    title: z.string().nullish(),
    create_time: z.number().nullish(),
    update_time: z.number().nullish(),
    mapping: z.record(z.string(), z.object({ message: chatgptMessage.nullish(), parent: z.string().nullish() })),
    current_node: z.string().nullish(),
    conversation_id: z.string().nullish(),
    id: z.string().nullish(),
    default_model_slug: z.string().nullish(),
  }),
);

/** A node's text as shown: text and multimodal_text string parts (images and other objects dropped); "" for anything else. */
function chatgptText(message: z.infer<typeof chatgptMessage>): string {
  const { content_type, parts } = message.content;
  if (content_type !== "text" && content_type !== "multimodal_text") return "";
  return (parts ?? []).filter((part): part is string => typeof part === "string" && part.trim() !== "").join("\n");
}

/** ChatGPT's conversations.json (Settings → Data controls → Export data) as a Parley document. */
export function fromChatGPT(value: unknown): Document {
  return document(
    parsed(chatgptConversations, value).map((conversation, index) => {
      const sourceId = conversation.conversation_id ?? conversation.id;
      if (!sourceId) throw broken(`${index}.id`, "expected the conversation's id");
      const start = conversation.create_time ?? 0;
      const nodes = new Map<string, Node>();
      for (const [id, { message, parent }] of Object.entries(conversation.mapping)) {
        const role = message?.author.role;
        const text = message ? chatgptText(message) : "";
        const shown =
          message && (role === "user" || role === "assistant") && !message.metadata?.is_visually_hidden_from_conversation && (message.recipient ?? "all") === "all" && text.trim() !== "";
        const createdAt = iso(message?.create_time ?? start);
        nodes.set(id, {
          parent: parent ?? null,
          message: shown ? { role, text, reasoning: "", model: message.metadata?.model_slug ?? null, createdAt, updatedAt: message.update_time ? iso(message.update_time) : createdAt } : null,
          thoughts: message?.content.content_type === "thoughts" ? (message.content.thoughts ?? []).map((t) => t.content ?? "").filter(Boolean).join("\n\n") : undefined,
        });
      }
      const slugs = [...nodes.values()].flatMap((n) => (n.message?.role === "assistant" && n.message.model ? [n.message.model] : []));
      return session(
        `chatgpt:${sourceId}`,
        nodes,
        conversation.current_node ?? null,
        {
          title: conversation.title ?? null,
          model: conversation.default_model_slug ?? slugs.at(-1) ?? "chatgpt",
          createdAt: conversation.create_time ? iso(conversation.create_time) : null,
          updatedAt: conversation.update_time ? iso(conversation.update_time) : null,
        },
        (id) => `${index}.mapping.${id}.parent`,
      );
    }),
  );
}

// ---- Claude ----

const dateTime = z.string().refine((s) => !Number.isNaN(Date.parse(s)), "expected a date and time");

const claudeConversations = z.array(
  z.object({
    uuid: z.string().min(1),
    name: z.string().nullish(),
    model: z.string().nullish(),
    created_at: dateTime,
    updated_at: dateTime.nullish(),
    current_leaf_message_uuid: z.string().nullish(),
    chat_messages: z.array(
      z.object({
        uuid: z.string().min(1),
        text: z.string().nullish(),
        content: z.array(z.object({ type: z.string(), text: z.string().nullish(), thinking: z.string().nullish() })).nullish(),
        sender: z.string(),
        created_at: dateTime,
        updated_at: dateTime.nullish(),
        attachments: z.array(z.object({ file_name: z.string().nullish(), extracted_content: z.string().nullish() })).nullish(),
        parent_message_uuid: z.string().nullish(),
      }),
    ),
  }),
);

/** Text with a fence around it that nothing inside can close. */
function fenced(name: string, text: string): string {
  const longest = Math.max(2, ...Array.from(text.matchAll(/`+/g), (m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  return `${fence}${name}\n${text.replace(/\n$/, "")}\n${fence}`;
}

/** claude.ai's conversations.json (Settings → Privacy → Export data) as a Parley document. */
export function fromClaude(value: unknown): Document {
  return document(
    parsed(claudeConversations, value).map((conversation, index) => {
      const known = new Set(conversation.chat_messages.map((m) => m.uuid));
      const nodes = new Map<string, Node>();
      conversation.chat_messages.forEach((message, at) => {
        // Text blocks are joined as they are (citations split sentences into blocks); a tool call between two starts a new paragraph.
        let text = "";
        let reasoning = "";
        let gap = false;
        for (const item of message.content ?? []) {
          if (item.type === "text" && item.text) {
            text += (gap && text ? "\n\n" : "") + item.text;
            gap = false;
          } else if (item.type === "thinking" && item.thinking) reasoning += (reasoning ? "\n\n" : "") + item.thinking;
          else gap = true;
        }
        if (!text.trim()) text = message.text ?? "";
        // Files' extracted text was part of what the user sent (and what Claude read), so it is kept: appended
        // to the message as a fenced block named by the file. Files without extracted text (images) are dropped.
        for (const file of message.attachments ?? []) {
          if (file.extracted_content?.trim()) text += `${text ? "\n\n" : ""}${fenced(file.file_name ?? "attachment", file.extracted_content)}`;
        }
        const role = message.sender === "human" ? "user" : message.sender === "assistant" ? "assistant" : null;
        // Branches when the export says whose reply a message is; else a chain in the file's order.
        const parent = message.parent_message_uuid && known.has(message.parent_message_uuid) ? message.parent_message_uuid : (conversation.chat_messages[at - 1]?.uuid ?? null);
        const createdAt = iso(message.created_at);
        nodes.set(message.uuid, {
          parent,
          message: role && text.trim() ? { role, text, reasoning, model: null, createdAt, updatedAt: message.updated_at ? iso(message.updated_at) : createdAt } : null,
        });
      });
      const position = new Map(conversation.chat_messages.map((m, at) => [m.uuid, at]));
      return session(
        `claude:${conversation.uuid}`,
        nodes,
        conversation.current_leaf_message_uuid ?? conversation.chat_messages.at(-1)?.uuid ?? null,
        {
          title: conversation.name ?? null,
          model: conversation.model ?? "claude",
          createdAt: iso(conversation.created_at),
          updatedAt: conversation.updated_at ? iso(conversation.updated_at) : null,
        },
        (id) => `${index}.chat_messages.${position.get(id)}.parent_message_uuid`,
      );
    }),
  );
}
