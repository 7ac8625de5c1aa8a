// Reading request input: JSON bodies (type, size, syntax, schema) and query
// strings, each failure with its own status and a message that says what to fix.
import { z } from "zod";
import { ApiError } from "./errors";

export const DEFAULT_MAX_BODY_BYTES = 256 * 1024;

/** What is wrong, naming each field by where it was sent: `name: …` in a body, `query.limit: …` in a query string. */
function describe(error: z.ZodError, where: "body" | "query" = "body"): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => {
      const field = issue.path.join(".");
      const at = where === "query" ? (field ? `query.${field}` : "query") : field || "body";
      if (issue.code === "unrecognized_keys") return `${at}: unknown field(s) ${issue.keys.map((k) => `"${k}"`).join(", ")}`;
      return `${at}: ${issue.message}`;
    })
    .join("; ");
}

async function readLimited(request: Request, maxBytes: number): Promise<string> {
  const declared = Number(request.headers.get("content-length"));
  if (declared > maxBytes) throw new ApiError(413, "body_too_large", `The body is larger than ${maxBytes} bytes.`);
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new ApiError(413, "body_too_large", `The body is larger than ${maxBytes} bytes.`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** The request's JSON body, validated: 415 not JSON, 413 too large, 400 malformed, 422 not matching `schema`. */
export async function readJson<S extends z.ZodType>(request: Request, schema: S, maxBytes = DEFAULT_MAX_BODY_BYTES): Promise<z.infer<S>> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(type)) {
    throw new ApiError(415, "unsupported_media_type", "Send the body as JSON with Content-Type: application/json.");
  }
  const text = await readLimited(request, maxBytes);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ApiError(400, "invalid_json", "The body is not valid JSON.");
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new ApiError(422, "invalid_body", describe(parsed.error));
  return parsed.data;
}

/** The query string, validated against `schema` (422 when it does not match). */
export function readQuery<S extends z.ZodType>(request: Request, schema: S): z.infer<S> {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const parsed = schema.safeParse(params);
  if (!parsed.success) throw new ApiError(422, "invalid_query", describe(parsed.error, "query"));
  return parsed.data;
}

export const uuid = z.uuid({ error: "expected a UUID" });

/** A path id: someone's or nobody's, a malformed id is simply not found. */
export function pathId(value: string, what: string): string {
  if (!uuid.safeParse(value).success) throw new ApiError(404, "not_found", `${what} not found`);
  return value;
}
