// Same-origin calls to Parley's HTTP API. Errors come back as the API's
// { error: { code, message } } and are thrown as ApiRequestError.

export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ApiRequestError";
  }
}

/** The API's error body as an ApiRequestError, or null when `text` is not one. */
export function parseApiError(text: string, status = 0): ApiRequestError | null {
  try {
    const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
    if (typeof body.error?.message !== "string") return null;
    return new ApiRequestError(status, String(body.error.code ?? "error"), body.error.message);
  } catch {
    return null;
  }
}

export async function api<T>(path: string, init: { method?: string; body?: unknown; signal?: AbortSignal } = {}): Promise<T> {
  const response = await fetch(path, {
    method: init.method ?? "GET",
    headers: init.body === undefined ? undefined : { "content-type": "application/json" },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    signal: init.signal,
  });
  if (!response.ok) {
    const text = await response.text();
    throw parseApiError(text, response.status) ?? new ApiRequestError(response.status, "http_error", `The server answered ${response.status}.`);
  }
  return (response.status === 204 ? undefined : await response.json()) as T;
}

/**
 * A message fit to show a person, whatever was thrown. The API's messages are its own
 * (English); `offline` is what to say when the server cannot be reached (components
 * pass it in the reader's language through useErrorMessage).
 */
export function errorMessage(error: unknown, offline: string): string {
  if (error instanceof ApiRequestError) return error.message;
  if (error instanceof TypeError) return offline;
  if (error instanceof Error) return parseApiError(error.message)?.message ?? error.message;
  return String(error);
}
