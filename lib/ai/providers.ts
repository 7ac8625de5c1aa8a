// The model registry: the models of the configured OpenAI-compatible server
// (OpenAI, DeepSeek, Ollama, vLLM, LM Studio…), or the built-in local model
// when none is configured. The only place that knows how to reach a model.
import { createOpenAI } from "@ai-sdk/openai";
import type { LanguageModelV3 } from "@ai-sdk/provider";
import { extractReasoningMiddleware, wrapLanguageModel } from "ai";
import { getConfig } from "../config";
import { createLocalModel, LOCAL_MODEL_ID } from "./local-model";
import { reasoningContentMiddleware } from "./reasoning";

export type ModelInfo = {
  id: string;
  label: string;
  /** The built-in offline stand-in, not a real language model. */
  local: boolean;
  default: boolean;
};

export type Usage = { inputTokens?: number; outputTokens?: number; reasoningTokens?: number };

export class UnknownModelError extends Error {
  constructor(readonly modelId: string) {
    super(`Unknown model "${modelId}"`);
    this.name = "UnknownModelError";
  }
}

export function listModels(): ModelInfo[] {
  const { remote, defaultId } = getConfig().models;
  if (!remote) return [{ id: LOCAL_MODEL_ID, label: "Local model (offline demo, not an LLM)", local: true, default: true }];
  return remote.ids.map((id) => ({ id, label: id, local: false, default: id === defaultId }));
}

export function defaultModelId(): string {
  return getConfig().models.defaultId ?? LOCAL_MODEL_ID;
}

export function isKnownModel(id: string): boolean {
  return listModels().some((model) => model.id === id);
}

export function isLocalModel(id: string): boolean {
  return id === LOCAL_MODEL_ID;
}

let openai: ReturnType<typeof createOpenAI> | undefined;

function remoteModel(id: string): LanguageModelV3 {
  const remote = getConfig().models.remote!;
  // Local servers (Ollama, LM Studio, vLLM) accept any key; the SDK insists on one.
  openai ??= createOpenAI({ baseURL: remote.baseURL, apiKey: remote.apiKey ?? "not-needed", name: "openai-compatible" });
  return wrapLanguageModel({
    model: openai.chat(id),
    middleware: [reasoningContentMiddleware, extractReasoningMiddleware({ tagName: "think" })],
  }) as LanguageModelV3;
}

/** A model to answer with. Throws UnknownModelError for an id that is not offered. */
export function languageModel(id: string): LanguageModelV3 {
  if (!isKnownModel(id)) throw new UnknownModelError(id);
  if (id !== LOCAL_MODEL_ID) return remoteModel(id);
  const delay = getConfig().models.localDelayMs;
  // A first token about a dozen tokens' time after the request, like a real model's.
  return createLocalModel({ tokenDelayMs: delay, firstTokenDelayMs: delay * 12 });
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
