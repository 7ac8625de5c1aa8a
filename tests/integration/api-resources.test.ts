// Every API route's behaviour, with responses checked against the schemas the
// OpenAPI document publishes.
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { validate } from "@readme/openapi-parser";
import * as schemas from "@/lib/api/schemas";
import { db } from "@/lib/db/client";
import { browserUser, call, readSse, tokenUser, type Client } from "../support/api";

async function checked<S extends z.ZodType>(client: Client, schema: S, method: string, url: string, body?: unknown, status = method === "POST" ? 201 : 200): Promise<z.infer<S>> {
  const response = await client.call(method, url, body === undefined ? {} : { body });
  expect([method, url, response.status]).toEqual([method, url, status]);
  return schema.parse(await response.json());
}

async function sendJson(client: Client, sessionId: string, message: string) {
  const response = await client.call("POST", `/api/sessions/${sessionId}/messages`, { body: { message }, headers: { accept: "application/json" } });
  expect(response.status).toBe(200);
  return schemas.messageView.parse(await response.json());
}

describe("sessions", () => {
  it("create, get, rename, change role and model, pin, delete with its messages", async () => {
    const ada = await browserUser();
    const created = await checked(ada, schemas.sessionView, "POST", "/api/sessions", { roleId: "teacher", model: "test-model-2" });
    expect(created).toMatchObject({ title: "New chat", titleSource: "auto", roleId: "teacher", model: "test-model-2", pinned: false, headId: null });
    expect(await checked(ada, schemas.sessionView, "GET", `/api/sessions/${created.id}`)).toEqual(created);

    const renamed = await checked(ada, schemas.sessionView, "PATCH", `/api/sessions/${created.id}`, { title: "Renamed", roleId: "writer", model: "test-model", pinned: true, systemPrompt: "Short answers." });
    expect(renamed).toMatchObject({ title: "Renamed", titleSource: "user", roleId: "writer", model: "test-model", pinned: true, systemPrompt: "Short answers." });
    const cleared = await checked(ada, schemas.sessionView, "PATCH", `/api/sessions/${created.id}`, { systemPrompt: null, roleId: null });
    expect(cleared).toMatchObject({ systemPrompt: null, roleId: null });

    await sendJson(ada, created.id, "to be deleted");
    expect(await db().message.count({ where: { sessionId: created.id } })).toBe(2);
    expect((await ada.call("DELETE", `/api/sessions/${created.id}`)).status).toBe(204);
    expect((await ada.call("GET", `/api/sessions/${created.id}`)).status).toBe(404);
    expect(await db().message.count({ where: { sessionId: created.id } })).toBe(0);
    expect((await ada.call("DELETE", `/api/sessions/${created.id}`)).status).toBe(404);
  });

  it("lists pinned first, then by last activity, newest first", async () => {
    const ada = await browserUser();
    const a = await checked(ada, schemas.sessionView, "POST", "/api/sessions", { title: "a" });
    const b = await checked(ada, schemas.sessionView, "POST", "/api/sessions", { title: "b" });
    const c = await checked(ada, schemas.sessionView, "POST", "/api/sessions", { title: "c" });
    await sendJson(ada, a.id, "a is active again"); // a moves to the top of the unpinned
    await checked(ada, schemas.sessionView, "PATCH", `/api/sessions/${c.id}`, { pinned: true });
    const list = await checked(ada, schemas.sessionPage, "GET", "/api/sessions");
    expect(list.sessions.map((s) => s.title)).toEqual(["c", "a", "b"]);
    expect(list.nextCursor).toBeNull();
    expect(b.id).toBeDefined();
  });

  it("pages through with a cursor: no duplicates or gaps while new sessions are created", async () => {
    const ada = await browserUser();
    const existing: string[] = [];
    for (let i = 0; i < 23; i++) existing.push((await checked(ada, schemas.sessionView, "POST", "/api/sessions", { title: `s${i}`, pinned: i % 5 === 0 })).id);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: z.infer<typeof schemas.sessionPage> = await checked(ada, schemas.sessionPage, "GET", `/api/sessions?limit=4${cursor ? `&cursor=${cursor}` : ""}`);
      seen.push(...page.sessions.map((s) => s.id));
      cursor = page.nextCursor;
      pages++;
      // Someone keeps creating sessions meanwhile (in another tab).
      await checked(ada, schemas.sessionView, "POST", "/api/sessions", { title: `new during page ${pages}` });
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    for (const id of existing) expect(seen).toContain(id);
    expect(pages).toBeGreaterThanOrEqual(6);
  });

  it("searches titles and message text (prefix words), with the matching snippet", async () => {
    const ada = await browserUser();
    const other = await browserUser();
    const titled = await checked(ada, schemas.sessionView, "POST", "/api/sessions", { title: "Quarterly zeppelin budget" });
    const talked = await checked(ada, schemas.sessionView, "POST", "/api/sessions", {});
    await sendJson(ada, talked.id, "Tell me about the zeppelins of 1930 and their hydrogen");
    await checked(ada, schemas.sessionView, "POST", "/api/sessions", { title: "Unrelated" });
    const hers = await checked(other, schemas.sessionView, "POST", "/api/sessions", { title: "zeppelin too" });

    const found = await checked(ada, schemas.sessionPage, "GET", "/api/sessions?q=zeppel");
    expect(found.sessions.map((s) => s.id).sort()).toEqual([titled.id, talked.id].sort());
    const snippet = found.sessions.find((s) => s.id === talked.id)!.snippet!;
    expect(snippet.toLowerCase()).toContain("zeppelins");
    expect(found.sessions.find((s) => s.id === titled.id)!.snippet).toBeNull();
    expect(found.sessions.map((s) => s.id)).not.toContain(hers.id);

    const both = await checked(ada, schemas.sessionPage, "GET", `/api/sessions?q=${encodeURIComponent("hydrogen zeppelins")}`);
    expect(both.sessions.map((s) => s.id)).toEqual([talked.id]);
    // A session is found by words from different messages, the model's replies included.
    await sendJson(ada, talked.id, "and what about blimps");
    const across = await checked(ada, schemas.sessionPage, "GET", `/api/sessions?q=${encodeURIComponent("hydrogen blimps echo")}`);
    expect(across.sessions.map((s) => s.id)).toEqual([talked.id]);
    // No message holds all three words: the excerpt is from the newest holding any of them.
    expect(across.sessions[0]!.snippet).toMatch(/blimps/i);
    expect((await checked(ada, schemas.sessionPage, "GET", "/api/sessions?q=nothinglikethis")).sessions).toEqual([]);
    expect((await checked(ada, schemas.sessionPage, "GET", `/api/sessions?q=${encodeURIComponent("&|!:*'")}`)).sessions).toEqual([]);
    // Words split the way the text was indexed: a hyphenated tag is found by its parts.
    const tagged = await checked(ada, schemas.sessionView, "POST", "/api/sessions", {});
    await sendJson(ada, tagged.id, "ticket cli-1763712345 is open");
    expect((await checked(ada, schemas.sessionPage, "GET", "/api/sessions?q=cli-1763712345")).sessions.map((s) => s.id)).toEqual([tagged.id]);
    expect((await checked(ada, schemas.sessionPage, "GET", "/api/sessions?q=cli-17637")).sessions.map((s) => s.id)).toEqual([tagged.id]);
  });

  it("searches a long list: a rare word far down it, a common one page by page", async () => {
    const ada = await browserUser();
    // The oldest session holds the rare word; 600 newer ones (more than a search reads in order) do not.
    const old = await checked(ada, schemas.sessionView, "POST", "/api/sessions", {});
    await sendJson(ada, old.id, "my quokka photos");
    await db().session.update({ where: { id: old.id }, data: { lastMessageAt: new Date(Date.now() - 86_400_000) } });
    const since = Date.now() - 3_600_000;
    await db().session.createMany({
      data: Array.from({ length: 600 }, (_, i) => ({ userId: ada.userId, model: "test-model", title: i % 3 === 0 ? `walrus notes ${i}` : `plain ${i}`, lastMessageAt: new Date(since + i * 1_000) })),
    });
    const rare = await checked(ada, schemas.sessionPage, "GET", "/api/sessions?q=quokk");
    expect(rare.sessions.map((s) => s.id)).toEqual([old.id]);
    expect(rare.sessions[0]!.snippet).toContain("quokka");
    // Page through the 200 walrus sessions: all of them, newest first, each once.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: z.infer<typeof schemas.sessionPage> = await checked(ada, schemas.sessionPage, "GET", `/api/sessions?q=walrus&limit=50${cursor ? `&cursor=${cursor}` : ""}`);
      seen.push(...page.sessions.map((s) => s.title));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(Array.from({ length: 200 }, (_, k) => `walrus notes ${597 - 3 * k}`));
  });
});

describe("history", () => {
  it("pages along the visible thread, oldest first, with parts, status, usage and timestamps", async () => {
    const ada = await browserUser();
    const session = await checked(ada, schemas.sessionView, "POST", "/api/sessions", {});
    for (let i = 1; i <= 5; i++) await sendJson(ada, session.id, `message ${i}`);
    const first = await checked(ada, schemas.historyPage, "GET", `/api/sessions/${session.id}/messages?limit=4`);
    expect(first.messages.map((m) => m.text)).toEqual(["message 4", "Echo: message 4 (turn 4)", "message 5", "Echo: message 5 (turn 5)"]);
    const reply = first.messages[1]!;
    expect(reply).toMatchObject({ role: "assistant", status: "complete", model: "test-model", usage: { outputTokens: expect.any(Number) } });
    expect(reply.parts).toContainEqual({ type: "text", text: "Echo: message 4 (turn 4)", state: "done" });
    const rest: string[] = [];
    let cursor = first.nextCursor;
    while (cursor) {
      const page: z.infer<typeof schemas.historyPage> = await checked(ada, schemas.historyPage, "GET", `/api/sessions/${session.id}/messages?limit=4&before=${cursor}`);
      rest.unshift(...page.messages.map((m) => m.text));
      cursor = page.nextCursor;
    }
    expect(rest).toEqual(["message 1", "Echo: message 1 (turn 1)", "message 2", "Echo: message 2 (turn 2)", "message 3", "Echo: message 3 (turn 3)"]);
    const empty = await checked(ada, schemas.sessionView, "POST", "/api/sessions", {});
    expect(await checked(ada, schemas.historyPage, "GET", `/api/sessions/${empty.id}/messages`)).toEqual({ messages: [], nextCursor: null, versions: {} });
  });

  it("GET /stream answers 204 when no reply runs", async () => {
    const ada = await browserUser();
    const session = await checked(ada, schemas.sessionView, "POST", "/api/sessions", {});
    expect((await ada.call("GET", `/api/sessions/${session.id}/stream`)).status).toBe(204);
  });

  it("GET /stream replays a running reply from its first chunk and follows it to the end", async () => {
    const ada = await browserUser();
    const session = await checked(ada, schemas.sessionView, "POST", "/api/sessions", {});
    const original = await ada.call("POST", `/api/sessions/${session.id}/messages`, { body: { message: "resume me [[tokens:40]] [[delay:10]]" } });
    const reader = original.body!.getReader();
    await reader.read();
    await reader.cancel(); // the first tab closes mid-reply
    const resumed = await readSse(await ada.call("GET", `/api/sessions/${session.id}/stream`));
    expect(resumed.chunks[0]).toMatchObject({ type: "start" });
    expect(resumed.chunks.filter((c) => c.type === "text-delta")).toHaveLength(40);
    expect(resumed.done).toBe(true);
  });
});

describe("roles", () => {
  it("lists built-in and own roles; creates, edits and deletes own roles; built-ins cannot be changed", async () => {
    const ada = await browserUser();
    const builtins = await checked(ada, schemas.rolesList, "GET", "/api/roles");
    expect(builtins.roles.filter((r) => r.builtin).map((r) => r.id)).toEqual(expect.arrayContaining(["assistant", "teacher", "programmer", "translator", "writer"]));
    const mine = await checked(ada, schemas.roleView, "POST", "/api/roles", { name: "Haiku poet", systemPrompt: "Answer in haiku." });
    expect(mine).toMatchObject({ name: "Haiku poet", description: "", builtin: false });
    const listed = await checked(ada, schemas.rolesList, "GET", "/api/roles");
    expect(listed.roles.at(-1)!.id).toBe(mine.id);
    expect(await checked(ada, schemas.roleView, "PATCH", `/api/roles/${mine.id}`, { description: "5-7-5" })).toMatchObject({ description: "5-7-5", name: "Haiku poet" });
    expect(await checked(ada, schemas.roleView, "GET", `/api/roles/${mine.id}`)).toMatchObject({ description: "5-7-5" });

    // A session using the role hands its prompt to the model; deleting the role leaves the session role-less.
    const session = await checked(ada, schemas.sessionView, "POST", "/api/sessions", { roleId: mine.id });
    expect((await ada.call("PATCH", "/api/roles/teacher", { body: { name: "x" } })).status).toBe(403);
    expect((await ada.call("DELETE", "/api/roles/teacher")).status).toBe(403);
    expect((await ada.call("DELETE", `/api/roles/${mine.id}`)).status).toBe(204);
    expect((await checked(ada, schemas.sessionView, "GET", `/api/sessions/${session.id}`)).roleId).toBeNull();
    expect((await ada.call("GET", `/api/roles/${mine.id}`)).status).toBe(404);
  });
});

describe("models and health", () => {
  it("lists the configured models", async () => {
    const ada = await browserUser();
    expect(await checked(ada, schemas.modelsList, "GET", "/api/models")).toEqual({
      models: [
        { id: "test-model", label: "test-model", local: false, default: true, vision: false },
        { id: "test-model-2", label: "test-model-2", local: false, default: false, vision: true },
      ],
    });
  });

  it("health needs no credentials and matches its schema", async () => {
    const response = await call("GET", "/api/health");
    expect(response.status).toBe(200);
    schemas.healthView.parse(await response.json());
  });
});

describe("usage statistics", () => {
  it("counts messages, tokens and cost per model and per day; a reset starts a new period and keeps history", async () => {
    const ada = await browserUser();
    const one = await checked(ada, schemas.sessionView, "POST", "/api/sessions", { model: "test-model" });
    const two = await checked(ada, schemas.sessionView, "POST", "/api/sessions", { model: "test-model-2" });
    const r1 = await sendJson(ada, one.id, "first");
    const r2 = await sendJson(ada, one.id, "second");
    const r3 = await sendJson(ada, two.id, "third");
    const stats = await checked(ada, schemas.statsView, "GET", "/api/stats");
    const sum = (key: "inputTokens" | "outputTokens", rows: typeof r1[]) => rows.reduce((t, r) => t + (r.usage?.[key] ?? 0), 0);
    expect(stats.totals).toMatchObject({ messages: 6, replies: 3, inputTokens: sum("inputTokens", [r1, r2, r3]), outputTokens: sum("outputTokens", [r1, r2, r3]) });
    expect(stats.byModel.map((m) => [m.model, m.replies])).toEqual([
      ["test-model", 2],
      ["test-model-2", 1],
    ]);
    expect(stats.byModel[0]!.outputTokens).toBe(sum("outputTokens", [r1, r2]));
    expect(stats.byDay).toEqual([expect.objectContaining({ day: new Date().toISOString().slice(0, 10), messages: 6, replies: 3 })]);

    const reset = await checked(ada, schemas.statsView, "POST", "/api/stats/reset", undefined, 200);
    expect(reset.totals).toMatchObject({ messages: 0, replies: 0, inputTokens: 0, cost: 0 });
    expect(new Date(reset.since).getTime()).toBeGreaterThan(new Date(stats.since).getTime());
    expect(await db().message.count({ where: { session: { userId: ada.userId } } })).toBe(6);
    await sendJson(ada, two.id, "after reset");
    expect((await checked(ada, schemas.statsView, "GET", "/api/stats")).totals).toMatchObject({ messages: 2, replies: 1 });
  });
});

describe("accounts", () => {
  it("a guest registers and keeps their sessions, then logs in from another browser and sees them", async () => {
    const guest = await browserUser();
    const session = await checked(guest, schemas.sessionView, "POST", "/api/sessions", { title: "Before registering" });
    expect(await checked(guest, schemas.userView, "GET", "/api/auth/me")).toEqual({ user: { id: guest.userId, name: null, guest: true, admin: false, createdAt: expect.any(String), preferences: {} } });
    const name = `ada-${Math.random().toString(36).slice(2, 8)}`;
    const registering = await guest.call("POST", "/api/auth/register", { body: { name, password: "correct horse" } });
    expect(registering.status).toBe(201);
    const registered = schemas.userView.parse(await registering.json());
    // A new account (the guest is gone) with a new session: the guest's cookie no longer works.
    expect(registered.user).toMatchObject({ name, guest: false, admin: false });
    expect(registered.user.id).not.toBe(guest.userId);
    expect((await guest.call("GET", "/api/auth/me")).status).toBe(401);
    const registeredCookie = registering.headers.getSetCookie()[0]!.split(";")[0]!;
    const again = await call("POST", "/api/auth/register", { body: { name: `${name}x`, password: "correct horse" }, headers: { cookie: registeredCookie } });
    expect(again.status).toBe(409);
    expect((await again.json()).error.code).toBe("already_registered");

    // Another browser: a new guest with a session of its own, who then logs in.
    const laptop = await browserUser();
    const laptopSession = await checked(laptop, schemas.sessionView, "POST", "/api/sessions", { title: "Made on the laptop" });
    const wrong = await laptop.call("POST", "/api/auth/login", { body: { name, password: "wrong password" } });
    expect(wrong.status).toBe(401);
    expect((await wrong.json()).error.code).toBe("invalid_credentials");
    const login = await laptop.call("POST", "/api/auth/login", { body: { name, password: "correct horse" } });
    expect(login.status).toBe(200);
    const setCookie = login.headers.get("set-cookie")!;
    expect(setCookie).toMatch(/^parley\.session=.+; Max-Age=\d+; Path=\/; HttpOnly; SameSite=Lax/);
    const cookie = setCookie.split(";")[0]!;
    const asAda = await call("GET", "/api/sessions", { headers: { cookie } });
    const titles = schemas.sessionPage.parse(await asAda.json()).sessions.map((s) => s.title);
    expect(titles.sort()).toEqual(["Before registering", "Made on the laptop"]);
    expect(session.id).toBeDefined();
    expect(laptopSession.id).toBeDefined();

    const logout = await call("POST", "/api/auth/logout", { headers: { cookie } });
    expect(logout.status).toBe(204);
    expect(logout.headers.get("set-cookie")).toMatch(/^parley\.session=; .*Max-Age=0/);
    // The session ended: the cookie saved before logging out no longer works.
    expect((await call("GET", "/api/sessions", { headers: { cookie } })).status).toBe(401);
  });

  it("a taken name is refused", async () => {
    const first = await browserUser();
    const name = `bob-${Math.random().toString(36).slice(2, 8)}`;
    await checked(first, schemas.userView, "POST", "/api/auth/register", { name, password: "a password one" });
    const second = await browserUser();
    const taken = await second.call("POST", "/api/auth/register", { body: { name, password: "a password two" } });
    expect(taken.status).toBe(409);
    expect((await taken.json()).error.code).toBe("name_taken");
  });
});

describe("tokens", () => {
  it("creates (shown once), lists and revokes tokens", async () => {
    const ada = await browserUser();
    const created = await checked(ada, schemas.createdToken, "POST", "/api/tokens", { name: "laptop" });
    expect(created.token).toMatch(/^pk_/);
    const listed = await checked(ada, schemas.tokensList, "GET", "/api/tokens");
    expect(listed.tokens).toEqual([{ id: created.id, name: "laptop", access: "read-write", expiresAt: null, createdAt: created.createdAt, lastUsedAt: null, revokedAt: null }]);
    expect((await ada.call("DELETE", `/api/tokens/${created.id}`)).status).toBe(204);
    expect((await checked(ada, schemas.tokensList, "GET", "/api/tokens")).tokens[0]!.revokedAt).not.toBeNull();
  });
});

/** Every route file under app/api and the methods it exports, as OpenAPI paths. */
function routesOnDisk(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name === "route.ts") found.push(full);
    }
  };
  walk("app/api");
  walk("app/v1");
  return found;
}

describe("OpenAPI", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const response = await call("GET", "/api/openapi.json");
    const document = await response.json();
    expect(document.openapi).toBe("3.1.0");
    const result = await validate(structuredClone(document));
    expect(result.valid ? [] : result.errors).toEqual([]);
  });

  it("lists every route and method the app serves, and nothing else", async () => {
    const documented = new Set<string>();
    const document = await (await call("GET", "/api/openapi.json")).json();
    for (const [p, item] of Object.entries(document.paths as Record<string, object>)) {
      for (const method of Object.keys(item)) documented.add(`${method.toUpperCase()} ${p}`);
    }
    const served = new Set<string>();
    // The catch-all only answers 404 for paths that do not exist.
    for (const file of routesOnDisk().filter((f) => !f.includes("[...path]"))) {
      const route = "/" + path.dirname(file).replace(/^app\//, "").replace(/\[(?:\.\.\.)?(\w+)\]/g, "{$1}");
      const handlers = (await import(/* @vite-ignore */ path.resolve(file))) as Record<string, unknown>;
      for (const method of ["GET", "POST", "PATCH", "PUT", "DELETE"]) {
        const handler = handlers[method];
        if (typeof handler === "function" && !(handler as { refusesMethod?: boolean }).refusesMethod) served.add(`${method} ${route}`);
      }
    }
    expect([...documented].sort()).toEqual([...served].sort());
  });

  it("documents the error responses each route can give", async () => {
    const document = await (await call("GET", "/api/openapi.json")).json();
    const send = document.paths["/api/sessions/{id}/messages"].post;
    expect(Object.keys(send.responses).sort()).toEqual(["200", "400", "401", "403", "404", "409", "413", "415", "422", "429", "502", "503", "504"]);
    expect(Object.keys(send.responses["200"].content).sort()).toEqual(["application/json", "text/event-stream"]);
  });
});

describe("tokens on the CLI's routes", () => {
  it("a program can do a whole turn with only a token", async () => {
    const program = await tokenUser();
    const session = await checked(program, schemas.sessionView, "POST", "/api/sessions", { roleId: "translator" });
    const { chunks } = await readSse(await program.call("POST", `/api/sessions/${session.id}/messages`, { body: { message: "bonjour" } }));
    expect(chunks.some((c) => c.type === "finish")).toBe(true);
    const history = await checked(program, schemas.historyPage, "GET", `/api/sessions/${session.id}/messages`);
    expect(history.messages.map((m) => m.role)).toEqual(["user", "assistant"]);
  });
});
