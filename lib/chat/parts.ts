// The one conversion between a reply's UI message chunks (what streams) and its
// parts (what is stored): chunks → parts for checkpoints and the finished reply
// alike, parts → chunks to replay a stored reply. It builds what the AI SDK's
// own readUIMessageStream builds (tests/integration/providers.test.ts holds it
// to that on every recorded provider stream),
// without copying the whole message for every chunk as the SDK does.
import type { UIMessage, UIMessageChunk } from "ai";
import type { MessageRow } from "../db/messages";

export type Part = UIMessage["parts"][number];
type Streamed = { type: string; text: string; state: string; providerMetadata?: unknown };
type ToolPart = {
  type: string;
  toolCallId: string;
  toolName?: string;
  state: string;
  input?: unknown;
  rawInput?: unknown;
  output?: unknown;
  errorText?: string;
  providerExecuted?: boolean;
  title?: string;
};

/** The plain text of a message's parts (what search and titles see). */
export function textOf(parts: UIMessage["parts"]): string {
  return parts
    .filter((part) => part.type === "text")
    .map((part) => part.text)
    .join("\n");
}

const isToolPart = (part: { type: string }) => part.type === "dynamic-tool" || part.type.startsWith("tool-");

/** A reply's parts, built chunk by chunk. */
export class MessageParts {
  readonly parts: Part[] = [];
  private readonly open = new Map<string, Streamed>();

  /** Adds a chunk; true when the parts changed. */
  add(chunk: UIMessageChunk): boolean {
    switch (chunk.type) {
      case "start-step":
        this.parts.push({ type: "step-start" });
        return true;
      case "finish-step":
        this.open.clear();
        return false;
      case "text-start":
      case "reasoning-start": {
        const type = chunk.type === "text-start" ? "text" : "reasoning";
        const part: Streamed = { type, text: "", state: "streaming", ...(chunk.providerMetadata ? { providerMetadata: chunk.providerMetadata } : {}) };
        if (type === "reasoning") Object.assign(part, { id: chunk.id });
        this.open.set(`${type}:${chunk.id}`, part);
        this.parts.push(part as Part);
        return true;
      }
      case "text-delta":
      case "reasoning-delta":
      case "text-end":
      case "reasoning-end": {
        const part = this.open.get(`${chunk.type.startsWith("text") ? "text" : "reasoning"}:${chunk.id}`);
        if (!part) return false;
        if ("delta" in chunk) part.text += chunk.delta;
        else part.state = "done";
        if (chunk.providerMetadata) part.providerMetadata = chunk.providerMetadata;
        return true;
      }
      case "tool-input-start":
        this.tool(chunk.toolCallId, chunk.toolName, chunk.dynamic, { state: "input-streaming", providerExecuted: chunk.providerExecuted, title: chunk.title });
        return true;
      case "tool-input-available":
        this.tool(chunk.toolCallId, chunk.toolName, chunk.dynamic, { state: "input-available", input: chunk.input, providerExecuted: chunk.providerExecuted, title: chunk.title });
        return true;
      case "tool-input-error": {
        // A call the model got wrong: the part keeps the kind it started as; a named tool's part keeps the bad input aside.
        const existing = this.findTool(chunk.toolCallId);
        const dynamic = existing ? existing.type === "dynamic-tool" : Boolean(chunk.dynamic);
        const input = dynamic ? { input: chunk.input } : { input: undefined, rawInput: chunk.input };
        this.tool(chunk.toolCallId, chunk.toolName, dynamic, { state: "output-error", ...input, errorText: chunk.errorText, providerExecuted: chunk.providerExecuted });
        return true;
      }
      case "tool-output-available":
      case "tool-output-error": {
        const part = this.findTool(chunk.toolCallId);
        if (!part) return false;
        if (chunk.type === "tool-output-available") Object.assign(part, { state: "output-available", output: chunk.output });
        else Object.assign(part, { state: "output-error", errorText: chunk.errorText });
        if (chunk.providerExecuted !== undefined) part.providerExecuted = chunk.providerExecuted;
        return true;
      }
      case "tool-output-denied": {
        const part = this.findTool(chunk.toolCallId);
        if (part) part.state = "output-denied";
        return Boolean(part);
      }
      case "file":
        this.parts.push({ type: "file", mediaType: chunk.mediaType, url: chunk.url, ...(chunk.providerMetadata ? { providerMetadata: chunk.providerMetadata } : {}) });
        return true;
      case "source-url":
        this.parts.push({ type: "source-url", sourceId: chunk.sourceId, url: chunk.url, title: chunk.title, providerMetadata: chunk.providerMetadata });
        return true;
      case "source-document":
        this.parts.push({ type: "source-document", sourceId: chunk.sourceId, mediaType: chunk.mediaType, title: chunk.title, filename: chunk.filename, providerMetadata: chunk.providerMetadata });
        return true;
      default:
        return false;
    }
  }

  private findTool(toolCallId: string): ToolPart | undefined {
    for (let i = this.parts.length - 1; i >= 0; i--) {
      const part = this.parts[i] as unknown as ToolPart;
      if (isToolPart(part) && part.toolCallId === toolCallId) return part;
    }
    return undefined;
  }

  private tool(toolCallId: string, toolName: string, dynamic: boolean | undefined, fields: Partial<ToolPart>): void {
    const part = this.findTool(toolCallId);
    const identity = dynamic ? { type: "dynamic-tool", toolName } : { type: `tool-${toolName}` };
    if (part) {
      Object.assign(part, identity, fields, { providerExecuted: fields.providerExecuted ?? part.providerExecuted });
    } else {
      this.parts.push({ ...identity, toolCallId, ...fields } as unknown as Part);
    }
  }
}

/** A stored reply as the chunks that would build it again (a client asking for a reply that has ended). */
export function storedReplyChunks(row: MessageRow): UIMessageChunk[] {
  const chunks: UIMessageChunk[] = [{ type: "start", messageId: row.id, messageMetadata: { model: row.model ?? undefined, createdAt: row.createdAt.toISOString() } }];
  (row.parts as UIMessage["parts"]).forEach((part, index) => {
    const id = "id" in part && typeof part.id === "string" ? part.id : `${row.id}-${index}`;
    if (part.type === "text" || part.type === "reasoning") {
      const kind = part.type;
      chunks.push({ type: `${kind}-start`, id }, { type: `${kind}-delta`, id, delta: part.text });
      // A part the stream never closed (the reply was cut) stays open, as it was stored.
      const meta = part.providerMetadata ? { providerMetadata: part.providerMetadata } : {};
      if (part.state !== "streaming") chunks.push({ type: `${kind}-end`, id, ...meta });
    } else if (part.type === "step-start") {
      chunks.push({ type: "start-step" });
    } else if (isToolPart(part) && "toolCallId" in part) {
      const toolName = part.type === "dynamic-tool" ? part.toolName : part.type.slice("tool-".length);
      const dynamic = part.type === "dynamic-tool" ? { dynamic: true } : {};
      chunks.push({ type: "tool-input-available", toolCallId: part.toolCallId, toolName, input: part.input, ...dynamic });
      if (part.state === "output-available") chunks.push({ type: "tool-output-available", toolCallId: part.toolCallId, output: part.output, ...dynamic });
      if (part.state === "output-error") chunks.push({ type: "tool-output-error", toolCallId: part.toolCallId, errorText: part.errorText, ...dynamic });
    }
  });
  if ((row.status === "error" || row.status === "interrupted") && row.error) chunks.push({ type: "error", errorText: row.error });
  const usage = { inputTokens: row.inputTokens, outputTokens: row.outputTokens, reasoningTokens: row.reasoningTokens };
  chunks.push(
    row.status === "stopped"
      ? { type: "abort" }
      : { type: "finish", finishReason: (row.finishReason ?? undefined) as never, messageMetadata: { usage, cost: row.cost === null ? null : Number(row.cost) } },
  );
  return chunks;
}
