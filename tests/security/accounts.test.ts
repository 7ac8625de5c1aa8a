// Accounts as an attacker and a careless client would use them: sessions that
// really end, registrations that cannot be raced or flooded, names that cannot
// be imitated, passwords that are not guessable, tokens that cannot breed, and
// guests the operator controls.
import { NextRequest } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { browserUser, call, guestCookie, ORIGIN, tokenUser, type Client } from "../support/api";

afterEach(() => {
  vi.unstubAllEnvs();
  // Modules read the configuration once: the next test's imports see the defaults again.
  vi.resetModules();
});

const unique = () => Math.random().toString(36).slice(2, 8);
const PASSWORD = "a long enough passphrase 秘密";
const sameSite = { origin: ORIGIN, "sec-fetch-site": "same-origin" };

/** The session cookie (name=value) a response sets. */
function sessionCookie(response: Response): string {
  const cookie = response.headers.getSetCookie().find((c) => /parley\.session=[^;]/.test(c));
  expect(cookie, "a session cookie").toBeDefined();
  return cookie!.split(";")[0]!;
}

const asCookie = (cookie: string, method: string, path: string, body?: unknown) =>
  call(method, path, { body, headers: { cookie, ...sameSite } });

async function registered(client: Client, name = `user${unique()}`): Promise<{ name: string; cookie: string; userId: string }> {
  const response = await client.call("POST", "/api/auth/register", { body: { name, password: PASSWORD } });
  expect(response.status).toBe(201);
  const cookie = sessionCookie(response);
  return { name, cookie, userId: ((await response.json()) as { user: { id: string } }).user.id };
}

async function loggedIn(name: string, password = PASSWORD): Promise<string> {
  const response = await call("POST", "/api/auth/login", { body: { name, password }, headers: sameSite });
  expect(response.status).toBe(200);
  return sessionCookie(response);
}

describe("sessions end when they should", () => {
  it("a cookie saved before logging out does not work afterwards", async () => {
    const { name } = await registered(await browserUser());
    const cookie = await loggedIn(name);
    expect((await asCookie(cookie, "GET", "/api/sessions")).status).toBe(200);
    expect((await asCookie(cookie, "POST", "/api/auth/logout")).status).toBe(204);
    const replayed = await asCookie(cookie, "GET", "/api/sessions");
    expect(replayed.status).toBe(401);
    expect((await replayed.json()).error.code).toBe("unauthenticated");
  });

  it("changing the password ends every other session; this browser carries on with a new cookie", async () => {
    const { name, cookie: first } = await registered(await browserUser());
    const [laptop, phone] = [await loggedIn(name), await loggedIn(name)];
    const wrong = await asCookie(laptop, "POST", "/api/auth/password", { currentPassword: "not it at all", newPassword: "another passphrase 2" });
    expect(wrong.status).toBe(403);
    expect((await wrong.json()).error.code).toBe("wrong_password");
    const weak = await asCookie(laptop, "POST", "/api/auth/password", { currentPassword: PASSWORD, newPassword: "1234567890" });
    expect(weak.status).toBe(422);

    const changed = await asCookie(laptop, "POST", "/api/auth/password", { currentPassword: PASSWORD, newPassword: "another passphrase 2" });
    expect(changed.status).toBe(204);
    const fresh = sessionCookie(changed);
    for (const old of [first, phone, laptop]) expect((await asCookie(old, "GET", "/api/auth/me")).status).toBe(401);
    expect((await asCookie(fresh, "GET", "/api/auth/me")).status).toBe(200);
    expect((await call("POST", "/api/auth/login", { body: { name, password: PASSWORD }, headers: sameSite })).status).toBe(401);
    await loggedIn(name, "another passphrase 2");
  });

  it("log out everywhere ends every session of the account; a token cannot do it", async () => {
    const { name, cookie: first } = await registered(await browserUser());
    const second = await loggedIn(name);
    const { token } = await (await asCookie(first, "POST", "/api/tokens", { name: "script" })).json();
    const program = (method: string, path: string) => call(method, path, { headers: { authorization: `Bearer ${token}` } });
    expect((await program("POST", "/api/auth/logout-everywhere")).status).toBe(403);
    expect((await asCookie(second, "POST", "/api/auth/logout-everywhere")).status).toBe(204);
    for (const cookie of [first, second]) expect((await asCookie(cookie, "GET", "/api/auth/me")).status).toBe(401);
    // Tokens are for programs and are revoked one by one: logging out does not end them.
    expect((await program("GET", "/api/auth/me")).status).toBe(200);
  });

  it("deleting the account takes its password, ends its sessions and deletes all its data; a token cannot do it", async () => {
    const { name, cookie, userId } = await registered(await browserUser());
    const other = await loggedIn(name);
    const session = await (await asCookie(cookie, "POST", "/api/sessions", { title: "会话 to go" })).json();
    const sent = await call("POST", `/api/sessions/${session.id}/messages`, { body: { message: "你好 [[tokens:3]]" }, headers: { cookie, ...sameSite, accept: "application/json" } });
    expect(sent.status).toBe(200);
    const { token } = await (await asCookie(cookie, "POST", "/api/tokens", { name: "script" })).json();
    expect((await call("DELETE", "/api/auth/me", { body: { password: PASSWORD }, headers: { authorization: `Bearer ${token}` } })).status).toBe(403);

    const missing = await asCookie(cookie, "DELETE", "/api/auth/me", {});
    expect(missing.status).toBe(422);
    expect((await missing.json()).error.code).toBe("password_required");
    const wrong = await asCookie(cookie, "DELETE", "/api/auth/me", { password: "not it at all" });
    expect(wrong.status).toBe(403);
    expect((await wrong.json()).error.code).toBe("wrong_password");
    expect((await asCookie(cookie, "DELETE", "/api/auth/me", { password: PASSWORD, extra: 1 })).status).toBe(422);
    expect(await db().session.count({ where: { userId } })).toBe(1);

    expect((await asCookie(cookie, "DELETE", "/api/auth/me", { password: PASSWORD })).status).toBe(204);
    for (const old of [cookie, other]) expect((await asCookie(old, "GET", "/api/auth/me")).status).toBe(401);
    expect((await call("GET", "/api/auth/me", { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
    expect(await db().user.count({ where: { id: userId } })).toBe(0);
    expect(await db().session.count({ where: { userId } })).toBe(0);
    expect(await db().message.count({ where: { sessionId: session.id } })).toBe(0);
    expect(await db().apiToken.count({ where: { userId } })).toBe(0);
    // The name is free again.
    expect((await call("POST", "/api/auth/login", { body: { name, password: PASSWORD }, headers: sameSite })).status).toBe(401);
  });

  it("a rename keeps the account and its password; a taken or look-alike name is 409, a guest or an admin's name 403", async () => {
    vi.stubEnv("PARLEY_ADMINS", "boss");
    const { name, cookie } = await registered(await browserUser());
    const { name: other } = await registered(await browserUser());
    const renamed = `${name}-新名`;
    const response = await asCookie(cookie, "PATCH", "/api/auth/me", { name: renamed });
    expect(response.status).toBe(200);
    expect((await response.json()).user.name).toBe(renamed);
    await loggedIn(renamed);
    expect((await call("POST", "/api/auth/login", { body: { name, password: PASSWORD }, headers: sameSite })).status).toBe(401);

    const taken = await asCookie(cookie, "PATCH", "/api/auth/me", { name: other.toUpperCase() });
    expect(taken.status).toBe(409);
    expect((await taken.json()).error.code).toBe("name_taken");
    expect((await asCookie(cookie, "PATCH", "/api/auth/me", { name: "BOSS" })).status).toBe(403);
    expect((await asCookie(cookie, "PATCH", "/api/auth/me", { name: "a b" })).status).toBe(422);
    const guest = await browserUser();
    expect((await guest.call("PATCH", "/api/auth/me", { body: { name: `guest${unique()}` } })).status).toBe(403);
  });

  it("a guest deletes what they made without a password", async () => {
    const guest = await browserUser();
    await guest.json("POST", "/api/sessions", { body: { title: "guest chat" } });
    expect((await guest.call("DELETE", "/api/auth/me", { body: {} })).status).toBe(204);
    expect(await db().user.count({ where: { id: guest.userId } })).toBe(0);
  });

  it("a guest's cookie stops working once the guest has registered or logged in (401, never 500)", async () => {
    const owner = await browserUser();
    const { name } = await registered(owner);
    expect((await owner.call("GET", "/api/sessions")).status).toBe(401);

    const guest = await browserUser();
    await guest.json("POST", "/api/sessions", { body: { title: "made as a guest" } });
    const login = await guest.call("POST", "/api/auth/login", { body: { name, password: PASSWORD } });
    expect(login.status).toBe(200);
    for (const path of ["/api/sessions", "/api/auth/me", "/api/roles"]) {
      const stale = await guest.call("GET", path);
      expect(stale.status).toBe(401);
    }
    expect((await guest.call("POST", "/api/sessions", { body: {} })).status).toBe(401);
    // The guest's chat went with them.
    const titles = (await (await asCookie(sessionCookie(login), "GET", "/api/sessions")).json()).sessions.map((s: { title: string }) => s.title);
    expect(titles).toContain("made as a guest");
  });
});

describe("registration", () => {
  it("a program registers without any browser visit and gets an API token in the same answer", async () => {
    const name = `bot${unique()}`;
    const response = await call("POST", "/api/auth/register", { body: { name, password: PASSWORD, token: { name: "ci", access: "read-only" } } });
    expect(response.status).toBe(201);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const { user, token } = (await response.json()) as { user: { id: string; name: string; guest: boolean }; token: { token: string; access: string } };
    expect(user).toMatchObject({ name, guest: false });
    expect(token.access).toBe("read-only");
    const me = await call("GET", "/api/auth/me", { headers: { authorization: `Bearer ${token.token}` } });
    expect((await me.json()).user.id).toBe(user.id);
    // Without `token`, no token; a bad token request refuses the whole registration.
    expect((await (await call("POST", "/api/auth/register", { body: { name: `bot${unique()}`, password: PASSWORD } })).json()).token).toBeUndefined();
    const refused = await call("POST", "/api/auth/register", { body: { name: `bot${unique()}`, password: PASSWORD, token: { name: "" } } });
    expect(refused.status).toBe(422);
  });

  it("racing registrations of one guest make one account; the others get 409", async () => {
    const guest = await browserUser();
    await guest.json("POST", "/api/sessions", { body: { title: "mine" } });
    const names = [1, 2, 3].map((i) => `race${i}${unique()}`);
    const answers = await Promise.all(names.map((name) => guest.call("POST", "/api/auth/register", { body: { name, password: PASSWORD } })));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([201, 409, 409]);
    const accounts = await db().user.count({ where: { name: { in: names } } });
    expect(accounts).toBe(1);
    const winner = answers.find((a) => a.status === 201)!;
    const titles = (await (await asCookie(sessionCookie(winner), "GET", "/api/sessions")).json()).sessions.map((s: { title: string }) => s.title);
    expect(titles).toEqual(["mine"]);
  });

  it("registrations per address are limited, with Retry-After; malformed ones do not count", async () => {
    vi.stubEnv("PARLEY_RATE_SIGNUPS_PER_IP", "2/3600");
    vi.resetModules();
    const fromOneAddress = async (body: unknown) => {
      const { cookie } = await guestCookie();
      return call("POST", "/api/auth/register", { body, headers: { cookie, ...sameSite, "x-forwarded-for": "198.51.100.23" } });
    };
    for (let i = 0; i < 3; i++) expect((await fromOneAddress({ name: "x" })).status).toBe(422);
    expect((await fromOneAddress({ name: `flood${unique()}`, password: PASSWORD })).status).toBe(201);
    expect((await fromOneAddress({ name: `flood${unique()}`, password: PASSWORD })).status).toBe(201);
    const third = await fromOneAddress({ name: `flood${unique()}`, password: PASSWORD });
    expect(third.status).toBe(429);
    expect(Number(third.headers.get("retry-after"))).toBeGreaterThan(0);
    // A spoofed X-Forwarded-For is not a new address (no proxy is trusted).
    const { cookie } = await guestCookie();
    const spoofed = await call("POST", "/api/auth/register", {
      body: { name: `flood${unique()}`, password: PASSWORD },
      headers: { cookie, ...sameSite, "x-forwarded-for": "10.9.8.7, 198.51.100.23" },
    });
    expect(spoofed.status).toBe(429);
  });

  it("names are one account however they are written: case, full-width and look-alike letters", async () => {
    const base = `alice${unique()}`;
    await registered(await browserUser(), base);
    const cyrillicA = "\u0430"; // looks like a Latin a
    for (const lookalike of [base.toUpperCase(), base.replace("a", cyrillicA), [...base].map((c) => String.fromCodePoint(c.codePointAt(0)! + 0xfee0)).join("")]) {
      const taken = await (await browserUser()).call("POST", "/api/auth/register", { body: { name: lookalike, password: PASSWORD } });
      expect([lookalike, taken.status]).toEqual([lookalike, 409]);
      expect((await taken.json()).error.code).toBe("name_taken");
    }
    // Logging in with another way of writing the name finds the account.
    await loggedIn(base.toUpperCase());
    // Chinese names are not folded together.
    const suffix = unique();
    await registered(await browserUser(), `张伟${suffix}`);
    await registered(await browserUser(), `张三${suffix}`);
  });

  it("passwords: at least 10 characters, not the name, not a common one", async () => {
    const name = `pw${unique()}`;
    const guest = await browserUser();
    for (const [password, reason] of [
      ["short pw", /at least 10/],
      [`my ${name} pass`, /name/],
      ["password123", /common/],
      ["qwertyuiop", /common/],
    ] as const) {
      const refused = await guest.call("POST", "/api/auth/register", { body: { name, password } });
      expect(refused.status).toBe(422);
      expect((await refused.json()).error.message).toMatch(reason);
    }
    expect((await guest.call("POST", "/api/auth/register", { body: { name, password: "密码足够长的句子了吧" } })).status).toBe(201);
  });

  it("closed sign-up refuses new names but lets the operator's admin names in", async () => {
    vi.stubEnv("PARLEY_SIGNUP", "closed");
    const admin = `boss${unique()}`;
    vi.stubEnv("PARLEY_ADMINS", `someone, ${admin.toUpperCase()}`);
    vi.resetModules();
    const refused = await (await browserUser()).call("POST", "/api/auth/register", { body: { name: `new${unique()}`, password: PASSWORD } });
    expect(refused.status).toBe(403);
    expect((await refused.json()).error.code).toBe("signup_closed");
    const { cookie } = await registered(await browserUser(), admin);
    expect((await (await asCookie(cookie, "GET", "/api/auth/me")).json()).user).toMatchObject({ name: admin, admin: true });
  });
});

describe("tokens and caps", () => {
  it("a token cannot create tokens, so revoking a leaked one ends it", async () => {
    const program = await tokenUser();
    const minted = await program.call("POST", "/api/tokens", { body: { name: "second" } });
    expect(minted.status).toBe(403);
    expect((await minted.json()).error.code).toBe("session_required");
  });

  it("a read-only token reads and cannot write; an expired token is refused", async () => {
    const ada = await browserUser();
    const session = await ada.json<{ id: string }>("POST", "/api/sessions", { body: { title: "读写" } });
    const readOnly = await ada.json<{ token: string; id: string; access: string; expiresAt: string }>("POST", "/api/tokens", {
      body: { name: "dashboard", access: "read-only", expiresInDays: 30 },
    });
    expect(readOnly.access).toBe("read-only");
    expect(new Date(readOnly.expiresAt).getTime() - Date.now()).toBeGreaterThan(29 * 24 * 3600 * 1000);
    const as = (token: string, method: string, path: string, body?: unknown) => call(method, path, { body, headers: { authorization: `Bearer ${token}` } });
    expect((await as(readOnly.token, "GET", `/api/sessions/${session.id}/messages`)).status).toBe(200);
    for (const [method, path, body] of [
      ["POST", "/api/sessions", {}],
      ["PATCH", `/api/sessions/${session.id}`, { title: "changed" }],
      ["DELETE", `/api/sessions/${session.id}`],
      ["POST", `/api/sessions/${session.id}/messages`, { message: "hi" }],
      ["POST", "/api/stats/reset"],
    ] as const) {
      const refused = await as(readOnly.token, method, path, body);
      expect([path, refused.status]).toEqual([path, 403]);
      expect((await refused.json()).error.code).toBe("read_only_token");
    }
    expect((await ada.json<{ title: string }>("GET", `/api/sessions/${session.id}`)).title).toBe("读写");

    await db().apiToken.update({ where: { id: readOnly.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const expired = await as(readOnly.token, "GET", "/api/sessions");
    expect(expired.status).toBe(401);
    expect((await expired.json()).error.code).toBe("invalid_token");
    for (const body of [{ name: "x", access: "admin" }, { name: "x", expiresInDays: 0 }, { name: "x", expiresInDays: 1e6 }]) {
      expect((await ada.call("POST", "/api/tokens", { body })).status).toBe(422);
    }
  });

  it("one user has at most 50 live tokens and 200 roles", async () => {
    const ada = await browserUser();
    await db().apiToken.createMany({ data: Array.from({ length: 50 }, (_, i) => ({ userId: ada.userId, name: `t${i}`, tokenHash: `${ada.userId}-${i}` })) });
    const tooMany = await ada.call("POST", "/api/tokens", { body: { name: "one more" } });
    expect(tooMany.status).toBe(409);
    expect((await tooMany.json()).error.code).toBe("too_many_tokens");
    const first = await db().apiToken.findFirstOrThrow({ where: { userId: ada.userId } });
    expect((await ada.call("DELETE", `/api/tokens/${first.id}`)).status).toBe(204);
    expect((await ada.call("POST", "/api/tokens", { body: { name: "one more" } })).status).toBe(201);

    await db().role.createMany({ data: Array.from({ length: 200 }, (_, i) => ({ userId: ada.userId, name: `r${i}`, systemPrompt: "p" })) });
    const role = await ada.call("POST", "/api/roles", { body: { name: "one more", systemPrompt: "You help." } });
    expect(role.status).toBe(409);
    expect((await role.json()).error.code).toBe("too_many_roles");
  });
});

describe("cookies over HTTPS", () => {
  it("are __Host- and Secure, and work", async () => {
    const { name } = await registered(await browserUser());
    const login = await call("POST", "/api/auth/login", { body: { name, password: PASSWORD }, headers: { ...sameSite, "x-forwarded-proto": "https" } });
    expect(login.status).toBe(200);
    const setCookie = login.headers.getSetCookie().find((c) => c.startsWith("__Host-parley.session="))!;
    expect(setCookie).toMatch(/; Path=\/;/);
    expect(setCookie).toMatch(/; Secure/);
    expect(setCookie).not.toMatch(/Domain=/i);
    expect((await asCookie(setCookie.split(";")[0]!, "GET", "/api/auth/me")).status).toBe(200);
  });
});

describe("guests (proxy.ts)", () => {
  const pageView = async (headers: Record<string, string> = {}) => {
    const { proxy } = await import("@/proxy");
    return proxy(new NextRequest(`${ORIGIN}/`, { headers: { "x-forwarded-for": "198.51.100.77", ...headers } }));
  };

  it("a first page view makes a guest with a session; the next one keeps it", async () => {
    const first = await pageView();
    const cookie = sessionCookie(first);
    const me = await asCookie(cookie, "GET", "/api/auth/me");
    expect((await me.json()).user).toMatchObject({ guest: true, name: null });
    const again = await pageView({ cookie });
    expect(again.headers.getSetCookie().filter((c) => c.includes("parley.session="))).toEqual([]);
  });

  it("fresh guests per address are limited, with Retry-After", async () => {
    vi.stubEnv("PARLEY_RATE_GUESTS_PER_IP", "2/3600");
    vi.resetModules();
    const address = { "x-forwarded-for": "198.51.100.88" };
    expect((await pageView(address)).status).toBe(200);
    expect((await pageView(address)).status).toBe(200);
    const third = await pageView(address);
    expect(third.status).toBe(429);
    expect(Number(third.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("with guests off, nobody becomes a guest: pages send them to log in", async () => {
    vi.stubEnv("PARLEY_GUESTS", "off");
    vi.resetModules();
    const before = await db().user.count();
    const response = await pageView();
    expect(response.status).toBe(307);
    expect(new URL(response.headers.get("location")!).pathname).toBe("/login");
    expect(await db().user.count()).toBe(before);
  });

  it("a browser holding a pre-Better-Auth identity cookie keeps its user", async () => {
    const { SignJWT } = await import("jose");
    const { authSecret } = await import("@/lib/auth/secret");
    const guest = await browserUser();
    const legacy = await new SignJWT({}).setProtectedHeader({ alg: "HS256" }).setSubject(guest.userId).setIssuedAt().sign(new TextEncoder().encode(authSecret()));
    const response = await pageView({ cookie: `parley_id=${legacy}` });
    const me = await asCookie(sessionCookie(response), "GET", "/api/auth/me");
    expect((await me.json()).user.id).toBe(guest.userId);
    expect(response.headers.getSetCookie()).toContainEqual(expect.stringMatching(/^parley_id=; Path=\/; Max-Age=0/));
  });
});
