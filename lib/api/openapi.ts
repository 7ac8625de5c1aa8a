// The OpenAPI document of the HTTP API, generated from the zod schemas the
// routes validate with (zod-openapi). A test checks that it lists exactly the
// routes under app/api, and that real responses match their schemas.
import { z } from "zod";
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from "zod-openapi";
import { chatCompletionBody } from "../openai/request";
import * as s from "./schemas";

const ERROR_TEXT: Record<number, string> = {
  400: "Malformed JSON",
  401: "No valid credentials (cookie or bearer token)",
  403: "A cookie-authenticated write from another site, or a built-in role",
  404: "Not found — also what someone else's id answers",
  409: "Conflicts with the current state (e.g. a reply is already running)",
  411: "No Content-Length",
  413: "Body too large",
  415: "Body is not JSON",
  422: "Body or query does not match the schema (wrong types, unknown fields, limits)",
  429: "Rate limited; see Retry-After",
  502: "The model server failed",
  503: "The database is unavailable",
  504: "The model sent nothing in time",
};

type Operation = {
  summary: string;
  tag: string;
  description?: string;
  params?: true | z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  ok: { status: number; schema?: z.ZodType; description?: string; sse?: boolean };
  /** Another success answer, e.g. 204 when there is nothing to stream. */
  empty?: { status: number; description: string };
  errors?: number[];
  public?: boolean;
  /** The request body's media type (default application/json). */
  bodyType?: string;
  /** A /v1 route: bearer tokens only, OpenAI's error shape and statuses. */
  openai?: boolean;
};

const SSE_DESCRIPTION =
  "The AI SDK UI message stream over Server-Sent Events (header `x-vercel-ai-ui-message-stream: v1`): `data: {json}` frames " +
  "`start` (messageId, metadata {model, createdAt}), `start-step`, `reasoning-start|delta|end`, `text-start|delta|end`, " +
  "`tool-input-available`, `tool-output-available`, `data-title` (transient, first turn), `finish` (finishReason, metadata {usage, cost}), " +
  "`abort` (stopped), `error` (errorText), ending with `data: [DONE]`. Headers `x-parley-reply-id` and `x-parley-user-message-id` name the stored messages.";

const idParam = z.object({ id: z.string().meta({ description: "The resource's id" }) });

const OPENAI_ERROR_TEXT: Record<number, string> = {
  400: "The request does not fit (param names the field), or asks what Parley cannot honour",
  401: "No API token, or an unknown, expired or revoked one",
  403: "A read-only token",
  404: "An unknown model (model_not_found), or an unknown or someone else's session",
};

function operation(op: Operation): ZodOpenApiOperationObject {
  const bodyErrors = op.openai ? [400, 413] : [400, 413, 415, 422];
  const errors = [...new Set([...(op.public ? [] : [401]), ...(op.body ? bodyErrors : []), ...(op.query ? [422] : []), ...(op.params ? [404] : []), ...(op.errors ?? []), 503])];
  const errorSchema = op.openai ? s.openAIErrorResponse : s.errorResponse;
  return {
    summary: op.summary,
    description: op.description,
    tags: [op.tag],
    security: op.public ? [] : op.openai ? [{ bearer: [] }] : [{ bearer: [] }, { cookie: [] }],
    requestParams: { ...(op.params ? { path: op.params === true ? idParam : op.params } : {}), ...(op.query ? { query: op.query } : {}) },
    ...(op.body ? { requestBody: { required: true, content: { [op.bodyType ?? "application/json"]: { schema: op.body } } } } : {}),
    responses: {
      [op.ok.status]: {
        description: op.ok.description ?? "OK",
        content: {
          ...(op.ok.sse ? { "text/event-stream": { schema: z.string().meta({ description: SSE_DESCRIPTION }) } } : {}),
          ...(op.ok.schema ? { "application/json": { schema: op.ok.schema } } : {}),
        },
      },
      ...(op.empty ? { [op.empty.status]: { description: op.empty.description } } : {}),
      ...Object.fromEntries(
        errors.sort().map((status) => [
          status,
          { description: (op.openai ? OPENAI_ERROR_TEXT[status] : undefined) ?? ERROR_TEXT[status] ?? "Error", content: { "application/json": { schema: errorSchema } } },
        ]),
      ),
    },
  };
}

const paths: ZodOpenApiPathsObject = {
  "/api/health": {
    get: operation({ tag: "System", summary: "Liveness, database and model configuration", public: true, ok: { status: 200, schema: s.healthView }, description: "Strangers get only status; a signed-in caller also db, database, models and uptime. 503 (status: unavailable) when the database does not answer within 3 s; the reason goes to the server log." }),
  },
  "/api/openapi.json": {
    get: operation({ tag: "System", summary: "This document", public: true, ok: { status: 200, description: "OpenAPI 3.1 document" } }),
  },
  "/api/auth/me": {
    get: operation({ tag: "Account", summary: "The current user", ok: { status: 200, schema: s.userView } }),
    patch: operation({
      tag: "Account",
      summary: "Rename (`name`: registered users; 409 when taken, 403 for a guest or an admin's name) or change preferences: the UI's language, the role (null: none) and model of new chats; keys left out stay; an unknown role or model is 422",
      errors: [403, 409],
      body: s.updateMeBody,
      ok: { status: 200, schema: s.userView },
    }),
    delete: operation({
      tag: "Account",
      summary: "Delete the account and all its data (chats, roles, files, tokens, share links); running replies stop; this browser's session ends (browser session only)",
      body: s.deleteAccountBody,
      ok: { status: 204, description: "Deleted" },
      errors: [403],
    }),
  },
  "/api/auth/register": {
    post: operation({
      tag: "Account",
      summary: "A new account with a name and password, and its session cookie; made with a guest's cookie, it takes over the guest's sessions and roles (with a new id)",
      public: true,
      body: s.registerBody,
      ok: { status: 201, schema: s.registeredView },
      errors: [403, 409, 429],
    }),
  },
  "/api/auth/login": {
    post: operation({
      tag: "Account",
      summary: "Log in; sets the session cookie (a guest's sessions move to the account)",
      public: true,
      body: s.credentialsBody,
      ok: { status: 200, schema: s.userView },
      errors: [401, 403, 429],
    }),
  },
  "/api/auth/logout": { post: operation({ tag: "Account", summary: "End this browser's session (its cookie stops working everywhere)", public: true, ok: { status: 204, description: "Logged out" }, errors: [403] }) },
  "/api/auth/sso": {
    get: operation({ tag: "Account", summary: "Single sign-on: redirects to the OpenID Connect provider", public: true, ok: { status: 302, description: "To the provider" }, errors: [404] }),
  },
  "/api/auth/callback/{provider}": {
    get: operation({
      tag: "Account",
      summary: "Where the sign-on provider sends the browser back; signs the person in and redirects to / (or /login?error=…)",
      public: true,
      params: z.object({ provider: z.literal("sso").meta({ description: "The sign-on provider" }) }),
      ok: { status: 302, description: "Into the app, with a session cookie" },
    }),
  },
  "/api/auth/logout-everywhere": {
    post: operation({ tag: "Account", summary: "End every session of the signed-in user, this one included (browser session only)", ok: { status: 204, description: "Logged out everywhere" }, errors: [403] }),
  },
  "/api/auth/password": {
    post: operation({
      tag: "Account",
      summary: "Change the password (at least 10 characters, not the name, not a common one); every other session ends, this browser gets a new cookie",
      body: s.changePasswordBody,
      ok: { status: 204, description: "Changed" },
      errors: [403, 409],
    }),
  },
  "/api/sessions": {
    get: operation({ tag: "Sessions", summary: "List sessions: pinned first, then newest activity; cursor-paginated; ?q= searches titles and messages", query: s.listSessionsQuery, ok: { status: 200, schema: s.sessionPage } }),
    post: operation({ tag: "Sessions", summary: "Create a session", body: s.createSessionBody, ok: { status: 201, schema: s.sessionView }, errors: [403] }),
  },
  "/api/sessions/{id}": {
    get: operation({ tag: "Sessions", summary: "Get a session", params: true, ok: { status: 200, schema: s.sessionView } }),
    patch: operation({ tag: "Sessions", summary: "Rename, change role, system prompt or model, pin", params: true, body: s.updateSessionBody, ok: { status: 200, schema: s.sessionView }, errors: [403] }),
    delete: operation({ tag: "Sessions", summary: "Delete a session and its messages", params: true, ok: { status: 204, description: "Deleted" }, errors: [403] }),
  },
  "/api/sessions/{id}/export": {
    get: operation({
      tag: "Sessions",
      summary: "Download a session: ?format=json (Parley's lossless format, every branch) or ?format=markdown (the visible thread as a document)",
      params: true,
      query: s.exportQuery,
      ok: { status: 200, schema: s.exportDocument, description: "The file (Content-Disposition: attachment); text/markdown for ?format=markdown" },
    }),
  },
  "/api/export": {
    get: operation({ tag: "Sessions", summary: "Download every session in Parley's format, streamed", ok: { status: 200, schema: s.exportDocument, description: "The file (Content-Disposition: attachment)" } }),
  },
  "/api/import": {
    post: operation({
      tag: "Sessions",
      summary: "Import a Parley export, or ChatGPT's or Claude's conversations.json (up to 512 MiB, read as it arrives), into your account: all of it or nothing; the same file again adds nothing",
      body: s.exportDocument,
      ok: { status: 201, schema: s.importResult },
    }),
  },
  "/api/sessions/{id}/messages": {
    get: operation({ tag: "Messages", summary: "History along the visible thread, oldest first, a page at a time", params: true, query: s.historyQuery, ok: { status: 200, schema: s.historyPage } }),
    post: operation({
      tag: "Messages",
      summary: "Send a message; the reply streams (SSE) or, with Accept: application/json, comes whole",
      params: true,
      body: s.sendMessageBody.meta({ example: { message: "Hello, 你好" } }),
      ok: { status: 200, schema: s.messageView, sse: true, description: "The reply: streamed by default; the finished message with Accept: application/json" },
      errors: [403, 409, 429, 502, 504],
    }),
  },
  "/api/sessions/{id}/stream": {
    get: operation({
      tag: "Messages",
      summary: "Re-attach to the running reply from its first chunk",
      params: true,
      ok: { status: 200, sse: true, description: "The running reply" },
      empty: { status: 204, description: "No reply is running: the stored thread has it all" },
    }),
  },
  "/api/sessions/{id}/stop": {
    post: operation({ tag: "Messages", summary: "Stop the running reply, keeping what was generated", params: true, ok: { status: 200, schema: s.stopResult }, errors: [403] }),
  },
  "/api/roles": {
    get: operation({ tag: "Roles", summary: "Built-in roles and your own", ok: { status: 200, schema: s.rolesList } }),
    post: operation({ tag: "Roles", summary: "Create a role", body: s.createRoleBody, ok: { status: 201, schema: s.roleView }, errors: [403] }),
  },
  "/api/roles/{id}": {
    get: operation({ tag: "Roles", summary: "Get a role", params: true, ok: { status: 200, schema: s.roleView } }),
    patch: operation({ tag: "Roles", summary: "Edit your role", params: true, body: s.updateRoleBody, ok: { status: 200, schema: s.roleView }, errors: [403] }),
    delete: operation({ tag: "Roles", summary: "Delete your role (its sessions fall back to no role)", params: true, ok: { status: 204, description: "Deleted" }, errors: [403] }),
  },
  "/api/models": { get: operation({ tag: "Models", summary: "The models offered (the local model when none is configured)", ok: { status: 200, schema: s.modelsList } }) },
  "/api/stats": { get: operation({ tag: "Usage", summary: "Messages, tokens and cost in the current period: total, per model, per day", ok: { status: 200, schema: s.statsView } }) },
  "/api/stats/reset": { post: operation({ tag: "Usage", summary: "Start a new counting period (history is kept)", ok: { status: 200, schema: s.statsView }, errors: [403] }) },
  "/api/tokens": {
    get: operation({ tag: "Tokens", summary: "Your API tokens (never the tokens themselves)", ok: { status: 200, schema: s.tokensList } }),
    post: operation({ tag: "Tokens", summary: "Create an API token (shown once)", body: s.createTokenBody, ok: { status: 201, schema: s.createdToken }, errors: [403] }),
  },
  "/api/tokens/{id}": { delete: operation({ tag: "Tokens", summary: "Revoke a token", params: true, ok: { status: 204, description: "Revoked" }, errors: [403] }) },
  "/api/sessions/{id}/versions": {
    post: operation({
      tag: "Messages",
      summary: "Show another version of a message (an edit, a regeneration): the thread then runs through it to its newest message",
      description: "Moves the session's head; answers the first page of the thread as GET …/messages does. 409 while a reply is running; 422 unknown_message for an id not in this session.",
      params: true,
      body: s.showVersionBody,
      ok: { status: 200, schema: s.historyPage },
      errors: [409],
    }),
  },
  "/api/files": {
    post: operation({
      tag: "Files",
      summary: "Upload a file to attach to messages (multipart/form-data, field file): PNG, JPEG, WebP, GIF, PDF (its text), text files",
      description:
        "At most 10 MB a file and PARLEY_ATTACHMENTS_MB_PER_USER in all (413 file_too_large / attachment_quota); another type is 415 unsupported_file_type; a PDF without text (a scan) 422 pdf_without_text. The same bytes again answer the stored file. Send it in a message as a file part { type: \"file\", url } or with attachments: [id]; files never sent are deleted after a day.",
      body: z.object({ file: z.string().meta({ format: "binary" }) }),
      bodyType: "multipart/form-data",
      ok: { status: 201, schema: s.attachmentView },
      errors: [411, 413, 415],
    }),
  },
  "/api/files/{id}": {
    get: operation({ tag: "Files", summary: "One of your files: images inline, anything else as a download (nosniff)", params: true, ok: { status: 200, description: "The file's bytes with its content type" } }),
  },
  "/api/sessions/{id}/share": {
    post: operation({
      tag: "Sharing",
      summary: "A read-only link to the visible thread as it is now (a snapshot: later messages are not in it)",
      description: "Anyone with the link reads it at /s/<id> without signing in (noindex). 403 sharing_disabled when the operator turned sharing off; 409 too_many_shares past 500.",
      params: true,
      ok: { status: 201, schema: s.createdShare },
      errors: [403, 409],
    }),
  },
  "/api/shares": { get: operation({ tag: "Sharing", summary: "Your share links, newest first", ok: { status: 200, schema: s.sharesList } }) },
  "/api/shares/{id}": { delete: operation({ tag: "Sharing", summary: "Delete a share link: its page answers 404 from now on", params: true, ok: { status: 204, description: "Deleted" } }) },
  "/v1/models": {
    get: operation({ tag: "OpenAI-compatible", openai: true, summary: "The offered models, as OpenAI's model list", ok: { status: 200, schema: s.openAIModelList } }),
  },
  "/v1/models/{id}": {
    get: operation({ tag: "OpenAI-compatible", openai: true, summary: "One model", params: true, ok: { status: 200, schema: s.openAIModel } }),
  },
  "/v1/chat/completions": {
    post: operation({
      tag: "OpenAI-compatible",
      openai: true,
      summary: "A Parley turn in OpenAI's chat completions shape: a new session, or the one named by X-Parley-Session",
      description:
        "Answers a `chat.completion`, or with `stream: true` `chat.completion.chunk` events (text in `delta.content`, reasoning in `delta.reasoning_content`, the finish reason, a usage chunk with `stream_options.include_usage`, `data: [DONE]`; a failure mid-stream is a `data: {error}` event). " +
        "With the header `X-Parley-Session: <id>` only the newest user message of `messages` is taken. The answer's `X-Parley-Session` header names the session.",
      body: chatCompletionBody.meta({ example: { model: "gpt-4o-mini", messages: [{ role: "user", content: "Hello" }], stream: true } }),
      ok: { status: 200, description: "A chat.completion (JSON), or chat.completion.chunk events (text/event-stream)" },
      errors: [403, 404, 409, 429, 502, 504],
    }),
  },
};

let document: ReturnType<typeof createDocument> | undefined;

export function openApiDocument() {
  document ??= createDocument({
    openapi: "3.1.0",
    info: {
      title: "Parley API",
      version: "1.0.0",
      description:
        "Everything the web UI does, over HTTP. Programs authenticate with `Authorization: Bearer <token>` (create one at POST /api/tokens); browsers with the identity cookie.",
    },
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: "An API token from POST /api/tokens" },
        cookie: { type: "apiKey", in: "cookie", name: "parley.session", description: "The browser's session cookie (__Host-parley.session over HTTPS; same-origin writes only)" },
      },
    },
    paths,
  });
  return document;
}
