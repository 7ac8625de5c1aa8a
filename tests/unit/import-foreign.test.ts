import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { exportDocument } from "@/lib/api/schemas";
import { InvalidInputError } from "@/lib/errors";
import { foreignFormat, fromChatGPT, fromClaude, type Document } from "@/lib/import-foreign";

const fixture = (name: string): unknown => JSON.parse(readFileSync(`tests/fixtures/imports/${name}`, "utf8"));
const copy = <T>(value: T): T => structuredClone(value);

type Session = Document["sessions"][number];
/** A session's messages by their text, and the text of each one's parent. */
const byText = (session: Session) => new Map(session.messages.map((m) => [m.text, m]));
const parentText = (session: Session, text: string) => {
  const message = byText(session).get(text);
  expect(message, text).toBeDefined();
  return session.messages.find((m) => m.id === message!.parentId)?.text ?? null;
};
/** The visible thread, oldest first. */
const thread = (session: Session) => {
  const texts = [];
  for (let id = session.headId; id; id = session.messages.find((m) => m.id === id)!.parentId) texts.push(session.messages.find((m) => m.id === id)!.text);
  return texts.reverse();
};

function invalid(convert: () => unknown): InvalidInputError {
  try {
    convert();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).code).toBe("invalid_import");
    return error as InvalidInputError;
  }
  throw new Error("expected an InvalidInputError");
}

describe("foreignFormat", () => {
  it("tells ChatGPT's and Claude's exports from anything else", () => {
    expect(foreignFormat(fixture("chatgpt-conversations.json"))).toBe("chatgpt");
    expect(foreignFormat(fixture("claude-conversations.json"))).toBe("claude");
    expect(foreignFormat({ format: "parley", version: 1, sessions: [] })).toBeNull();
    expect(foreignFormat([])).toBeNull();
    expect(foreignFormat([null])).toBeNull();
    expect(foreignFormat("mapping")).toBeNull();
  });
});

describe("ChatGPT's conversations.json", () => {
  const chatgpt = fixture("chatgpt-conversations.json");
  const document = fromChatGPT(chatgpt);
  const [meeting, sourdough] = document.sessions as [Session, Session];

  it("becomes a Parley document; a conversation with only hidden messages is skipped", () => {
    expect(exportDocument.parse(document)).toEqual(document);
    expect(document.sessions.map((s) => s.title)).toEqual(["会议翻译 Meeting translation", "Sourdough starter"]);
  });

  it("keeps the shown messages of every branch, Chinese and mixed text intact", () => {
    expect(meeting.messages.map((m) => [m.role, m.text])).toEqual([
      ["user", "帮我把这句话翻译成英文：我们下周一在上海开会。"],
      ["assistant", "We will hold a meeting in Shanghai next Monday."],
      ["user", "再正式一点"],
      ["assistant", "We shall convene a meeting in Shanghai next Monday."],
      ["user", "Make it more formal, 并且加上时间 10:00 AM 🙂"],
      ["assistant", "The meeting will be held in Shanghai next Monday at 10:00 AM."],
      ["user", "这张照片里的会议室够坐 12 个人吗？"],
      ["assistant", "照片里能看到 10 把椅子，坐 12 个人会有点挤 (a bit tight)。"],
    ]);
    expect(meeting.messages.map((m) => m.seq)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it("makes an edited message a second branch and follows current_node to the head", () => {
    const answer = "We will hold a meeting in Shanghai next Monday.";
    expect(parentText(meeting, "再正式一点")).toBe(answer);
    expect(parentText(meeting, "Make it more formal, 并且加上时间 10:00 AM 🙂")).toBe(answer);
    expect(thread(meeting)).toEqual([
      "帮我把这句话翻译成英文：我们下周一在上海开会。",
      answer,
      "Make it more formal, 并且加上时间 10:00 AM 🙂",
      "The meeting will be held in Shanghai next Monday at 10:00 AM.",
      "这张照片里的会议室够坐 12 个人吗？",
      "照片里能看到 10 把椅子，坐 12 个人会有点挤 (a bit tight)。",
    ]);
  });

  it("hangs the children of skipped nodes on the nearest kept one", () => {
    // Root (null message) and hidden system message above the first question; thoughts, recap, tool call and output above answers.
    expect(parentText(meeting, "帮我把这句话翻译成英文：我们下周一在上海开会。")).toBeNull();
    expect(parentText(meeting, "The meeting will be held in Shanghai next Monday at 10:00 AM.")).toBe("Make it more formal, 并且加上时间 10:00 AM 🙂");
    expect(parentText(meeting, "照片里能看到 10 把椅子，坐 12 个人会有点挤 (a bit tight)。")).toBe("这张照片里的会议室够坐 12 个人吗？");
    expect(parentText(sourdough, "How often should I feed a sourdough starter?")).toBeNull();
  });

  it("stores parts as Parley does, thoughts as the answer's reasoning, models and times", () => {
    const messages = byText(meeting);
    expect(messages.get("再正式一点")!.parts).toEqual([{ type: "text", text: "再正式一点" }]);
    expect(messages.get("The meeting will be held in Shanghai next Monday at 10:00 AM.")!.parts).toEqual([
      { type: "reasoning", text: "The user wants a formal tone and the time added; keep Shanghai and Monday.", state: "done" },
      { type: "text", text: "The meeting will be held in Shanghai next Monday at 10:00 AM.", state: "done" },
    ]);
    const first = meeting.messages[0]!;
    const answer = meeting.messages[1]!;
    expect(first).toMatchObject({ model: null, finishReason: null, status: "complete", usage: null, cost: null, error: null, createdAt: "2025-05-12T08:00:01.123Z" });
    expect(answer).toMatchObject({ model: "gpt-4o", finishReason: "stop", createdAt: "2025-05-12T08:00:04.500Z", updatedAt: "2025-05-12T08:00:04.500Z" });
    expect(meeting.messages.at(-1)!.model).toBe("o3");
    expect(meeting).toMatchObject({ model: "gpt-4o", titleSource: "user", role: null, systemPrompt: null, pinned: false, createdAt: "2025-05-12T08:00:00.000Z" });
    // No default_model_slug: the last answer's model.
    expect(sourdough.model).toBe("text-davinci-002-render-sha");
  });

  it("gives stable UUIDs of its own, the same on every conversion, different per conversation", () => {
    const again = fromChatGPT(chatgpt);
    expect(again.sessions.map((s) => s.id)).toEqual(document.sessions.map((s) => s.id));
    expect(again.sessions[0]!.messages.map((m) => m.id)).toEqual(meeting.messages.map((m) => m.id));
    // Node ids (like "client-created-root") repeat across conversations; message ids do not.
    const twice = copy(chatgpt) as Array<{ conversation_id: string }>;
    twice.push({ ...copy(twice[0]!), conversation_id: "another-conversation" });
    const all = fromChatGPT(twice).sessions.flatMap((s) => s.messages.map((m) => m.id));
    expect(new Set(all).size).toBe(all.length);
  });

  it("titles an untitled conversation from its first question", () => {
    const file = copy(chatgpt) as Array<{ title: string | null }>;
    file[1]!.title = null;
    expect(fromChatGPT(file).sessions[1]!.title).toBe("How often should I feed a sourdough starter?");
  });

  it("refuses a broken file, saying where", () => {
    const notObject = copy(chatgpt) as Array<{ mapping: unknown }>;
    notObject[0]!.mapping = ["not", "a", "mapping"];
    expect(invalid(() => fromChatGPT(notObject)).message).toMatch(/^0\.mapping: /);

    const orphan = copy(chatgpt) as Array<{ mapping: Record<string, { parent: string | null }> }>;
    orphan[1]!.mapping["aaa1b2c3-0000-4000-8000-000000000004"]!.parent = "missing-node";
    expect(invalid(() => fromChatGPT(orphan)).message).toBe("1.mapping.aaa1b2c3-0000-4000-8000-000000000004.parent: no node missing-node in this conversation");

    const cycle = copy(chatgpt) as Array<{ mapping: Record<string, { parent: string | null }> }>;
    cycle[1]!.mapping["aaa1b2c3-0000-4000-8000-000000000001"]!.parent = "aaa1b2c3-0000-4000-8000-000000000004";
    expect(invalid(() => fromChatGPT(cycle)).message).toMatch(/^1\.mapping\..+\.parent: the parents form a cycle$/);

    const noRole = copy(chatgpt) as Array<{ mapping: Record<string, { message: { author: unknown } }> }>;
    noRole[1]!.mapping["aaa1b2c3-0000-4000-8000-000000000003"]!.message.author = {};
    expect(invalid(() => fromChatGPT(noRole)).message).toMatch(/^1\.mapping\.aaa1b2c3-0000-4000-8000-000000000003\.message\.author\.role: /);
  });
});

describe("Claude's conversations.json", () => {
  const claude = fixture("claude-conversations.json");
  const document = fromClaude(claude);
  const [satisfies, parser] = document.sessions as [Session, Session];

  it("becomes a Parley document; a conversation without messages is skipped", () => {
    expect(exportDocument.parse(document)).toEqual(document);
    expect(document.sessions).toHaveLength(2);
    expect(parser.title).toBe("Review my CSV parser");
    expect(parser.model).toBe("claude");
  });

  it("titles an unnamed conversation from the first message, cut at whole characters", () => {
    const title = satisfies.title;
    expect(title.startsWith("请解释一下 TypeScript 的 satisfies 运算符")).toBe(true);
    expect(title.isWellFormed()).toBe(true);
    expect(title.endsWith("👩‍💻…")).toBe(true);
    expect([...new Intl.Segmenter().segment(title)]).toHaveLength(80);
  });

  it("chains messages without parents in order; thinking becomes reasoning", () => {
    const [question, answer] = satisfies.messages as [Session["messages"][number], Session["messages"][number]];
    expect(question).toMatchObject({ role: "user", parentId: null, createdAt: "2025-03-14T09:26:53.589Z" });
    expect(answer.parentId).toBe(question.id);
    expect(answer.parts).toEqual([
      { type: "reasoning", text: "用户问 satisfies 与 as 的区别。satisfies checks without widening; as overrides. 给 next.config.ts 的例子。", state: "done" },
      { type: "text", text: "`satisfies` 检查类型但保留推断出的具体类型；`as` 直接告诉编译器“相信我”。", state: "done" },
    ]);
    expect(satisfies.headId).toBe(answer.id);
  });

  it("follows parent_message_uuid into branches; the newest message is the head", () => {
    // Text around a tool call is joined as a new paragraph; text blocks split by a citation as they are.
    const first = "Let me check how Python's csv module handles quotes.\n\nIt splits on every comma, so quoted fields break. Use the csv module.";
    expect(parentText(parser, "Show me the fix.")).toBe(first);
    expect(parentText(parser, "Show me the fix, with a header row.")).toBe(first);
    expect(thread(parser).slice(1)).toEqual([
      first,
      "Show me the fix, with a header row.",
      "Use csv.DictReader: each row becomes a dict keyed by the header.",
    ]);
    // The first message's parent is claude.ai's root id, not a message: it starts the tree.
    expect(parser.messages[0]!.parentId).toBeNull();
  });

  it("appends an attachment's extracted text to the message as a fenced block named by the file", () => {
    expect(parser.messages[0]!.text).toBe('Can you review my CSV parser?\n\n```parser.py\ndef parse(line):\n    # naive: breaks on quoted commas\n    return line.split(",")\n```');
  });

  it("refuses a broken file, saying where", () => {
    const notArray = copy(claude) as Array<{ chat_messages: unknown }>;
    notArray[1]!.chat_messages = { uuid: "x" };
    expect(invalid(() => fromClaude(notArray)).message).toMatch(/^1\.chat_messages: /);

    const badDate = copy(claude) as Array<{ chat_messages: Array<{ created_at: string }> }>;
    badDate[0]!.chat_messages[1]!.created_at = "yesterday";
    expect(invalid(() => fromClaude(badDate)).message).toBe("0.chat_messages.1.created_at: expected a date and time");

    const cycle = copy(claude) as Array<{ chat_messages: Array<{ parent_message_uuid?: string }> }>;
    cycle[1]!.chat_messages[0]!.parent_message_uuid = "9a8b7c6d-0002-4e5f-9a0b-1c2d3e4f5a6b";
    expect(invalid(() => fromClaude(cycle)).message).toMatch(/^1\.chat_messages\.\d\.parent_message_uuid: the parents form a cycle$/);
  });
});
