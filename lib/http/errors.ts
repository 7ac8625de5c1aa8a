// The one JSON error shape of the API: { "error": { "code", "message" } },
// and the mapping from what went wrong to it: HTTP-level problems are ApiErrors,
// the services' domain errors (lib/errors.ts) map by class.
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError, TooLargeError, UnauthenticatedError, UnsupportedTypeError } from "../errors";
import { log } from "../log";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export function errorResponse(status: number, code: string, message: string, headers: Record<string, string> = {}): Response {
  return Response.json({ error: { code, message } }, { status, headers: { "cache-control": "no-store", ...headers } });
}

/** Errors from the database driver that mean "cannot reach the database", not "bad query". */
function isDatabaseUnavailable(error: unknown): boolean {
  const text = String((error as { message?: string })?.message ?? error);
  const code = (error as { code?: string })?.code;
  return (
    code === "P1001" || code === "P1002" || code === "P1017" || code === "P2024" || code === "ECONNREFUSED" ||
    /Can't reach database server|connection terminated|ECONNREFUSED|Connection refused|server closed the connection/i.test(text)
  );
}

export function toErrorResponse(error: unknown): Response {
  if (error instanceof ApiError) return errorResponse(error.status, error.code, error.message, error.headers);
  if (error instanceof UnauthenticatedError) return errorResponse(401, error.code, error.message);
  if (error instanceof ForbiddenError) return errorResponse(403, error.code, error.message);
  if (error instanceof NotFoundError) return errorResponse(404, "not_found", error.message);
  if (error instanceof InvalidInputError) return errorResponse(422, error.code, error.message);
  if (error instanceof ConflictError) return errorResponse(409, error.code, error.message);
  if (error instanceof TooLargeError) return errorResponse(413, error.code, error.message);
  if (error instanceof UnsupportedTypeError) return errorResponse(415, error.code, error.message);
  if (isDatabaseUnavailable(error)) {
    log.error("database unavailable", error);
    return errorResponse(503, "database_unavailable", "The database is unavailable; try again shortly.", { "retry-after": "5" });
  }
  log.error("unhandled error in route", error);
  return errorResponse(500, "internal_error", "Something went wrong on our side.");
}
