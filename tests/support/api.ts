// Calls the app's route handlers the way Next.js does (a Request in, a Response
// out) as a signed-in user, and reads SSE replies with an independent parser.
import type { UIMessageChunk } from "ai";
import { EventSourceParserStream } from "eventsource-parser/stream";
import { auth } from "@/lib/auth/auth";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each route names its own params
type Handler = (request: Request, context: { params: Promise<any> }) => Promise<Response>;
type RouteModule = Partial<Record<"GET" | "POST" | "PATCH" | "DELETE" | "PUT", Handler>>;

// The third element names a catch-all segment ([...id]): a handler gets it as an array.
const ROUTES: Array<[RegExp, () => Promise<RouteModule>, string?]> = [
  [/^\/api\/health$/, () => import("@/app/api/health/route")],
  [/^\/api\/models$/, () => import("@/app/api/models/route")],
  [/^\/api\/roles$/, () => import("@/app/api/roles/route")],
  [/^\/api\/sessions$/, () => import("@/app/api/sessions/route")],
  [/^\/api\/sessions\/(?<id>[^/]+)$/, () => import("@/app/api/sessions/[id]/route")],
  [/^\/api\/sessions\/(?<id>[^/]+)\/messages$/, () => import("@/app/api/sessions/[id]/messages/route")],
  [/^\/api\/sessions\/(?<id>[^/]+)\/stop$/, () => import("@/app/api/sessions/[id]/stop/route")],
  [/^\/api\/sessions\/(?<id>[^/]+)\/stream$/, () => import("@/app/api/sessions/[id]/stream/route")],
  [/^\/api\/sessions\/(?<id>[^/]+)\/export$/, () => import("@/app/api/sessions/[id]/export/route")],
  [/^\/api\/sessions\/(?<id>[^/]+)\/share$/, () => import("@/app/api/sessions/[id]/share/route")],
  [/^\/api\/sessions\/(?<id>[^/]+)\/versions$/, () => import("@/app/api/sessions/[id]/versions/route")],
  [/^\/api\/shares$/, () => import("@/app/api/shares/route")],
  [/^\/api\/files$/, () => import("@/app/api/files/route")],
  [/^\/api\/files\/(?<id>[^/]+)$/, () => import("@/app/api/files/[id]/route")],
  [/^\/api\/shares\/(?<id>[^/]+)$/, () => import("@/app/api/shares/[id]/route")],
  [/^\/api\/export$/, () => import("@/app/api/export/route")],
  [/^\/api\/import$/, () => import("@/app/api/import/route")],
  [/^\/api\/roles\/(?<id>[^/]+)$/, () => import("@/app/api/roles/[id]/route")],
  [/^\/api\/tokens$/, () => import("@/app/api/tokens/route")],
  [/^\/api\/tokens\/(?<id>[^/]+)$/, () => import("@/app/api/tokens/[id]/route")],
  [/^\/api\/stats$/, () => import("@/app/api/stats/route")],
  [/^\/api\/stats\/reset$/, () => import("@/app/api/stats/reset/route")],
  [/^\/api\/auth\/me$/, () => import("@/app/api/auth/me/route")],
  [/^\/api\/auth\/register$/, () => import("@/app/api/auth/register/route")],
  [/^\/api\/auth\/login$/, () => import("@/app/api/auth/login/route")],
  [/^\/api\/auth\/logout$/, () => import("@/app/api/auth/logout/route")],
  [/^\/api\/auth\/logout-everywhere$/, () => import("@/app/api/auth/logout-everywhere/route")],
  [/^\/api\/auth\/password$/, () => import("@/app/api/auth/password/route")],
  [/^\/api\/auth\/sso$/, () => import("@/app/api/auth/sso/route")],
  [/^\/api\/auth\/callback\/(?<provider>[^/]+)$/, () => import("@/app/api/auth/callback/[provider]/route")],
  [/^\/api\/openapi\.json$/, () => import("@/app/api/openapi.json/route")],
  [/^\/v1\/models$/, () => import("@/app/v1/models/route")],
  [/^\/v1\/models\/(?<id>.+)$/, () => import("@/app/v1/models/[...id]/route"), "id"],
  [/^\/v1\/chat\/completions$/, () => import("@/app/v1/chat/completions/route")],
  [/^\/v1\/(?<path>.+)$/, () => import("@/app/v1/[...path]/route"), "path"],
];

/** Hands a request to the route that serves its path, as Next.js does. */
async function dispatch(request: Request): Promise<Response> {
  const url = new URL(request.url);
  for (const [pattern, load, catchAll] of ROUTES) {
    const match = pattern.exec(url.pathname);
    if (!match) continue;
    const handler = (await load())[request.method as keyof RouteModule];
    if (!handler) return new Response(null, { status: 405 });
    const params: Record<string, string | string[]> = { ...match.groups };
    if (catchAll) params[catchAll] = match.groups![catchAll]!.split("/");
    return handler(request, { params: Promise.resolve(params) });
  }
  throw new Error(`No route for ${url.pathname}`);
}

/**
 * A `fetch` that reaches the app's route handlers: for real HTTP clients (the
 * openai package, the AI SDK's providers) pointed at Parley in a test.
 */
export const appFetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
  const request = new Request(input, init);
  const headers = new Headers(request.headers);
  headers.set("host", new URL(request.url).host);
  return dispatch(new Request(request, { headers }));
}) as typeof fetch;

export const ORIGIN = "http://parley.test";

export type CallOptions = { body?: unknown; rawBody?: string; form?: FormData; stream?: ReadableStream<Uint8Array>; headers?: Record<string, string> };

export async function call(method: string, path: string, options: CallOptions = {}): Promise<Response> {
  const url = new URL(path, ORIGIN);
  const headers: Record<string, string> = { host: url.host, ...options.headers };
  let body: string | Uint8Array<ArrayBuffer> | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers["content-type"] ??= "application/json";
  }
  if (options.form) {
    // Encoded as a browser would, with its Content-Length.
    const encoded = new Request(url, { method: "POST", body: options.form });
    body = new Uint8Array(await encoded.arrayBuffer());
    headers["content-type"] ??= encoded.headers.get("content-type")!;
    headers["content-length"] = String(body.byteLength);
  }
  if (options.stream) return dispatch(new Request(url, { method, headers, body: options.stream, duplex: "half" } as RequestInit));
  return dispatch(new Request(url, { method, headers, body }));
}

export type Client = {
  userId: string;
  cookie?: string;
  call(method: string, path: string, options?: CallOptions): Promise<Response>;
  json<T = unknown>(method: string, path: string, options?: CallOptions): Promise<T>;
};

/** A new guest's session cookie (as proxy.ts gives a browser on its first page view). */
export async function guestCookie(): Promise<{ userId: string; cookie: string }> {
  const { headers, response } = await auth(false).api.signInAnonymous({ headers: new Headers(), returnHeaders: true });
  return { userId: response!.user.id, cookie: headers.getSetCookie()[0]!.split(";")[0]! };
}

/** A browser user: a new guest's session cookie, and same-origin requests. */
export async function browserUser(): Promise<Client> {
  const { userId, cookie } = await guestCookie();
  // Each test user browses from an address of its own (TEST-NET-1), like separate people.
  const ip = `192.0.2.${1 + Math.floor(Math.random() * 254)}`;
  const client: Client = {
    userId,
    cookie,
    call: (method, path, options = {}) => call(method, path, { ...options, headers: { cookie, origin: ORIGIN, "sec-fetch-site": "same-origin", "x-forwarded-for": ip, ...options.headers } }),
    async json(method, path, options) {
      const response = await client.call(method, path, options);
      if (!response.ok) throw new Error(`${method} ${path} → ${response.status}: ${await response.text()}`);
      return response.json();
    },
  };
  return client;
}

/** Every SSE event of a response, parsed by eventsource-parser; [DONE] ends it. */
export async function readSse(response: Response): Promise<{ chunks: UIMessageChunk[]; done: boolean; raw: string[] }> {
  const events = response.body!.pipeThrough(new TextDecoderStream()).pipeThrough(new EventSourceParserStream());
  const chunks: UIMessageChunk[] = [];
  const raw: string[] = [];
  let done = false;
  for await (const event of events) {
    raw.push(event.data);
    if (event.data === "[DONE]") {
      done = true;
      continue;
    }
    chunks.push(JSON.parse(event.data) as UIMessageChunk);
  }
  return { chunks, done, raw };
}

export function textFromChunks(chunks: UIMessageChunk[]): string {
  return chunks.map((c) => (c.type === "text-delta" ? c.delta : "")).join("");
}

/** What the model server received, across processes (tests run in workers). */
export async function modelRequests(baseUrl: string): Promise<Array<{ body: { messages: Array<{ role: string; content: unknown }>; tools?: unknown[]; stream?: boolean }; receivedAt: number }>> {
  const response = await fetch(new URL("/__requests", baseUrl));
  return response.json();
}

/** A program: the same user's API token, no cookie, no browser headers. */
export async function tokenUser(owner?: Client): Promise<Client & { token: string; tokenId: string }> {
  const browser = owner ?? (await browserUser());
  const created = await browser.json<{ token: string; id: string }>("POST", "/api/tokens", { body: { name: "test program" } });
  const authorization = `Bearer ${created.token}`;
  const client: Client & { token: string; tokenId: string } = {
    userId: browser.userId,
    token: created.token,
    tokenId: created.id,
    call: (method, path, options = {}) => call(method, path, { ...options, headers: { authorization, ...options.headers } }),
    async json(method, path, options) {
      const response = await client.call(method, path, options);
      if (!response.ok) throw new Error(`${method} ${path} → ${response.status}: ${await response.text()}`);
      return response.json();
    },
  };
  return client;
}
