// A chat completion request as OpenAI's clients send it, read into what a
// Parley turn needs: the model, the system prompt, the earlier messages, the
// newest user message, and sampling settings. Fields Parley does not use
// (user, store, metadata, logit_bias…) are accepted and ignored, as OpenAI
// clients send them freely; ones that would change the answer's shape and
// that Parley cannot honour (n > 1, client-side tools) are refused by name.
import { z } from "zod";
import { LIMITS } from "../api/schemas";
import type { Sampling } from "../chat/turn";
import { OpenAIRequestError } from "./errors";

const contentPart = z.looseObject({ type: z.string(), text: z.string().optional(), image_url: z.looseObject({ url: z.string() }).optional() });

const message = z.looseObject({
  role: z.enum(["system", "developer", "user", "assistant", "tool", "function"]),
  content: z.union([z.string(), z.array(contentPart), z.null()]).optional(),
  tool_calls: z.array(z.unknown()).nullish(),
});

const nullable = <T extends z.ZodType>(schema: T) => schema.nullish().transform((value) => value ?? undefined);

export const chatCompletionBody = z.looseObject({
  model: z.string().min(1).max(200),
  messages: z.array(message).min(1, "expected at least one message").max(2000),
  stream: nullable(z.boolean()),
  stream_options: nullable(z.looseObject({ include_usage: nullable(z.boolean()) })),
  temperature: nullable(z.number().min(0).max(2)),
  top_p: nullable(z.number().min(0).max(1)),
  max_tokens: nullable(z.int().min(1)),
  max_completion_tokens: nullable(z.int().min(1)),
  stop: nullable(z.union([z.string(), z.array(z.string()).max(4)])),
  seed: nullable(z.int()),
  presence_penalty: nullable(z.number().min(-2).max(2)),
  frequency_penalty: nullable(z.number().min(-2).max(2)),
  n: nullable(z.literal(1, { error: "Parley answers with one choice (n = 1)" })),
  tools: nullable(z.array(z.unknown())),
});
export type ChatCompletionBody = z.infer<typeof chatCompletionBody>;

/** An image sent inline (a data: URL), to be stored as an attachment; `param` names where it was. */
export type InlineImage = { bytes: Buffer; mediaType: string; param: string };

export type ChatTurnRequest = {
  model: string;
  /** System and developer messages, joined; null when there are none. */
  system: string | null;
  /** The messages before the newest user message. */
  history: Array<{ role: "user" | "assistant"; text: string; images: InlineImage[] }>;
  /** The newest user message: the one this call answers. */
  prompt: string;
  promptImages: InlineImage[];
  sampling: Sampling;
  stream: boolean;
  includeUsage: boolean;
};

/** What PostgreSQL cannot store: refused here, naming where it was. */
function storable(value: string, param: string): string {
  if (value.includes("\u0000") || !value.isWellFormed()) throw new OpenAIRequestError(`${param}: expected text without NUL characters or unpaired surrogates`, param);
  return value;
}

const DATA_URL = /^data:([\w.+-]+\/[\w.+-]+);base64,([A-Za-z0-9+/=\s]*)$/;

/** A message's text and inline images (image_url parts with data: URLs; Parley fetches no remote URL). */
function contentOf(content: z.infer<typeof message>["content"], param: string): { text: string; images: InlineImage[] } {
  if (content === undefined || content === null) return { text: "", images: [] };
  if (typeof content === "string") return { text: storable(content, param), images: [] };
  const texts: string[] = [];
  const images: InlineImage[] = [];
  content.forEach((part, index) => {
    const at = `${param}[${index}]`;
    if (part.type === "text" && typeof part.text === "string") texts.push(storable(part.text, `${at}.text`));
    else if (part.type === "image_url" && part.image_url) {
      const data = DATA_URL.exec(part.image_url.url);
      if (!data) throw new OpenAIRequestError(`${at}.image_url.url: send the image as a data: URL (data:image/png;base64,…); Parley does not fetch remote images.`, `${at}.image_url.url`);
      images.push({ mediaType: data[1]!, bytes: Buffer.from(data[2]!, "base64"), param: at });
    } else {
      throw new OpenAIRequestError(`${at}: content parts of type "${part.type}" are not supported; send text and image_url.`, at);
    }
  });
  return { text: texts.join("\n"), images };
}

export function readChatRequest(body: ChatCompletionBody): ChatTurnRequest {
  if (body.tools?.length) throw new OpenAIRequestError("tools: Parley runs its own tools; a request cannot declare client-side tools.", "tools");
  const system: string[] = [];
  const conversation: Array<{ role: "user" | "assistant"; text: string; images: InlineImage[]; param: string }> = [];
  body.messages.forEach((each, index) => {
    const param = `messages[${index}]`;
    if (each.role === "tool" || each.role === "function" || each.tool_calls?.length) {
      throw new OpenAIRequestError(`${param}: tool calls and tool results are not supported; Parley runs its own tools.`, param);
    }
    const { text, images } = contentOf(each.content, `${param}.content`);
    if (each.role === "system" || each.role === "developer" || each.role === "assistant") {
      if (images.length) throw new OpenAIRequestError(`${param}.content: only user messages may hold images.`, `${param}.content`);
    }
    if (each.role === "system" || each.role === "developer") system.push(text);
    else conversation.push({ role: each.role, text, images, param });
  });
  const last = conversation.at(-1);
  if (!last || last.role !== "user") throw new OpenAIRequestError("messages: the last message other than system ones must be the user's.", "messages");
  if (!last.text.trim() && last.images.length === 0) throw new OpenAIRequestError(`${last.param}.content: expected a non-empty message`, `${last.param}.content`);
  if (last.text.length > LIMITS.messageChars) throw new OpenAIRequestError(`${last.param}.content: expected at most ${LIMITS.messageChars} characters`, `${last.param}.content`);
  const systemText = system.filter((s) => s.trim()).join("\n\n");
  if (systemText.length > LIMITS.systemPromptChars) throw new OpenAIRequestError(`messages: the system messages hold more than ${LIMITS.systemPromptChars} characters`, "messages");

  return {
    model: body.model,
    system: systemText || null,
    // Empty turns (an assistant message that only called tools) carry nothing to keep.
    history: conversation.slice(0, -1).filter((m) => m.text.trim() || m.images.length).map(({ role, text, images }) => ({ role, text, images })),
    prompt: last.text,
    promptImages: last.images,
    sampling: {
      temperature: body.temperature,
      topP: body.top_p,
      maxOutputTokens: body.max_completion_tokens ?? body.max_tokens,
      stopSequences: typeof body.stop === "string" ? [body.stop] : body.stop,
      seed: body.seed,
      presencePenalty: body.presence_penalty,
      frequencyPenalty: body.frequency_penalty,
    },
    stream: body.stream ?? false,
    includeUsage: body.stream_options?.include_usage ?? false,
  };
}
