// Request bodies and query strings of the API, validated with zod. Routes parse
// with these; the OpenAPI document is generated from them.
import { z } from "zod";
import { MAX_PASSWORD_LENGTH, passwordProblem } from "../auth/password-policy";

export const LIMITS = {
  messageChars: 32_000,
  titleChars: 200,
  systemPromptChars: 16_000,
  roleNameChars: 60,
  roleDescriptionChars: 300,
  pageSize: 100,
  clientIdChars: 100,
} as const;

const uuid = z.uuid({ error: "expected a UUID" });

/** Text a person sends: PostgreSQL stores neither NUL characters nor unpaired UTF-16 surrogates, so they are refused here, naming the field. */
const text = () =>
  z.string().refine((value) => !value.includes("\u0000") && value.isWellFormed(), { error: "expected text without NUL characters or unpaired surrogates" });
const modelId = z.string().min(1).max(200);

const textPart = z.object({ type: z.literal("text"), text: text().max(LIMITS.messageChars) }).strict();

/** An attachment in a message: the url POST /api/files returned (type and name are taken from what is stored). */
const filePart = z
  .object({
    type: z.literal("file"),
    url: z.string().regex(/^\/api\/files\/[0-9a-f-]{36}$/i, "expected the url POST /api/files returned (/api/files/<id>)"),
    mediaType: z.string().max(200).optional(),
    filename: text().max(255).optional(),
    providerMetadata: z.unknown().optional(),
  })
  .strict()
  .transform(({ type, url, mediaType, filename }) => ({ type, url, mediaType: mediaType ?? "", ...(filename ? { filename } : {}) }));

/** A user message as the AI SDK's useChat sends it: text parts and attachments. */
const uiUserMessage = z
  .object({
    id: text().min(1).max(LIMITS.clientIdChars),
    role: z.literal("user"),
    parts: z.array(z.union([textPart, filePart])).min(1).max(20),
    metadata: z.unknown().optional(),
  })
  .strict();

export const sendMessageBody = z
  .object({
    message: z.union([text().trim().min(1, "expected a non-empty message").max(LIMITS.messageChars, `expected at most ${LIMITS.messageChars} characters`), uiUserMessage]).optional(),
    /** Files to attach to a text message: ids from POST /api/files (at most 5). */
    attachments: z.array(uuid).min(1).max(5).optional(),
    /** Makes a retried send safe: a message id seen before is not stored twice. */
    clientMessageId: text().min(1).max(LIMITS.clientIdChars).optional(),
    /** The message this one follows: an edit sends the edited message's parent (null for the first). */
    parentId: uuid.nullable().optional(),
    /** Answer the last user message (or `parentId`) again instead of sending a new one. */
    regenerate: z.boolean().optional(),
  })
  .strict()
  .refine((body) => body.message !== undefined || body.regenerate === true, { message: "expected message (or regenerate: true)", path: ["message"] })
  .refine((body) => !(body.message !== undefined && body.regenerate), { message: "send either message or regenerate, not both", path: ["regenerate"] })
  .refine((body) => body.attachments === undefined || typeof body.message === "string", { message: "attachments go with a text message (in parts, send file parts instead)", path: ["attachments"] });
export type SendMessageBody = z.infer<typeof sendMessageBody>;

export const createSessionBody = z
  .object({
    title: text().trim().min(1).max(LIMITS.titleChars).optional(),
    roleId: text().min(1).max(100).nullable().optional(),
    systemPrompt: text().max(LIMITS.systemPromptChars).nullable().optional(),
    temperature: z.number().min(0).max(2).nullable().optional().meta({ description: "Sampling temperature for this session's replies; null: the model server's default" }),
    model: modelId.optional(),
    pinned: z.boolean().optional(),
  })
  .strict();

export const updateSessionBody = createSessionBody.refine((body) => Object.keys(body).length > 0, "expected at least one field to change");

export const historyQuery = z
  .object({
    before: uuid.optional(),
    limit: z.coerce.number().int().min(1).max(LIMITS.pageSize, `expected at most ${LIMITS.pageSize}`).default(50),
  })
  .strict();

export const listSessionsQuery = z
  .object({
    cursor: text().max(500).optional(),
    limit: z.coerce.number().int().min(1).max(LIMITS.pageSize, `expected at most ${LIMITS.pageSize}`).default(30),
    q: text().max(200).optional(),
  })
  .strict();

const accountName = text().trim().regex(/^[\p{L}\p{N}_.-]{3,40}$/u, "expected 3 to 40 letters, digits, _ . or -");
const password = text().min(1, "expected a password").max(MAX_PASSWORD_LENGTH, `expected at most ${MAX_PASSWORD_LENGTH} characters`);

export const credentialsBody = z.object({ name: accountName, password }).strict();


export const changePasswordBody = z
  .object({ currentPassword: password, newPassword: password })
  .strict()
  .superRefine(({ newPassword }, ctx) => {
    const problem = passwordProblem(newPassword, null);
    if (problem) ctx.addIssue({ code: "custom", path: ["newPassword"], message: problem });
  });

/** The UI's languages. */
export const LOCALES = ["en", "zh"] as const;

export const preferencesBody = z
  .object({
    locale: z.enum(LOCALES).optional(),
    defaultRoleId: text().min(1).max(100).nullable().optional(),
    defaultModel: text().min(1).max(200).optional(),
  })
  .strict();

export const updateMeBody = z
  .object({ name: accountName.optional(), preferences: preferencesBody.optional() })
  .strict()
  .refine((body) => body.name !== undefined || body.preferences !== undefined, "expected name or preferences");

export const deleteAccountBody = z
  .object({ password: password.optional().meta({ description: "Required when the account has a password" }) })
  .strict();

export const createRoleBody = z
  .object({
    name: text().trim().min(1).max(LIMITS.roleNameChars),
    description: text().trim().max(LIMITS.roleDescriptionChars).default(""),
    systemPrompt: text().trim().min(1).max(LIMITS.systemPromptChars),
  })
  .strict();

export const updateRoleBody = z
  .object({
    name: text().trim().min(1).max(LIMITS.roleNameChars).optional(),
    description: text().trim().max(LIMITS.roleDescriptionChars).optional(),
    systemPrompt: text().trim().min(1).max(LIMITS.systemPromptChars).optional(),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, "expected at least one field to change");

export const exportQuery = z
  .object({ format: z.enum(["json", "markdown"]).default("json").meta({ description: "json: Parley's lossless format; markdown: the visible thread as a document" }) })
  .strict();

export const createTokenBody = z
  .object({
    name: text().trim().min(1).max(60),
    access: z.enum(["read-write", "read-only"]).default("read-write").meta({ description: "read-only: GET only; writes answer 403 read_only_token" }),
    expiresInDays: z.number().int().min(1).max(3650).optional().meta({ description: "Unset: until revoked" }),
  })
  .strict();

/**
 * A new account: a password long enough, not the name, not a common one
 * (lib/auth/password-policy.ts); with `token`, an API token for it in the same
 * answer (a program's first and only call needs no browser).
 */
export const registerBody = credentialsBody
  .extend({ token: createTokenBody.optional().meta({ description: "Also create an API token for the new account (shown once, in the answer)" }) })
  .strict()
  .superRefine(({ name, password }, ctx) => {
    const problem = passwordProblem(password, name);
    if (problem) ctx.addIssue({ code: "custom", path: ["password"], message: problem });
  });

// ---- Responses (documented in the OpenAPI document; route tests check real responses against them) ----

const timestamp = z.iso.datetime({ offset: true }).meta({ example: "2026-11-21T09:30:00.000Z" });

export const errorResponse = z
  .object({ error: z.object({ code: z.string().meta({ example: "not_found" }), message: z.string() }) })
  .meta({ id: "Error", description: "Every error has this shape, with the matching HTTP status." });

const usage = z.object({ inputTokens: z.number().int().nullable(), outputTokens: z.number().int().nullable(), reasoningTokens: z.number().int().nullable() });

export const messageView = z
  .object({
    id: z.uuid(),
    sessionId: z.uuid(),
    parentId: z.uuid().nullable(),
    role: z.enum(["user", "assistant"]),
    parts: z.array(z.looseObject({ type: z.string() })).meta({ description: "AI SDK UI message parts: text, reasoning, tool-<name>, step-start…" }),
    text: z.string(),
    status: z.enum(["streaming", "complete", "stopped", "error", "interrupted"]),
    model: z.string().nullable(),
    finishReason: z.string().nullable(),
    usage: usage.nullable(),
    cost: z.number().nullable().meta({ description: "US dollars, from PARLEY_PRICES; null when the model has no price" }),
    error: z.string().nullable(),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: "Message" });

export const sessionView = z
  .object({
    id: z.uuid(),
    title: z.string(),
    titleSource: z.enum(["auto", "user"]),
    roleId: z.string().nullable(),
    systemPrompt: z.string().nullable(),
    temperature: z.number().nullable().default(null),
    model: z.string(),
    modelIsLocal: z.boolean(),
    pinned: z.boolean(),
    headId: z.uuid().nullable().meta({ description: "Last message of the visible thread" }),
    createdAt: timestamp,
    updatedAt: timestamp,
    lastMessageAt: timestamp,
  })
  .meta({ id: "Session" });

export const sessionPage = z
  .object({
    sessions: z.array(sessionView.extend({ snippet: z.string().nullable().meta({ description: "With ?q=: plain-text excerpt of the newest message holding all the words, else any of them; null when only the title matched" }) })),
    nextCursor: z.string().nullable(),
  })
  .meta({ id: "SessionPage" });

/** Parley's export format, version 1 (GET /api/export, GET /api/sessions/:id/export). */
export const exportDocument = z
  .object({
    format: z.literal("parley"),
    version: z.literal(1),
    exportedAt: timestamp,
    sessions: z.array(
      sessionView.extend({
        role: z
          .object({ id: z.string(), name: z.string(), description: z.string(), systemPrompt: z.string(), builtIn: z.boolean() })
          .nullable()
          .meta({ description: "The role as it was at export time" }),
        messages: z
          .array(messageView.omit({ sessionId: true }).extend({ seq: z.number().int().meta({ description: "Order of insertion in the session" }) }))
          .meta({ description: "Every message of every branch, oldest first; parentId links them into the tree, headId names the visible thread's end" }),
        attachments: z
          .array(
            z.object({
              id: z.uuid(),
              name: z.string(),
              mediaType: z.string(),
              size: z.number().int(),
              sha256: z.string().regex(/^[0-9a-f]{64}$/),
              data: z.base64().meta({ description: "The file's bytes" }),
            }),
          )
          .default([])
          .meta({ description: "The files its messages attach; a file part's url /api/files/<id> names one" }),
      }),
    ),
  })
  .meta({ id: "Export" });

export const importResult = z
  .object({
    sessions: z.array(z.uuid()).meta({ description: "Ids of the sessions made (in your account)" }),
    imported: z.object({ sessions: z.number().int(), messages: z.number().int() }),
    skipped: z.number().int().meta({ description: "Sessions of the file imported before (nothing is added twice)" }),
  })
  .meta({ id: "ImportResult" });

export const historyPage = z
  .object({
    messages: z.array(messageView).meta({ description: "Oldest first" }),
    nextCursor: z.uuid().nullable().meta({ description: "Pass as ?before= for older messages" }),
    versions: z
      .record(z.uuid(), z.array(z.uuid()))
      .meta({ description: "For each message of the page that has other versions (edited, regenerated): every version's id, oldest first. Show one with POST /api/sessions/{id}/versions" }),
  })
  .meta({ id: "HistoryPage" });

export const showVersionBody = z
  .object({ messageId: uuid, limit: z.number().int().min(1).max(LIMITS.pageSize, `expected at most ${LIMITS.pageSize}`).default(50).meta({ description: "Messages in the answered page" }) })
  .strict();

export const stopResult = z.object({ stopped: z.boolean(), message: messageView.nullable() }).meta({ id: "StopResult" });

export const roleView = z
  .object({ id: z.string(), name: z.string(), description: z.string(), systemPrompt: z.string(), builtin: z.boolean() })
  .meta({ id: "Role" });

export const rolesList = z.object({ roles: z.array(roleView) });

export const modelsList = z
  .object({ models: z.array(z.object({ id: z.string(), label: z.string(), local: z.boolean().meta({ description: "The built-in offline stand-in, not a language model" }), default: z.boolean(), vision: z.boolean().meta({ description: "Takes image attachments (PARLEY_VISION_MODELS)" }) })) })
  .meta({ id: "Models" });

const preferencesView = z
  .object({
    locale: z.enum(LOCALES).optional().meta({ description: "The UI's language (a cookie set in the browser wins)" }),
    defaultRoleId: z.string().nullable().optional().meta({ description: "The role of new chats (null: none); unset: the server's default" }),
    defaultModel: z.string().optional().meta({ description: "The model of new chats; unset: the server's default" }),
  })
  .meta({ id: "Preferences" });

export const userView = z
  .object({ user: z.object({ id: z.uuid(), name: z.string().nullable(), guest: z.boolean(), admin: z.boolean(), createdAt: timestamp, preferences: preferencesView }) })
  .meta({ id: "User" });

export const tokenView = z
  .object({
    id: z.uuid(),
    name: z.string(),
    access: z.enum(["read-write", "read-only"]),
    expiresAt: timestamp.nullable(),
    createdAt: timestamp,
    lastUsedAt: timestamp.nullable(),
    revokedAt: timestamp.nullable(),
  })
  .meta({ id: "Token" });

export const tokensList = z.object({ tokens: z.array(tokenView) });

export const shareView = z
  .object({
    id: z.string().meta({ description: "The link's secret: 128 random bits" }),
    path: z.string().meta({ description: "/s/<id>: the read-only page" }),
    sessionId: z.uuid(),
    title: z.string(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "Share" });
export const createdShare = shareView.extend({ url: z.url().meta({ description: "The page's full address (PARLEY_PUBLIC_URL when set)" }) });
export const sharesList = z.object({ shares: z.array(shareView) });

export const createdToken = tokenView.extend({ token: z.string().meta({ description: "Shown once: send it as Authorization: Bearer <token>" }) }).meta({ id: "CreatedToken" });

export const registeredView = z
  .object({ user: userView.shape.user, token: createdToken.optional().meta({ description: "When the request asked for one" }) })
  .meta({ id: "Registered" });

const usageTotals = z.object({
  messages: z.number().int(),
  replies: z.number().int(),
  inputTokens: z.number().int(),
  outputTokens: z.number().int(),
  reasoningTokens: z.number().int(),
  cost: z.number(),
});

export const statsView = z
  .object({
    since: timestamp.meta({ description: "Start of the counting period" }),
    totals: usageTotals,
    byModel: z.array(usageTotals.extend({ model: z.string().nullable() })),
    byDay: z.array(usageTotals.extend({ day: z.string().meta({ example: "2026-11-21" }) })),
  })
  .meta({ id: "Stats" });

export const healthView = z
  .object({
    status: z.enum(["ok", "unavailable"]),
    // The rest only for a signed-in caller.
    db: z.enum(["ok", "unreachable"]).optional(),
    database: z.enum(["postgresql", "embedded"]).optional(),
    models: z.object({ source: z.enum(["openai-compatible", "local"]), count: z.number().int(), default: z.string() }).optional(),
    uptimeSeconds: z.number().optional(),
  })
  .meta({ id: "Health" });

// ---- The OpenAI-compatible API (/v1): what the OpenAPI document shows of OpenAI's shapes ----

export const openAIErrorResponse = z
  .object({ error: z.object({ message: z.string(), type: z.string(), param: z.string().nullable(), code: z.string().nullable() }) })
  .meta({ id: "OpenAIError" });
export const openAIModel = z.object({ id: z.string(), object: z.literal("model"), created: z.number().int(), owned_by: z.string() }).meta({ id: "OpenAIModel" });
export const openAIModelList = z.object({ object: z.literal("list"), data: z.array(openAIModel) });

export const attachmentView = z
  .object({
    id: z.uuid(),
    name: z.string(),
    mediaType: z.string().meta({ description: "From the file's bytes (images, PDF) or its name (text), not from what the client said" }),
    kind: z.enum(["image", "text", "pdf"]),
    size: z.number().int(),
    url: z.string().meta({ description: "/api/files/<id>: what a message's file part refers to" }),
    createdAt: timestamp,
  })
  .meta({ id: "Attachment" });
