// OpenAI's chat completions over Parley: each call is a Parley turn, kept in
// the caller's sessions (a new one, or the one named by X-Parley-Session).
import { completionChunks, completionMeta, completionObject, replyFailure, startChatTurn } from "@/lib/openai/completion";
import { openAIOtherMethods, openAIRoute } from "@/lib/openai/errors";
import { requireApiToken } from "@/lib/openai/identity";
import { chatCompletionBody, readChatRequest } from "@/lib/openai/request";
import { ApiError } from "@/lib/http/errors";
import { clientIp } from "@/lib/http/client-address";
import { outliveResponse } from "@/lib/http/outlive";
import { rateLimit } from "@/lib/http/rate-limit";
import { sseBytes, sseResponse } from "@/lib/http/sse";
import { pathId, readJson } from "@/lib/http/validation";
import { isDraining } from "@/lib/shutdown";

export const dynamic = "force-dynamic";
// Serverless hosts end a function at this limit (seconds): the longest a reply may run there.
export const maxDuration = 300;

/** A conversation's earlier messages come along in every call: room for a long one. */
const MAX_BODY_BYTES = 4 * 1024 * 1024;

export const POST = openAIRoute(async (request) => {
  const identity = await requireApiToken(request);
  if (isDraining()) throw new ApiError(503, "shutting_down", "The server is restarting; send again in a moment.", { "retry-after": "5" });
  const chat = readChatRequest(await readJson(request, chatCompletionBody, MAX_BODY_BYTES));
  const named = request.headers.get("x-parley-session");
  const sessionId = named ? pathId(named.trim(), "Session") : null;
  await rateLimit([
    ["sendsPerUser", identity.userId],
    ["sendsPerIp", clientIp(request)],
  ]);
  const { sessionId: id, turn } = await startChatTurn(identity.userId, chat, sessionId);
  outliveResponse(turn.done);
  const meta = completionMeta(turn, chat.model);
  const headers = { "x-parley-session": id, "x-parley-reply-id": turn.replyId };

  if (chat.stream) return sseResponse(sseBytes(completionChunks(meta, await turn.stream(), turn.done, chat.includeUsage)), headers);
  const result = await turn.done;
  const failure = replyFailure(result);
  if (failure) throw failure;
  return Response.json(completionObject(meta, result.message), { headers });
});

export const { GET, PUT, PATCH, DELETE } = openAIOtherMethods("POST");
