// A stored reply as UI message chunks, for a client that asks for a reply that
// has already ended (a retried send): the same protocol as a live one.
import type { UIMessage, UIMessageChunk } from "ai";
import type { MessageRow } from "../db/messages";

export function storedReplyChunks(row: MessageRow): UIMessageChunk[] {
  const chunks: UIMessageChunk[] = [{ type: "start", messageId: row.id, messageMetadata: { model: row.model ?? undefined, createdAt: row.createdAt.toISOString() } }];
  (row.parts as UIMessage["parts"]).forEach((part, index) => {
    const id = `${row.id}-${index}`;
    if (part.type === "text" || part.type === "reasoning") {
      const kind = part.type;
      chunks.push({ type: `${kind}-start`, id }, { type: `${kind}-delta`, id, delta: part.text }, { type: `${kind}-end`, id });
    } else if (part.type === "step-start") {
      chunks.push({ type: "start-step" });
    } else if ((part.type.startsWith("tool-") || part.type === "dynamic-tool") && "toolCallId" in part) {
      const toolName = part.type === "dynamic-tool" ? part.toolName : part.type.slice("tool-".length);
      chunks.push({ type: "tool-input-available", toolCallId: part.toolCallId, toolName, input: part.input });
      if (part.state === "output-available") chunks.push({ type: "tool-output-available", toolCallId: part.toolCallId, output: part.output });
      if (part.state === "output-error") chunks.push({ type: "tool-output-error", toolCallId: part.toolCallId, errorText: part.errorText });
    }
  });
  if (row.status === "error" && row.error) chunks.push({ type: "error", errorText: row.error });
  const usage = { inputTokens: row.inputTokens, outputTokens: row.outputTokens, reasoningTokens: row.reasoningTokens };
  chunks.push(
    row.status === "stopped"
      ? { type: "abort" }
      : { type: "finish", finishReason: (row.finishReason ?? undefined) as never, messageMetadata: { usage, cost: row.cost === null ? null : Number(row.cost) } },
  );
  return chunks;
}
