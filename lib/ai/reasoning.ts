// Reasoning from OpenAI-compatible servers. DeepSeek, vLLM, Ollama and others
// send a model's thinking as `reasoning_content` (or `reasoning`) beside the
// answer, a field @ai-sdk/openai's Chat Completions model does not read. This
// middleware reads it from the raw chunks and emits it as reasoning parts.
import type { LanguageModelV3Content, LanguageModelV3Middleware, LanguageModelV3StreamPart } from "@ai-sdk/provider";

type ChatDelta = { reasoning_content?: unknown; reasoning?: unknown };

function reasoningOf(source: ChatDelta | undefined): string {
  const value = source?.reasoning_content ?? source?.reasoning;
  return typeof value === "string" ? value : "";
}

function firstChoice(raw: unknown): { delta?: ChatDelta; message?: ChatDelta } | undefined {
  const choices = (raw as { choices?: unknown } | null)?.choices;
  return Array.isArray(choices) ? choices[0] : undefined;
}

const REASONING_ID = "reasoning-content";

export const reasoningContentMiddleware: LanguageModelV3Middleware = {
  specificationVersion: "v3",

  async wrapStream({ doStream, params }) {
    const wantsRaw = params.includeRawChunks === true;
    params.includeRawChunks = true;
    const { stream, ...rest } = await doStream();
    let open = false;
    const close = (controller: TransformStreamDefaultController<LanguageModelV3StreamPart>) => {
      if (open) controller.enqueue({ type: "reasoning-end", id: REASONING_ID });
      open = false;
    };
    const transformed = stream.pipeThrough(
      new TransformStream<LanguageModelV3StreamPart, LanguageModelV3StreamPart>({
        transform(part, controller) {
          if (part.type === "raw") {
            const delta = reasoningOf(firstChoice(part.rawValue)?.delta);
            if (delta) {
              if (!open) controller.enqueue({ type: "reasoning-start", id: REASONING_ID });
              open = true;
              controller.enqueue({ type: "reasoning-delta", id: REASONING_ID, delta });
            }
            if (wantsRaw) controller.enqueue(part);
            return;
          }
          if (part.type === "text-start" || part.type === "tool-input-start" || part.type === "tool-call" || part.type === "finish") {
            close(controller);
          }
          controller.enqueue(part);
        },
        flush(controller) {
          close(controller);
        },
      }),
    );
    return { stream: transformed, ...rest };
  },

  async wrapGenerate({ doGenerate }) {
    const result = await doGenerate();
    const text = reasoningOf(firstChoice(result.response?.body)?.message);
    if (!text || result.content.some((part) => part.type === "reasoning")) return result;
    const reasoning: LanguageModelV3Content = { type: "reasoning", text };
    return { ...result, content: [reasoning, ...result.content] };
  },
};
