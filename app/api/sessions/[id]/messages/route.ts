import { historyQuery, sendMessageBody } from "@/lib/api/schemas";
import { history } from "@/lib/chat/sessions";
import { sendMessage } from "@/lib/chat/turn";
import { ApiError, errorResponse } from "@/lib/http/errors";
import { sseResponse } from "@/lib/http/sse";
import { outliveResponse } from "@/lib/http/outlive";
import { clientIp } from "@/lib/http/client-address";
import { rateLimit } from "@/lib/http/rate-limit";
import { authedRoute, otherMethods } from "@/lib/http/route";
import { pathId, readJson, readQuery } from "@/lib/http/validation";
import { isDraining } from "@/lib/shutdown";
import { messageView } from "@/lib/views";

export const dynamic = "force-dynamic";
// Serverless hosts end a function at this limit (seconds): the longest a reply may run there.
export const maxDuration = 300;

type Params = { id: string };

/** A text message with files (ids from POST /api/files) as the parts a message holds. */
function withAttachments(text: string, attachments: string[] | undefined) {
  if (!attachments) return undefined;
  return [{ type: "text" as const, text }, ...attachments.map((id) => ({ type: "file" as const, url: `/api/files/${id}`, mediaType: "" }))];
}

export const GET = authedRoute<Params>(async (request, identity, { id }) => {
  const query = readQuery(request, historyQuery);
  return Response.json(await history(identity.userId, pathId(id, "Session"), query));
});

/** Sends a message: the reply streams as the AI SDK UI message stream (SSE), or comes whole as JSON. */
export const POST = authedRoute<Params>(async (request, identity, { id }) => {
  const sessionId = pathId(id, "Session");
  if (isDraining()) throw new ApiError(503, "shutting_down", "The server is restarting; send again in a moment.", { "retry-after": "5" });
  // A malformed request costs nothing to refuse: it does not spend the send quota.
  const body = await readJson(request, sendMessageBody);
  await rateLimit([
    ["sendsPerUser", identity.userId],
    ["sendsPerIp", clientIp(request)],
  ]);
  const message =
    body.message === undefined
      ? undefined
      : typeof body.message === "string"
        ? { text: body.message, clientId: body.clientMessageId, parts: withAttachments(body.message, body.attachments) }
        : { text: "", parts: body.message.parts, clientId: body.clientMessageId ?? body.message.id };
  const turn = await sendMessage({ userId: identity.userId, sessionId, message, parentId: body.parentId, regenerate: body.regenerate });
  // The reply runs on when its client leaves: its final write and the title must not die with the response.
  outliveResponse(turn.done);
  const headers = { "x-parley-reply-id": turn.replyId, ...(turn.userMessage ? { "x-parley-user-message-id": turn.userMessage.id } : {}) };

  const accept = request.headers.get("accept") ?? "";
  if (accept.includes("application/json") && !accept.includes("text/event-stream")) {
    const { message: reply, failure } = await turn.done;
    if (failure) return errorResponse(failure.status, failure.code, failure.message, headers);
    return Response.json(messageView(reply), { headers });
  }
  return sseResponse(await turn.stream(), headers);
});

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
