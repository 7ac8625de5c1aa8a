// Parley's built-in "local model": a deterministic stand-in used when no model
// server is configured. It is not a language model and says so in every reply;
// it exists so the app runs offline and exercises every part of the chat UI
// (streamed text, a reasoning block, tool calls, usage numbers).
import type {
  JSONValue,
  LanguageModelV3,
  LanguageModelV3CallOptions,
  LanguageModelV3Content,
  LanguageModelV3FinishReason,
  LanguageModelV3Message,
  LanguageModelV3Prompt,
  LanguageModelV3StreamPart,
  LanguageModelV3ToolResultOutput,
  LanguageModelV3ToolResultPart,
  LanguageModelV3Usage,
} from "@ai-sdk/provider";
import { generateId } from "ai";

const WORDS = new Intl.Segmenter(undefined, { granularity: "word" });

export const LOCAL_MODEL_ID = "local";

export type LocalModelOptions = {
  /** Mean pause between streamed tokens (jittered ±20%); 0 disables pacing. Default 25. */
  tokenDelayMs?: number;
  /** Pause before the first streamed token; 0 disables it. Default 300. */
  firstTokenDelayMs?: number;
};

/** What the model decided to do for one call, before it is rendered as content or stream parts. */
type Plan =
  | { kind: "text"; reasoning: string; text: string }
  | { kind: "tool-call"; reasoning: string; toolName: string; input: string };

type ToolMessage = Extract<LanguageModelV3Message, { role: "tool" }>;

const TIME_QUESTION = /\b(time|date|clock)\b|\bwhat day\b/i;
// Runs of arithmetic characters that start and end with an operand.
const EXPRESSION_CANDIDATE = /[-(]*[\d.][\d\s.+\-*/^%()]*[\d)]/g;
const BINARY_OPERATOR = /[\d.)]\s*[-+*/^%]\s*[-(\d.]/;
const QUOTE_LIMIT = 200;

export function createLocalModel(options: LocalModelOptions = {}): LanguageModelV3 {
  const tokenDelayMs = options.tokenDelayMs ?? 25;
  const firstTokenDelayMs = options.firstTokenDelayMs ?? 300;

  return {
    specificationVersion: "v3",
    provider: "parley-local",
    modelId: LOCAL_MODEL_ID,
    supportedUrls: {},

    async doGenerate(call) {
      if (call.abortSignal?.aborted) throw abortError(call.abortSignal);
      const { plan, usage } = prepare(call);
      const content: LanguageModelV3Content[] = [{ type: "reasoning", text: plan.reasoning }];
      if (plan.kind === "text") content.push({ type: "text", text: plan.text });
      else content.push({ type: "tool-call", toolCallId: newToolCallId(), toolName: plan.toolName, input: plan.input });
      return {
        content,
        finishReason: finishReason(plan),
        usage,
        response: { id: generateId(), modelId: LOCAL_MODEL_ID, timestamp: new Date() },
        warnings: [],
      };
    },

    async doStream(call) {
      const { plan, usage, seed } = prepare(call);
      const steps = streamSteps(plan, usage);
      const random = mulberry32(seed);
      // The first token waits for "time to first token"; later ones get a small, reproducible jitter.
      let paced = 0;
      const delays = steps.map((step) => {
        if (!isToken(step)) return 0;
        paced++;
        return paced === 1 ? firstTokenDelayMs : tokenDelayMs * (0.8 + 0.4 * random());
      });
      return { stream: pacedStream(steps, delays, call.abortSignal) };
    },
  };
}

function prepare(call: LanguageModelV3CallOptions) {
  const promptText = collectPromptText(call.prompt);
  const plan = decide(call);
  const reasoningTokens = tokenize(plan.reasoning).length;
  // Tool input is written by the model too, so it counts as (text) output.
  const textTokens = tokenize(plan.kind === "text" ? plan.text : plan.input).length;
  const inputTokens = Math.ceil(promptText.length / 4);
  const usage: LanguageModelV3Usage = {
    inputTokens: { total: inputTokens, noCache: inputTokens, cacheRead: 0, cacheWrite: 0 },
    outputTokens: { total: textTokens + reasoningTokens, text: textTokens, reasoning: reasoningTokens },
  };
  return { plan, usage, seed: fnv1a(promptText) };
}

function decide(call: LanguageModelV3CallOptions): Plan {
  const last = call.prompt.at(-1);
  if (last?.role === "tool") {
    const answer = answerToolResults(last.content, call.prompt);
    if (answer) return answer;
  }

  const userText = lastUserText(call.prompt);
  const offered = new Set(
    call.toolChoice?.type === "none"
      ? []
      : (call.tools ?? []).filter((tool) => tool.type === "function").map((tool) => tool.name),
  );

  if (offered.has("current_time") && TIME_QUESTION.test(userText)) {
    return {
      kind: "tool-call",
      reasoning: "The user asked about the time and a current_time tool is offered; I will call it.",
      toolName: "current_time",
      input: "{}",
    };
  }
  const expression = findExpression(userText);
  if (expression && offered.has("calculator")) {
    return {
      kind: "tool-call",
      reasoning: `The user wrote the arithmetic expression ${expression} and a calculator tool is offered; I will call it.`,
      toolName: "calculator",
      input: JSON.stringify({ expression }),
    };
  }
  return describeSelf(call.prompt, userText, offered);
}

function describeSelf(prompt: LanguageModelV3Prompt, userText: string, offered: Set<string>): Plan {
  const { attachments } = lastUserMessage(prompt);
  // Words as a reader counts them, in Chinese and Japanese too (no spaces between them).
  const words = [...WORDS.segment(userText)].filter((segment) => segment.isWordLike).length;
  const messages = prompt.filter((m) => m.role === "user" || m.role === "assistant").length;
  // Only suggest what this chat can actually do.
  const tries = [
    ...(offered.has("calculator") ? ["- `what is 12 * (3 + 4)?` calls the calculator tool"] : []),
    ...(offered.has("current_time") ? ["- `what time is it?` calls the current_time tool"] : []),
  ];
  const echo = words > 0 ? [`You wrote *${plural(words, "word")}*:`, "", `> ${quote(userText)}`] : ["Your message has no text to echo."];
  const attached = attachments.length > 0 ? ["", `You attached ${plural(attachments.length, "file")}:`, "", ...attachments.flatMap(describeAttachment)] : [];
  const text = [
    "**Parley local model** — this is a built-in stand-in that runs offline; it does not understand language. " +
      "Configure a real model with `OPENAI_API_KEY` (or `OPENAI_BASE_URL` for Ollama, vLLM, LM Studio) and `PARLEY_MODELS`.",
    "",
    ...echo,
    ...attached,
    "",
    `This conversation has ${plural(messages, "message")} so far.${tries.length > 0 ? " Things to try:" : ""}`,
    "",
    ...(tries.length > 0 ? [...tries, ""] : []),
    "```text",
    `words: ${words}, messages: ${messages}`,
    "```",
  ].join("\n");
  return {
    kind: "text",
    reasoning: `The user wrote ${plural(words, "word")}; I will describe what I am and echo them.`,
    text,
  };
}

/** Reports tool results from the last (tool) message; the model never computes anything itself. */
function answerToolResults(content: ToolMessage["content"], prompt: LanguageModelV3Prompt): Plan | undefined {
  const results = content.filter((part): part is LanguageModelV3ToolResultPart => part.type === "tool-result");
  if (results.length === 0) return undefined;

  const sentences = results.map((result) => {
    const { output, toolName } = result;
    if (output.type === "execution-denied") return `The \`${toolName}\` tool call was denied, so I have no result.`;
    const failure = output.type === "error-text" || output.type === "error-json" ? outputText(output) : reportedError(output);
    if (failure !== undefined) return `The \`${toolName}\` tool failed: ${inlineCode(failure)}.`;
    const value = output.type === "json" ? valueMarkdown(output.value) : valueMarkdown(outputText(output));
    if (toolName === "calculator") {
      const expression = calculatorExpression(prompt, result.toolCallId);
      return `The calculator says ${expression ? `${inlineCode(expression)} = ` : ""}${value}.`;
    }
    if (toolName === "current_time") return `It is ${value} (from the \`current_time\` tool).`;
    return `The \`${toolName}\` tool returned ${value}.`;
  });
  const names = [...new Set(results.map((r) => r.toolName))].join(", ");
  return {
    kind: "text",
    reasoning: `The ${names} tool answered; I will report its result as it is.`,
    text: sentences.join("\n\n"),
  };
}

/** The expression this model sent to the calculator, found through the tool call's id. */
function calculatorExpression(prompt: LanguageModelV3Prompt, toolCallId: string): string | undefined {
  for (const message of prompt) {
    if (message.role !== "assistant") continue;
    for (const part of message.content) {
      if (part.type !== "tool-call" || part.toolCallId !== toolCallId) continue;
      const input = part.input;
      if (typeof input === "object" && input !== null && "expression" in input && typeof input.expression === "string") {
        return input.expression;
      }
    }
  }
  return undefined;
}

/** Tools may report failure as a normal result such as `{ error: "…" }`. */
function reportedError(output: LanguageModelV3ToolResultOutput): string | undefined {
  if (output.type !== "json") return undefined;
  const { value } = output;
  if (value === null || typeof value !== "object" || Array.isArray(value)) return undefined;
  return typeof value.error === "string" ? value.error : undefined;
}

/** Tool outputs are often wrappers such as `{ expression, result: "84" }`; show the bare value when there is one. */
function valueMarkdown(value: JSONValue | undefined): string {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    for (const key of ["result", "local", "iso", "value", "time", "now"]) {
      const inner = value[key];
      if (inner !== null && inner !== undefined && typeof inner !== "object") return valueMarkdown(inner);
    }
  }
  if (value === null || value === undefined || typeof value === "object") return inlineCode(JSON.stringify(value ?? null));
  return `**${String(value)}**`;
}

function inlineCode(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}

/** The longest arithmetic expression in the text with at least one binary operator. */
function findExpression(text: string): string | undefined {
  let best: string | undefined;
  for (const match of text.matchAll(EXPRESSION_CANDIDATE)) {
    const candidate = balanceParentheses(match[0].trim());
    if (BINARY_OPERATOR.test(candidate) && candidate.length > (best?.length ?? 0)) best = candidate;
  }
  return best;
}

/** Drops stray outer parentheses picked up from prose, e.g. "(what is 2+2)" → "2+2". */
function balanceParentheses(expression: string): string {
  let result = expression;
  const count = (c: string) => result.split(c).length - 1;
  while (result.endsWith(")") && count(")") > count("(")) result = result.slice(0, -1).trimEnd();
  while (result.startsWith("(") && count("(") > count(")")) result = result.slice(1).trimStart();
  return result;
}

/** An attachment as the model is given it (lib/attachments.ts): an image part, or its text in an <attachment> block. */
type Attachment = { name: string; type: string; size: number; firstWords: string | null };
const ATTACHMENT_BLOCK = /^<attachment name="([^"]*)" type="([^"]*)" size="(\d+)">\n([\s\S]*)\n<\/attachment>$/;
const FIRST_WORDS = 25;

function firstWords(whole: string): string {
  // Enough for the first words of any script, without segmenting a whole file.
  const text = whole.slice(0, 2_000);
  const words = [...WORDS.segment(text)].filter((s) => s.isWordLike);
  const end = words[FIRST_WORDS]?.index ?? text.length;
  return text.slice(0, end).replace(/\s+/g, " ").trim() + (end < whole.length ? " …" : "");
}

/** The last user message: its own text, and what it has attached. */
function lastUserMessage(prompt: LanguageModelV3Prompt): { text: string; attachments: Attachment[] } {
  for (let i = prompt.length - 1; i >= 0; i--) {
    const message = prompt[i];
    if (message?.role !== "user") continue;
    const texts: string[] = [];
    const attachments: Attachment[] = [];
    for (const part of message.content) {
      if (part.type === "file") {
        const size = typeof part.data === "string" ? Math.floor((part.data.length * 3) / 4) : part.data instanceof URL ? 0 : part.data.length;
        attachments.push({ name: part.filename ?? "an image", type: part.mediaType, size, firstWords: null });
      } else if (part.type === "text") {
        const block = ATTACHMENT_BLOCK.exec(part.text);
        if (block) attachments.push({ name: block[1]!, type: block[2]!, size: Number(block[3]), firstWords: firstWords(block[4]!) });
        else texts.push(part.text);
      }
    }
    return { text: texts.join("\n").trim(), attachments };
  }
  return { text: "", attachments: [] };
}

const lastUserText = (prompt: LanguageModelV3Prompt) => lastUserMessage(prompt).text;

function describeAttachment(file: Attachment): string[] {
  const size = file.size >= 1024 * 1024 ? `${(file.size / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(file.size / 1024))} KB`;
  const head = `- **${file.name}** (${file.type}, ${size})`;
  if (file.firstWords === null) return [`${head}: an image; I cannot see it, a vision model would.`];
  return [`${head}, which begins:`, "", `  > ${quote(file.firstWords)}`];
}

/** Everything the model "reads": the basis for input token counts and the pacing seed. */
function collectPromptText(prompt: LanguageModelV3Prompt): string {
  const pieces: string[] = [];
  for (const message of prompt) {
    if (message.role === "system") {
      pieces.push(message.content);
      continue;
    }
    for (const part of message.content) {
      if (part.type === "text" || part.type === "reasoning") pieces.push(part.text);
      else if (part.type === "tool-call") pieces.push(JSON.stringify(part.input ?? null));
      else if (part.type === "tool-result") pieces.push(outputText(part.output));
    }
  }
  return pieces.join("\n");
}

function outputText(output: LanguageModelV3ToolResultOutput): string {
  switch (output.type) {
    case "text":
    case "error-text":
      return output.value;
    case "json":
    case "error-json":
      return JSON.stringify(output.value);
    case "execution-denied":
      return output.reason ?? "";
    case "content":
      return output.value.flatMap((item) => (item.type === "text" ? [item.text] : [])).join("\n");
  }
}

function quote(text: string): string {
  // One line, so the markdown blockquote cannot be broken by the user's own newlines.
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= QUOTE_LIMIT) return flat;
  const cut = flat.slice(0, QUOTE_LIMIT);
  const space = cut.lastIndexOf(" ");
  return `${space > QUOTE_LIMIT / 2 ? cut.slice(0, space) : cut}…`;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

/** A token is a newline, or a word with the whitespace before it; joined, the tokens give back the text. */
function tokenize(text: string): string[] {
  return text.match(/\n|[^\S\n]*\S+|[^\S\n]+/g) ?? [];
}

function finishReason(plan: Plan): LanguageModelV3FinishReason {
  return plan.kind === "text" ? { unified: "stop", raw: "stop" } : { unified: "tool-calls", raw: "tool-calls" };
}

function newToolCallId(): string {
  return `call_${generateId()}`;
}

function streamSteps(plan: Plan, usage: LanguageModelV3Usage): LanguageModelV3StreamPart[] {
  const parts: LanguageModelV3StreamPart[] = [
    { type: "stream-start", warnings: [] },
    { type: "response-metadata", id: generateId(), modelId: LOCAL_MODEL_ID, timestamp: new Date() },
    { type: "reasoning-start", id: "reasoning-0" },
    ...tokenize(plan.reasoning).map((delta): LanguageModelV3StreamPart => ({ type: "reasoning-delta", id: "reasoning-0", delta })),
    { type: "reasoning-end", id: "reasoning-0" },
  ];
  if (plan.kind === "text") {
    parts.push(
      { type: "text-start", id: "text-0" },
      ...tokenize(plan.text).map((delta): LanguageModelV3StreamPart => ({ type: "text-delta", id: "text-0", delta })),
      { type: "text-end", id: "text-0" },
    );
  } else {
    const id = newToolCallId();
    parts.push(
      { type: "tool-input-start", id, toolName: plan.toolName },
      ...tokenize(plan.input).map((delta): LanguageModelV3StreamPart => ({ type: "tool-input-delta", id, delta })),
      { type: "tool-input-end", id },
      { type: "tool-call", toolCallId: id, toolName: plan.toolName, input: plan.input },
    );
  }
  parts.push({ type: "finish", usage, finishReason: finishReason(plan) });
  return parts;
}

function isToken(part: LanguageModelV3StreamPart): boolean {
  return part.type === "text-delta" || part.type === "reasoning-delta" || part.type === "tool-input-delta";
}

/**
 * Emits parts[i] after delays[i] ms (0 = right away, synchronously). On abort the
 * stream errors with an AbortError, as a fetch-based provider's body would; streamText
 * turns that into its "abort" part. Either way no timer or listener outlives the stream.
 */
function pacedStream(
  parts: LanguageModelV3StreamPart[],
  delays: number[],
  signal: AbortSignal | undefined,
): ReadableStream<LanguageModelV3StreamPart> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort: (() => void) | undefined;
  const cleanup = () => {
    clearTimeout(timer);
    timer = undefined;
    if (onAbort) signal?.removeEventListener("abort", onAbort);
  };

  return new ReadableStream<LanguageModelV3StreamPart>({
    start(controller) {
      if (signal?.aborted) {
        controller.error(abortError(signal));
        return;
      }
      onAbort = () => {
        cleanup();
        controller.error(abortError(signal));
      };
      signal?.addEventListener("abort", onAbort, { once: true });

      let index = 0;
      let waited = false;
      const advance = () => {
        timer = undefined;
        while (index < parts.length) {
          const delay = delays[index] ?? 0;
          if (delay > 0 && !waited) {
            waited = true;
            timer = setTimeout(advance, delay);
            return;
          }
          waited = false;
          controller.enqueue(parts[index++]!);
        }
        cleanup();
        controller.close();
      };
      advance();
    },
    cancel() {
      cleanup();
    },
  });
}

/** The signal's own reason when it is already an abort-style error, so timeouts stay recognisable. */
function abortError(signal: AbortSignal | undefined): unknown {
  const reason: unknown = signal?.reason;
  if (reason instanceof Error && (reason.name === "AbortError" || reason.name === "TimeoutError")) return reason;
  return new DOMException("The local model call was aborted", "AbortError");
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Small seeded PRNG: the same prompt always gets the same pacing. */
function mulberry32(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
