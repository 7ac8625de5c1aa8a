// Any /v1 path no route serves: a 404 in OpenAI's error shape.
import { openAIErrorResponse } from "@/lib/openai/errors";
import { ApiError } from "@/lib/http/errors";

export const dynamic = "force-dynamic";

const unknownPath = () => openAIErrorResponse(new ApiError(404, "unknown_url", "Parley's OpenAI-compatible API serves GET /v1/models and POST /v1/chat/completions."));
export { unknownPath as GET, unknownPath as POST, unknownPath as PUT, unknownPath as PATCH, unknownPath as DELETE };
