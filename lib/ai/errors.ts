// What went wrong with a model, in words a user can act on, with the HTTP
// status a JSON client gets for it (502: the model server failed; 504: it was silent).
import { APICallError } from "@ai-sdk/provider";
import { RetryError } from "ai";

export type ModelFailure = { code: string; message: string; status: 502 | 504 };

/** Raised by the turn's own watchdog when the model sends nothing for too long. */
export class ModelTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`The model sent nothing for ${Math.round(timeoutMs / 100) / 10} s and was given up on.`);
    this.name = "ModelTimeoutError";
  }
}

function causeChain(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let e: unknown = error; e && chain.length < 8; e = (e as { cause?: unknown }).cause) chain.push(e);
  return chain;
}

function detail(error: APICallError): string {
  const body = error.responseBody ?? "";
  try {
    const parsed = JSON.parse(body) as { error?: { message?: string } | string };
    const message = typeof parsed.error === "string" ? parsed.error : parsed.error?.message;
    if (message) return message;
  } catch {
    // not JSON
  }
  return error.message;
}

export function describeModelError(error: unknown): ModelFailure {
  const cause = RetryError.isInstance(error) ? error.lastError : error;
  if (cause instanceof ModelTimeoutError) return { code: "model_timeout", message: cause.message, status: 504 };
  // A 2xx APICallError is a response that broke while being read: judged by its cause below.
  if (APICallError.isInstance(cause) && cause.statusCode && cause.statusCode >= 400) {
    const status = cause.statusCode;
    if (status === 401 || status === 403) {
      return { code: "model_unauthorized", message: `The model server refused the API key (HTTP ${status}): ${detail(cause)}`, status: 502 };
    }
    if (status === 429) {
      return { code: "model_rate_limited", message: `The model server is rate limiting requests (HTTP 429); try again shortly.`, status: 502 };
    }
    if (status === 404) return { code: "model_not_found", message: `The model server does not offer this model (HTTP 404): ${detail(cause)}`, status: 502 };
    return { code: "model_error", message: `The model server failed (HTTP ${status}): ${detail(cause)}`, status: 502 };
  }
  const chain = causeChain(cause);
  const codes = chain.map((e) => (e as { code?: unknown }).code);
  if (codes.includes("ECONNREFUSED") || codes.includes("ENOTFOUND") || codes.includes("EAI_AGAIN")) {
    return { code: "model_unreachable", message: "Could not reach the model server; check OPENAI_BASE_URL.", status: 502 };
  }
  const text = chain.map((e) => (e instanceof Error ? e.message : String(e))).join(" ");
  if (/terminated|socket|ECONNRESET|other side closed|aborted|premature close/i.test(text) || codes.includes("ECONNRESET") || codes.includes("UND_ERR_SOCKET")) {
    return { code: "model_connection_lost", message: "The connection to the model server was lost in the middle of the reply.", status: 502 };
  }
  return { code: "model_error", message: `The model failed: ${cause instanceof Error ? cause.message : String(cause)}`, status: 502 };
}
