// The model registry: the models of the configured OpenAI-compatible server
// (OpenAI, DeepSeek, Ollama, vLLM, LM Studio…), or the built-in local model
// when none is configured. The only place that knows how to reach a model.
import { createOpenAI } from "@ai-sdk/openai";
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import type { LanguageModelV3, LanguageModelV3Usage } from "@ai-sdk/provider";
import { extractReasoningMiddleware, wrapLanguageModel } from "ai";
import { getConfig } from "../config";
import { UnknownModelError } from "../errors";
import { createLocalModel, LOCAL_MODEL_ID } from "./local-model";
import { modelFetch } from "./wire";

export type ModelInfo = {
  id: string;
  label: string;
  /** The built-in offline stand-in, not a real language model. */
  local: boolean;
  default: boolean;
  /** Takes images (the local model "sees" their name, type and size). */
  vision: boolean;
};

export type Usage = { inputTokens?: number; outputTokens?: number; reasoningTokens?: number };


export function listModels(): ModelInfo[] {
  const { remote, defaultId, vision } = getConfig().models;
  if (!remote) return [{ id: LOCAL_MODEL_ID, label: "Local model (offline demo, not an LLM)", local: true, default: true, vision: true }];
  return remote.ids.map((id) => ({ id, label: id, local: false, default: id === defaultId, vision: vision.includes("*") || vision.includes(id) }));
}

export function defaultModelId(): string {
  return getConfig().models.defaultId ?? LOCAL_MODEL_ID;
}

export function isKnownModel(id: string): boolean {
  return listModels().some((model) => model.id === id);
}

export function seesImages(id: string): boolean {
  return listModels().some((model) => model.id === id && model.vision);
}

export function isLocalModel(id: string): boolean {
  return id === LOCAL_MODEL_ID;
}

// OpenAI itself is reached through its own client; every other server through the
// OpenAI-compatible one, which streams reasoning (`reasoning_content`, `reasoning`,
// typed `thinking` parts) as it arrives. `<think>` tags in the text are reasoning
// too. A model instance compiles schemas when it is built, so each is built once.
const models = new Map<string, LanguageModelV3>();

function isOpenAI(baseURL: string): boolean {
  return new URL(baseURL).hostname === "api.openai.com";
}

/** Token counts as the server reported them: what it did not report is unknown, not 0. */
function usageFromServer(usage: CompatibleUsage | undefined | null): LanguageModelV3Usage {
  const input = usage?.prompt_tokens ?? undefined;
  const output = usage?.completion_tokens ?? undefined;
  const cached = usage?.prompt_tokens_details?.cached_tokens ?? undefined;
  // SGLang reports reasoning tokens beside the others, not in completion_tokens_details.
  const reasoning = usage?.completion_tokens_details?.reasoning_tokens ?? usage?.reasoning_tokens ?? undefined;
  return {
    inputTokens: { total: input, noCache: input !== undefined && cached !== undefined ? input - cached : input, cacheRead: cached, cacheWrite: undefined },
    outputTokens: { total: output, text: output !== undefined && reasoning !== undefined ? Math.max(0, output - reasoning) : undefined, reasoning },
    raw: usage ?? undefined,
  };
}

type CompatibleUsage = {
  prompt_tokens?: number | null;
  completion_tokens?: number | null;
  prompt_tokens_details?: { cached_tokens?: number | null } | null;
  completion_tokens_details?: { reasoning_tokens?: number | null } | null;
  reasoning_tokens?: number | null;
};

function buildRemoteModel(id: string): LanguageModelV3 {
  const remote = getConfig().models.remote!;
  // Local servers (Ollama, LM Studio, vLLM) accept any key; the SDK insists on one.
  const apiKey = remote.apiKey ?? "not-needed";
  const model = isOpenAI(remote.baseURL)
    ? createOpenAI({ baseURL: remote.baseURL, apiKey, fetch: modelFetch }).chat(id)
    : createOpenAICompatible({
        name: "openai-compatible",
        baseURL: remote.baseURL,
        apiKey,
        includeUsage: true,
        fetch: modelFetch,
        convertUsage: (usage) => usageFromServer(usage as CompatibleUsage),
      }).chatModel(id);
  return wrapLanguageModel({ model, middleware: extractReasoningMiddleware({ tagName: "think" }) }) as LanguageModelV3;
}

function remoteModel(id: string): LanguageModelV3 {
  const key = `${JSON.stringify(getConfig().models.remote)}:${id}`;
  let model = models.get(key);
  if (!model) models.set(key, (model = buildRemoteModel(id)));
  return model;
}

/** A model to answer with. Throws UnknownModelError for an id that is not offered. */
export function languageModel(id: string): LanguageModelV3 {
  if (!isKnownModel(id)) throw new UnknownModelError(id);
  if (id !== LOCAL_MODEL_ID) return remoteModel(id);
  const delay = getConfig().models.localDelayMs;
  // A first token about a dozen tokens' time after the request, like a real model's.
  return createLocalModel({ tokenDelayMs: delay, firstTokenDelayMs: delay * 12 });
}

/** Builds the offered models' clients ahead of the first reply. */
export function warmUpModels(): void {
  for (const model of listModels()) if (!model.local) remoteModel(model.id);
}

/** The model that writes session titles, or null to title from the first words. */
export function titleModel(): LanguageModelV3 | null {
  const { titleId, remote } = getConfig().models;
  return remote && titleId ? remoteModel(titleId) : null;
}

/** Cost in US dollars from PARLEY_PRICES, or null when the model has no price. */
export function costOf(modelId: string, usage: Usage): number | null {
  if (isLocalModel(modelId)) return 0;
  const price = getConfig().models.prices[modelId];
  if (!price) return null;
  return ((usage.inputTokens ?? 0) * price.input + (usage.outputTokens ?? 0) * price.output) / 1_000_000;
}
