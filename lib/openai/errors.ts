// The /v1 routes answer errors as OpenAI does — { "error": { "message", "type",
// "param", "code" } } with OpenAI's status codes — so OpenAI clients raise their
// own error classes (AuthenticationError, NotFoundError, RateLimitError…). The
// errors themselves are Parley's: this only reshapes them.
import { ApiError, toErrorResponse } from "../http/errors";
import { framed } from "../http/route";

/** A request OpenAI would refuse with 400, naming the parameter. */
export class OpenAIRequestError extends ApiError {
  constructor(
    message: string,
    readonly param: string | null,
    code = "invalid_value",
    status = 400,
  ) {
    super(status, code, message);
  }
}

function typeFor(status: number): string {
  if (status === 429) return "requests";
  if (status >= 500) return "server_error";
  return "invalid_request_error";
}

// Parley's codes whose OpenAI names clients know.
const CODES: Record<string, string> = { invalid_token: "invalid_api_key", rate_limited: "rate_limit_exceeded" };

export async function openAIErrorResponse(error: unknown): Promise<Response> {
  const parley = toErrorResponse(error);
  const { error: body } = (await parley.json()) as { error: { code: string; message: string } };
  // Parley's 415/422 (a body that does not fit) is OpenAI's 400.
  const status = parley.status === 415 || parley.status === 422 ? 400 : parley.status;
  const param = error instanceof OpenAIRequestError ? error.param : null;
  const headers = new Headers(parley.headers);
  headers.delete("content-length");
  return Response.json({ error: { message: body.message, type: typeFor(status), param, code: CODES[body.code] ?? body.code } }, { status, headers });
}

/** The frame of a /v1 route: OpenAI-shaped errors, never cached. */
export function openAIRoute<P extends Record<string, string | string[]>>(handler: (request: Request, params: P) => Promise<Response>) {
  return framed(handler, openAIErrorResponse);
}

/** Methods a /v1 route does not serve: 405 in OpenAI's shape, with Allow. */
export function openAIOtherMethods(...allowed: Array<"GET" | "POST">) {
  // Marked, as otherMethods' refusals are, so the OpenAPI test can tell a refusal from a route.
  const refuse = Object.assign(
    () => openAIErrorResponse(new ApiError(405, "method_not_allowed", `This path answers ${allowed.join(", ")} only.`, { allow: [...allowed, "OPTIONS"].join(", ") })),
    { refusesMethod: true as const },
  );
  return { GET: refuse, POST: refuse, PUT: refuse, PATCH: refuse, DELETE: refuse };
}
