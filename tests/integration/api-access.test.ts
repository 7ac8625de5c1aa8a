// Who may see what: isolation between users on every verb, tokens, cookies and
// cross-origin writes, and bad input that is refused with nothing written.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { browserUser, call, readSse, tokenUser, type Client } from "../support/api";

async function aliceWithEverything() {
  const alice = await browserUser();
  const session = await alice.json<{ id: string }>("POST", "/api/sessions", { body: { title: "Alice's plans" } });
  const reply = await alice.call("POST", `/api/sessions/${session.id}/messages`, { body: { message: "secret plans" }, headers: { accept: "application/json" } });
  const message = (await reply.json()) as { id: string };
  const role = await alice.json<{ id: string }>("POST", "/api/roles", { body: { name: "Alice's role", systemPrompt: "Be Alice." } });
  const token = await tokenUser(alice);
  return { alice, session, message, role, token };
}

async function rowCounts() {
  const prisma = db();
  const [users, sessions, messages, roles, tokens] = await Promise.all([
    prisma.user.count(),
    prisma.session.count(),
    prisma.message.count(),
    prisma.role.count(),
    prisma.apiToken.count(),
  ]);
  return { users, sessions, messages, roles, tokens };
}

describe("isolation", () => {
  it("user B gets 404 on each of user A's ids, for every verb, and changes nothing", async () => {
    const { session, message, role, token } = await aliceWithEverything();
    for (const bob of [await browserUser(), await tokenUser()]) {
      await bob.call("GET", "/api/sessions"); // a new guest's row appears with their first request
      const before = await rowCounts();
      const attempts: Array<[string, string, object?]> = [
        ["GET", `/api/sessions/${session.id}`],
        ["PATCH", `/api/sessions/${session.id}`, { title: "mine now" }],
        ["DELETE", `/api/sessions/${session.id}`],
        ["GET", `/api/sessions/${session.id}/messages`],
        ["GET", `/api/sessions/${session.id}/messages?before=${message.id}`],
        ["POST", `/api/sessions/${session.id}/messages`, { message: "let me in" }],
        ["POST", `/api/sessions/${session.id}/messages`, { regenerate: true }],
        ["GET", `/api/sessions/${session.id}/stream`],
        ["POST", `/api/sessions/${session.id}/stop`],
        ["GET", `/api/roles/${role.id}`],
        ["PATCH", `/api/roles/${role.id}`, { name: "stolen" }],
        ["DELETE", `/api/roles/${role.id}`],
        ["DELETE", `/api/tokens/${token.tokenId}`],
      ];
      for (const [method, path, body] of attempts) {
        const response = await bob.call(method, path, body ? { body } : {});
        expect([method, path, response.status]).toEqual([method, path, 404]);
        expect(await response.json()).toEqual({ error: { code: "not_found", message: expect.any(String) } });
      }
      // Nor does it leak into lists or search.
      const list = await bob.json<{ sessions: unknown[] }>("GET", "/api/sessions?q=secret");
      expect(list.sessions).toEqual([]);
      const roles = await bob.json<{ roles: Array<{ id: string }> }>("GET", "/api/roles");
      expect(roles.roles.map((r) => r.id)).not.toContain(role.id);
      expect(await rowCounts()).toEqual(before);
    }
    // Alice's things are intact, and her token still works.
    expect(await token.json("GET", `/api/sessions/${session.id}`)).toMatchObject({ title: "Alice's plans" });
  });

  it("a malformed or unknown id is simply not found", async () => {
    const bob = await browserUser();
    for (const path of ["/api/sessions/not-a-uuid", "/api/sessions/00000000-0000-4000-8000-000000000000", "/api/roles/nope"]) {
      expect((await bob.call("GET", path)).status).toBe(404);
    }
  });
});

describe("credentials", () => {
  it("without credentials every API route but health, docs and login answers 401", async () => {
    const paths: Array<[string, string]> = [
      ["GET", "/api/sessions"],
      ["POST", "/api/sessions"],
      ["GET", "/api/models"],
      ["GET", "/api/roles"],
      ["GET", "/api/stats"],
      ["GET", "/api/tokens"],
      ["GET", "/api/auth/me"],
    ];
    for (const [method, path] of paths) {
      const response = await call(method, path, { body: method === "POST" ? {} : undefined });
      expect([path, response.status]).toEqual([path, 401]);
      expect((await response.json()).error.code).toBe("unauthenticated");
    }
    expect((await call("GET", "/api/health")).status).toBe(200);
    expect((await call("GET", "/api/openapi.json")).status).toBe(200);
  });

  it("a bearer token works on every API route; a revoked or unknown one gets 401", async () => {
    const program = await tokenUser();
    const session = await program.json<{ id: string }>("POST", "/api/sessions", { body: {} });
    const sent = await program.call("POST", `/api/sessions/${session.id}/messages`, { body: { message: "from a script" } });
    expect((await readSse(sent)).done).toBe(true);
    for (const path of ["/api/sessions", `/api/sessions/${session.id}`, `/api/sessions/${session.id}/messages`, "/api/models", "/api/roles", "/api/stats", "/api/tokens", "/api/auth/me"]) {
      expect([path, (await program.call("GET", path)).status]).toEqual([path, 200]);
    }
    const tokens = await program.json<{ tokens: Array<{ id: string; lastUsedAt: string | null }> }>("GET", "/api/tokens");
    expect(tokens.tokens.find((t) => t.id === program.tokenId)?.lastUsedAt).not.toBeNull();
    expect(JSON.stringify(tokens)).not.toContain(program.token);

    expect((await program.call("DELETE", `/api/tokens/${program.tokenId}`)).status).toBe(204);
    const revoked = await program.call("GET", "/api/sessions");
    expect(revoked.status).toBe(401);
    expect((await revoked.json()).error.code).toBe("invalid_token");

    const unknown = await call("GET", "/api/sessions", { headers: { authorization: "Bearer pk_not-a-real-token-at-all-0000000" } });
    expect(unknown.status).toBe(401);
    // A bad token is refused even when a valid cookie comes with it.
    const browser = await browserUser();
    const both = await browser.call("GET", "/api/sessions", { headers: { authorization: "Bearer nope" } });
    expect(both.status).toBe(401);
  });

  it("the token is stored only as a hash", async () => {
    const program = await tokenUser();
    const row = await db().apiToken.findUniqueOrThrow({ where: { id: program.tokenId } });
    expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(program.token);
  });

  it("cookie-authenticated writes from another origin are refused with 403; reads and token writes are not", async () => {
    const alice = await browserUser();
    const session = await alice.json<{ id: string }>("POST", "/api/sessions", { body: {} });
    const before = await rowCounts();
    const evil = { origin: "https://evil.example", "sec-fetch-site": "cross-site" };
    const writes: Array<[string, string, object?]> = [
      ["POST", "/api/sessions", {}],
      ["PATCH", `/api/sessions/${session.id}`, { title: "hacked" }],
      ["DELETE", `/api/sessions/${session.id}`],
      ["POST", `/api/sessions/${session.id}/messages`, { message: "csrf" }],
      ["POST", `/api/sessions/${session.id}/stop`],
      ["POST", "/api/roles", { name: "x", systemPrompt: "y" }],
      ["POST", "/api/tokens", { name: "x" }],
      ["POST", "/api/stats/reset"],
      ["POST", "/api/auth/register", { name: "evil-name", password: "password123" }],
      ["POST", "/api/auth/login", { name: "evil-name", password: "password123" }],
      ["POST", "/api/auth/logout"],
    ];
    for (const [method, path, body] of writes) {
      const response = await alice.call(method, path, { body, headers: evil });
      expect([path, response.status]).toEqual([path, 403]);
    }
    // Origin alone (older browsers send no Sec-Fetch-Site) is checked too.
    const originOnly = await call("POST", "/api/sessions", { body: {}, headers: { cookie: alice.cookie!, origin: "https://evil.example" } });
    expect(originOnly.status).toBe(403);
    expect(await rowCounts()).toEqual(before);
    expect((await alice.call("GET", "/api/sessions", { headers: evil })).status).toBe(200);
    const program = await tokenUser(alice);
    expect((await program.call("POST", "/api/sessions", { body: {}, headers: evil })).status).toBe(201);
  });
});

describe("bad input: the right status, the JSON error shape, nothing written", () => {
  async function expectRefused(client: Client, method: string, path: string, options: Parameters<Client["call"]>[2], status: number, code: string) {
    await client.call("GET", "/api/auth/me");
    const before = await rowCounts();
    const response = await client.call(method, path, options);
    expect([method, path, response.status]).toEqual([method, path, status]);
    expect(await response.json()).toEqual({ error: { code, message: expect.any(String) } });
    expect(await rowCounts()).toEqual(before);
  }

  it("refuses malformed JSON, wrong types, unknown fields, oversized bodies, other media types", async () => {
    const alice = await browserUser();
    const session = await alice.json<{ id: string }>("POST", "/api/sessions", { body: {} });
    const routes: Array<[string, string]> = [
      ["POST", "/api/sessions"],
      ["PATCH", `/api/sessions/${session.id}`],
      ["POST", `/api/sessions/${session.id}/messages`],
      ["POST", "/api/roles"],
      ["POST", "/api/tokens"],
      ["POST", "/api/auth/register"],
    ];
    for (const [method, path] of routes) {
      await expectRefused(alice, method, path, { rawBody: '{"title": ', headers: { "content-type": "application/json" } }, 400, "invalid_json");
      await expectRefused(alice, method, path, { body: { title: 42, message: 7, name: 3, systemPrompt: false, password: 1 } }, 422, "invalid_body");
      await expectRefused(alice, method, path, { body: { surprise: true } }, 422, "invalid_body");
      await expectRefused(alice, method, path, { rawBody: JSON.stringify({ message: "x".repeat(300_000) }), headers: { "content-type": "application/json" } }, 413, "body_too_large");
      await expectRefused(alice, method, path, { rawBody: "message=hi", headers: { "content-type": "application/x-www-form-urlencoded" } }, 415, "unsupported_media_type");
    }
  });

  it("names the unknown field and the limit that was passed", async () => {
    const alice = await browserUser();
    const session = await alice.json<{ id: string }>("POST", "/api/sessions", { body: {} });
    const unknown = await alice.call("POST", "/api/sessions", { body: { titel: "typo" } });
    expect((await unknown.json()).error.message).toContain('unknown field(s) "titel"');
    const long = await alice.call("POST", `/api/sessions/${session.id}/messages`, { body: { message: "x".repeat(32_001) } });
    expect(long.status).toBe(422);
    expect((await long.json()).error.message).toMatch(/message.*at most 32000 characters/);
    const title = await alice.call("PATCH", `/api/sessions/${session.id}`, { body: { title: "t".repeat(201) } });
    expect(title.status).toBe(422);
    const page = await alice.call("GET", "/api/sessions?limit=1000");
    expect(page.status).toBe(422);
    expect((await page.json()).error.message).toMatch(/limit: expected at most 100/);
    const cursor = await alice.call("GET", "/api/sessions?cursor=garbage");
    expect(cursor.status).toBe(422);
    const empty = await alice.call("POST", `/api/sessions/${session.id}/messages`, { body: { message: "   " } });
    expect(empty.status).toBe(422);
    const unknownRole = await alice.call("POST", "/api/sessions", { body: { roleId: "no-such-role" } });
    expect(unknownRole.status).toBe(422);
    const unknownModel = await alice.call("POST", "/api/sessions", { body: { model: "gpt-99" } });
    expect((await unknownModel.json()).error.code).toBe("unknown_model");
  });
});
