// What went wrong with a model, in one sentence a user can act on (at most
// MAX_MESSAGE characters), with the HTTP status a JSON client gets for it
// (502: the model server failed; 504: it was silent). Raw details go to the log.
import { APICallError, InvalidResponseDataError, JSONParseError, TypeValidationError } from "@ai-sdk/provider";
import { RetryError } from "ai";
import { log } from "../log";

export type ModelFailure = { code: string; message: string; status: 502 | 504 };

const MAX_MESSAGE = 300;

/** Raised by the reply's watchdog when the model server sends nothing for too long. */
export class ModelTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`The model server sent nothing for ${Math.round(timeoutMs / 100) / 10} s and was given up on.`);
    this.name = "ModelTimeoutError";
  }
}

/** The model server closed the stream cleanly before saying the reply was finished. */
export class StreamCutError extends Error {
  constructor() {
    super("The model server ended the reply before finishing it (the stream closed without a finish reason).");
    this.name = "StreamCutError";
  }
}

function causeChain(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let e: unknown = error; e && chain.length < 8; e = (e as { cause?: unknown }).cause) chain.push(e);
  return chain;
}

type ErrorBody = { error?: { message?: unknown } | string; message?: unknown; detail?: unknown };

/** The server's own words from an error body: OpenAI's `{error:{message}}`, `{error:"…"}`, vLLM's `{message}`, FastAPI's `{detail}`. */
function serverMessage(body: string | undefined): string | null {
  if (!body) return null;
  try {
    const parsed = JSON.parse(body) as ErrorBody;
    const candidates = [typeof parsed.error === "string" ? parsed.error : parsed.error?.message, parsed.message, parsed.detail];
    const found = candidates.find((c) => typeof c === "string" && c.trim());
    return found ? (found as string).trim() : null;
  } catch {
    // Not JSON: a short plain-text body is still the server's message; an HTML page is not.
    const text = body.trim();
    return text && text.length < 200 && !text.startsWith("<") ? text : null;
  }
}

/** A stream's own error frame, as the SDK hands it over: `{ message, code?, type? }`. */
function isErrorFrame(error: unknown): error is { message: string } {
  return typeof error === "object" && error !== null && !(error instanceof Error) && typeof (error as { message?: unknown }).message === "string";
}

/** Text as one sentence a user reads: whitespace collapsed, at most MAX_MESSAGE characters. */
export function oneSentence(text: string): string {
  const clean = text.replace(/\s+/g, " ").trim();
  return clean.length > MAX_MESSAGE ? `${clean.slice(0, MAX_MESSAGE - 1)}…` : clean;
}

function retryAfter(error: APICallError): string {
  const seconds = Number(error.responseHeaders?.["retry-after"]);
  return Number.isFinite(seconds) && seconds > 0 ? ` in ${Math.ceil(seconds)} s` : " shortly";
}

function describe(error: unknown): ModelFailure {
  const cause = RetryError.isInstance(error) ? error.lastError : error;
  if (cause instanceof ModelTimeoutError) return { code: "model_timeout", message: cause.message, status: 504 };
  // openai-compatible reports a stream that ended without a finish reason as invalid data with none attached.
  if (cause instanceof StreamCutError || (InvalidResponseDataError.isInstance(cause) && cause.data === undefined)) {
    return { code: "model_stream_cut", message: new StreamCutError().message, status: 502 };
  }
  if (isErrorFrame(cause)) return { code: "model_error", message: oneSentence(`The model server reported an error: ${cause.message}`), status: 502 };
  // A 2xx APICallError is a response that broke while being read: judged by its cause below.
  if (APICallError.isInstance(cause) && cause.statusCode && cause.statusCode >= 400) {
    const status = cause.statusCode;
    const said = serverMessage(cause.responseBody);
    const because = said ? `: ${said}` : "";
    if (status === 401 || status === 403) return { code: "model_unauthorized", message: oneSentence(`The model server refused the API key (HTTP ${status})${because}`), status: 502 };
    if (status === 429) return { code: "model_rate_limited", message: oneSentence(`The model server is rate limiting requests (HTTP 429); try again${retryAfter(cause)}${because ? ` (${said})` : "."}`), status: 502 };
    if (status === 404) return { code: "model_not_found", message: oneSentence(`The model server does not offer this model (HTTP 404)${because}`), status: 502 };
    return { code: "model_error", message: oneSentence(`The model server failed (HTTP ${status})${because}`), status: 502 };
  }
  if (TypeValidationError.isInstance(cause) || JSONParseError.isInstance(cause) || InvalidResponseDataError.isInstance(cause)) {
    return { code: "model_bad_response", message: "The model server sent a response Parley could not read (not the Chat Completions format).", status: 502 };
  }
  const chain = causeChain(cause);
  const codes = chain.map((e) => (e as { code?: unknown }).code);
  if (codes.includes("ECONNREFUSED") || codes.includes("ENOTFOUND") || codes.includes("EAI_AGAIN")) {
    return { code: "model_unreachable", message: "Could not reach the model server; check OPENAI_BASE_URL.", status: 502 };
  }
  if (codes.includes("ECONNRESET") || codes.includes("UND_ERR_SOCKET") || chain.some((e) => e instanceof TypeError && e.message === "terminated")) {
    return { code: "model_connection_lost", message: "The connection to the model server was lost in the middle of the reply.", status: 502 };
  }
  return { code: "model_error", message: oneSentence(`The model failed: ${cause instanceof Error ? cause.message : String(cause)}`), status: 502 };
}

export function describeModelError(error: unknown): ModelFailure {
  const failure = describe(error);
  if (failure.code === "model_bad_response" || failure.code === "model_error") log.warn(`model failure: ${failure.message}`, error);
  else log.debug(`model failure ${failure.code}`, error);
  return failure;
}
