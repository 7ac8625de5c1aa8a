// The /v1 API is for programs: an API token in Authorization: Bearer, as
// OpenAI's clients send their key. A browser's session cookie is not enough.
import { requireIdentity, type Identity } from "../auth/identity";
import { ApiError } from "../http/errors";

export async function requireApiToken(request: Request): Promise<Identity> {
  if (!request.headers.get("authorization")) {
    throw new ApiError(401, "missing_api_key", "No API key: send Authorization: Bearer <a Parley API token> (make one in Settings or with POST /api/tokens).");
  }
  return requireIdentity(request);
}
