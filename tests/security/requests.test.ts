// Hostile requests at the route handlers: crafted cursors, bad query strings and
// wrong methods get the API's JSON error with the right status, never a 500.
import { afterEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { browserUser, call } from "../support/api";

afterEach(() => {
  vi.unstubAllEnvs();
});

const cursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
const UUID = "0b8f3c4e-2a1d-4c6b-9e7f-1a2b3c4d5e6f";

describe("crafted cursors", () => {
  const crafted: Record<string, string> = {
    "not base64 JSON": "!!!",
    "JSON of the wrong shape": cursor({ a: 1 }),
    "a date before the database's range": cursor([false, "-271821-04-20T00:00:00.000Z", UUID]),
    "a date after any real one": cursor([false, "+275760-09-13T00:00:00.000Z", UUID]),
    "an id of 36 dashes": cursor([false, "2026-01-01T00:00:00.000Z", "-".repeat(36)]),
    "an id that is no UUID": cursor([true, "2026-01-01T00:00:00.000Z", "' OR 1=1 --"]),
    "a number for the flag": cursor([1, "2026-01-01T00:00:00.000Z", UUID]),
  };
  for (const [what, value] of Object.entries(crafted)) {
    it(`${what}: 422 invalid_cursor`, async () => {
      const ada = await browserUser();
      for (const q of ["", "&q=hello", "&q=机器学习"]) {
        const response = await ada.call("GET", `/api/sessions?cursor=${encodeURIComponent(value)}${q}`);
        expect(response.status).toBe(422);
        expect((await response.json()).error.code).toBe("invalid_cursor");
      }
    });
  }

  it("a foreign or unknown message as ?before= is 422, not someone else's history", async () => {
    const [ada, bob] = [await browserUser(), await browserUser()];
    const session = await ada.json<{ id: string }>("POST", "/api/sessions", { body: {} });
    const theirs = await bob.json<{ id: string }>("POST", "/api/sessions", { body: {} });
    await bob.json("POST", `/api/sessions/${theirs.id}/messages`, { body: { message: "secret [[tokens:2]]" }, headers: { accept: "application/json" } });
    const [bobsMessage] = (await bob.json<{ messages: Array<{ id: string }> }>("GET", `/api/sessions/${theirs.id}/messages`)).messages;
    for (const before of [bobsMessage!.id, UUID]) {
      const response = await ada.call("GET", `/api/sessions/${session.id}/messages?before=${before}`);
      expect(response.status).toBe(422);
      expect((await response.json()).error.code).toBe("invalid_cursor");
    }
  });
});

describe("query strings", () => {
  it("errors name the field as query.<name>", async () => {
    const ada = await browserUser();
    for (const path of ["/api/sessions?limit=0", "/api/sessions?limit=abc", "/api/sessions?limit=100000"]) {
      const response = await ada.call("GET", path);
      expect(response.status).toBe(422);
      const { error } = await response.json();
      expect(error.code).toBe("invalid_query");
      expect(error.message).toMatch(/^query\.limit: /);
    }
  });
});

describe("methods", () => {
  it("a method a path does not serve is 405 JSON with Allow", async () => {
    const ada = await browserUser();
    const cases: Array<[string, string, string]> = [
      ["PUT", "/api/sessions", "GET, POST, HEAD, OPTIONS"],
      ["DELETE", "/api/sessions", "GET, POST, HEAD, OPTIONS"],
      ["POST", `/api/sessions/${UUID}`, "GET, PATCH, DELETE, HEAD, OPTIONS"],
      ["GET", "/api/auth/login", "POST, OPTIONS"],
      ["PATCH", "/api/health", "GET, HEAD, OPTIONS"],
      ["GET", `/api/tokens/${UUID}`, "DELETE, OPTIONS"],
    ];
    for (const [method, path, allow] of cases) {
      const response = await ada.call(method, path);
      expect(response.status, `${method} ${path}`).toBe(405);
      expect(response.headers.get("allow")).toBe(allow);
      expect((await response.json()).error.code).toBe("method_not_allowed");
    }
  });
});

describe("login throttling", () => {
  it("failures from elsewhere cannot lock the owner out; a success starts the count over", async () => {
    vi.stubEnv("PARLEY_RATE_LOGINS_PER_NAME", "3/300");
    vi.stubEnv("PARLEY_RATE_LOGINS_PER_IP", "off");
    vi.resetModules();
    const owner = await browserUser();
    const name = `victim${Date.now()}`;
    const password = "a long enough passphrase 秘密";
    expect((await owner.call("POST", "/api/auth/register", { body: { name, password } })).status).toBe(201);
    const login = (as: string, secret: string, ip: string) =>
      call("POST", "/api/auth/login", { body: { name: as, password: secret }, headers: { "x-forwarded-for": ip } });

    // An attacker hammers the name from one address, then from others.
    const attacker = [];
    for (let i = 0; i < 5; i++) attacker.push((await login(name.toUpperCase(), "wrong-guess-123", "203.0.113.66")).status);
    expect(attacker).toEqual([401, 401, 401, 429, 429]);
    for (let i = 1; i <= 20; i++) await login(name, "wrong-guess-123", `203.0.113.${100 + i}`);

    // The owner, from their own address, still gets in.
    expect((await login(name, password, "192.0.2.7")).status).toBe(200);
    // Two typos, a success, then three more typos before being made to wait.
    const owners = [];
    for (const secret of ["typo-typo-typo", "typo-typo-typo", password, "typo-typo-typo", "typo-typo-typo", "typo-typo-typo", password]) owners.push((await login(name, secret, "192.0.2.7")).status);
    expect(owners).toEqual([401, 401, 200, 401, 401, 401, 429]);
  });
});

describe("NUL characters and unpaired surrogates", () => {
  it("in any text field of any route: 422 naming the field, nothing written", async () => {
    const ada = await browserUser();
    const session = await ada.json<{ id: string }>("POST", "/api/sessions", { body: { title: "clean" } });
    const role = await ada.json<{ id: string }>("POST", "/api/roles", { body: { name: "clean", systemPrompt: "clean" } });
    const good = "a long enough passphrase 秘密";
    const someone = `nobody${Math.random().toString(36).slice(2, 8)}`;
    const fields: Array<[string, string, (bad: string) => object, string]> = [
      ["POST", "/api/sessions", (bad) => ({ title: bad }), "title"],
      ["POST", "/api/sessions", (bad) => ({ systemPrompt: bad }), "systemPrompt"],
      ["PATCH", `/api/sessions/${session.id}`, (bad) => ({ title: bad }), "title"],
      ["PATCH", `/api/sessions/${session.id}`, (bad) => ({ systemPrompt: bad }), "systemPrompt"],
      ["POST", `/api/sessions/${session.id}/messages`, (bad) => ({ message: "hi", clientMessageId: bad }), "clientMessageId"],
      ["POST", "/api/roles", (bad) => ({ name: bad, systemPrompt: "x" }), "name"],
      ["POST", "/api/roles", (bad) => ({ name: "x", description: bad, systemPrompt: "x" }), "description"],
      ["POST", "/api/roles", (bad) => ({ name: "x", systemPrompt: bad }), "systemPrompt"],
      ["PATCH", `/api/roles/${role.id}`, (bad) => ({ systemPrompt: bad }), "systemPrompt"],
      ["POST", "/api/tokens", (bad) => ({ name: bad }), "name"],
      ["POST", "/api/auth/register", (bad) => ({ name: `${someone}${bad}`, password: good }), "name"],
      ["POST", "/api/auth/register", (bad) => ({ name: someone, password: `${good}${bad}` }), "password"],
      ["POST", "/api/auth/login", (bad) => ({ name: someone, password: `${good}${bad}` }), "password"],
      ["POST", "/api/auth/password", (bad) => ({ currentPassword: `${good}${bad}`, newPassword: good }), "currentPassword"],
      ["POST", "/api/auth/password", (bad) => ({ currentPassword: good, newPassword: `${good}${bad}` }), "newPassword"],
      ["PATCH", "/api/auth/me", (bad) => ({ preferences: { defaultRoleId: bad } }), "preferences.defaultRoleId"],
      ["PATCH", "/api/auth/me", (bad) => ({ preferences: { defaultModel: bad } }), "preferences.defaultModel"],
      ["DELETE", "/api/auth/me", (bad) => ({ password: `${good}${bad}` }), "password"],
    ];
    // Only this user's rows: other test files write to the same database meanwhile.
    const counts = () =>
      Promise.all([
        db().session.count({ where: { userId: ada.userId } }),
        db().role.count({ where: { userId: ada.userId } }),
        db().apiToken.count({ where: { userId: ada.userId } }),
        db().message.count({ where: { sessionId: session.id } }),
        db().user.count({ where: { name: { startsWith: someone } } }),
      ]);
    const before = await counts();
    for (const [method, path, body, field] of fields) {
      for (const bad of ["nul\u0000", "half \ud83d emoji"]) {
        const response = await ada.call(method, path, { body: body(bad) });
        expect([method, path, field, response.status]).toEqual([method, path, field, 422]);
        const { error } = (await response.json()) as { error: { code: string; message: string } };
        expect(error.code).toBe("invalid_body");
        expect(error.message).toContain(field);
        expect(error.message).toMatch(/NUL|surrogate/);
      }
    }
    expect(await counts()).toEqual(before);
  });
});
